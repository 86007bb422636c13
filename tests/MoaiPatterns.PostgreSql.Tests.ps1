#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The PostgreSQL backend as users meet it, against a private server this file starts (tests/PostgresCluster.ps1):
# addresses in -Store and $env:MOAI_PATTERN_STORE, Open-MoaiPatternStore -ConnectionString -Credential,
# the server's failures as ErrorIds, migration both ways through the pipeline, and a password that never shows.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/MoaiPatterns/MoaiPatterns.psd1') -Force -ErrorAction Stop
    . (Join-Path $PSScriptRoot 'PostgresCluster.ps1')
    Start-TestPostgres | Out-Null
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $script:ModulePath = (Resolve-Path (Join-Path $PSScriptRoot '../out/MoaiPatterns/MoaiPatterns.psd1')).Path

    function script:New-Patterns([int] $Count) {
        $base = [DateTimeOffset]::new(2025, 6, 1, 0, 0, 0, [TimeSpan]::FromHours(2))
        foreach ($i in 1..$Count) {
            New-MoaiPattern -Type TaskCompletion -Id ("mig-{0:D4}" -f $i) -Timestamp $base.AddMinutes($i).AddTicks($i * 1234) `
                -Data @{ task_type = 'migrate'; agent = "Agent-$($i % 3)"; duration_ms = $i * 10; success = ($i % 2 -eq 0); coverage_percent = 50.0 + $i / 8 } `
                -Tag "batch$($i % 4)", 'Ünïcode'
        }
    }
}

AfterAll {
    Stop-TestPostgres
}

Describe 'PostgreSQL addresses' {
    It 'saves and finds through a postgresql:// address, and the store says PostgreSql' {
        $addr = Get-TestPostgresAddress
        New-Patterns 5 | Save-MoaiPattern -Store $addr
        (Find-MoaiPattern -Store $addr -Tag 'ÜNÏCODE').Count | Should -Be 5
        $info = Get-MoaiPatternStore -Store $addr
        $info.Backend | Should -Be 'PostgreSql'
        $info.Count | Should -Be 5
        $info.Path | Should -Not -Match ([regex]::Escape($script:TestPg.Password))
    }

    It 'takes the address from $env:MOAI_PATTERN_STORE, also as postgres://' {
        $addr = (Get-TestPostgresAddress) -replace '^postgresql://', 'postgres://'
        $env:MOAI_PATTERN_STORE = $addr
        try {
            New-Patterns 3 | Save-MoaiPattern
            (Find-MoaiPattern).Count | Should -Be 3
        } finally { Remove-Item Env:MOAI_PATTERN_STORE }
    }

    It 'opens with -ConnectionString and -Credential, schema from Search Path, and -Backend PostgreSql' {
        $schema = 'cs_' + [guid]::NewGuid().ToString('N').Substring(0, 10)
        $cs = "Host=$($script:TestPg.Host);Port=$($script:TestPg.Port);Database=postgres;Search Path=$schema"
        $store = Open-MoaiPatternStore -ConnectionString $cs -Credential (Get-TestPostgresCredential)
        $store.Backend | Should -Be 'PostgreSql'
        "$store" | Should -BeLike "postgresql://$($script:TestPg.User)@*schema=$schema"
        New-Patterns 2 | Save-MoaiPattern -Store $store
        $byAddress = Open-MoaiPatternStore (Get-TestPostgresAddress -Schema $schema -NoPassword) -Backend PostgreSql -Credential (Get-TestPostgresCredential)
        (Find-MoaiPattern -Store $byAddress).Count | Should -Be 2
    }

    It 'refuses -Backend Sqlite with an address as InvalidArgument' {
        { Open-MoaiPatternStore (Get-TestPostgresAddress) -Backend Sqlite -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidArgument,MoaiPatterns.Commands.OpenMoaiPatternStoreCommand'
    }
}

Describe 'PostgreSQL failures as ErrorIds' {
    It 'a wrong password is StoreAuthenticationFailed' {
        $addr = "postgresql://$($script:TestPg.User):not-the-password@$($script:TestPg.Host):$($script:TestPg.Port)/postgres"
        { Find-MoaiPattern -Store $addr -ErrorAction Stop } | Should -Throw -ErrorId 'StoreAuthenticationFailed,MoaiPatterns.Commands.FindMoaiPatternCommand'
    }
    It 'no server on the port is StoreUnreachable' {
        { Find-MoaiPattern -Store 'postgresql://u@127.0.0.1:1/db' -ErrorAction Stop } | Should -Throw -ErrorId 'StoreUnreachable,MoaiPatterns.Commands.FindMoaiPatternCommand'
    }
    It 'a missing database is StoreNotFound' {
        { Save-MoaiPattern -Store (Get-TestPostgresAddress -Database 'no_such_db') -Type TaskCompletion -Data @{ task_type = 't'; agent = 'a'; duration_ms = 1; success = $true } -ErrorAction Stop } |
            Should -Throw -ErrorId 'StoreNotFound,MoaiPatterns.Commands.SaveMoaiPatternCommand'
    }
    It 'a user without CREATE is StorePermissionDenied' {
        $role = 'ro_' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $admin = Get-TestPostgresAddress -Schema ('adm_' + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $env:PGPASSWORD = $script:TestPg.Password
        try {
            & (Join-Path (bash (Join-Path $PSScriptRoot '../build/pg-cluster.sh') bin) 'psql') -h $script:TestPg.Host -p $script:TestPg.Port -U $script:TestPg.User -d postgres -q -c "CREATE ROLE $role LOGIN PASSWORD 'Ro-Pw-1'" | Out-Null
        } finally { Remove-Item Env:PGPASSWORD }
        $addr = "postgresql://${role}:Ro-Pw-1@$($script:TestPg.Host):$($script:TestPg.Port)/postgres?schema=newone"
        { Save-MoaiPattern -Store $addr -Type TaskCompletion -Data @{ task_type = 't'; agent = 'a'; duration_ms = 1; success = $true } -ErrorAction Stop } |
            Should -Throw -ErrorId 'StorePermissionDenied,MoaiPatterns.Commands.SaveMoaiPatternCommand'
    }
}

Describe 'Migration through the pipeline' {
    It 'SQLite -> PostgreSQL -> filesystem -> PostgreSQL keeps every pattern byte for byte' {
        $db = Join-Path $TestDrive 'patterns.db'
        $fs = Join-Path $TestDrive 'fs'
        $pg = Get-TestPostgresAddress
        $pg2 = Get-TestPostgresAddress
        New-Patterns 120 | Save-MoaiPattern -Store $db
        Find-MoaiPattern -Store $db | Save-MoaiPattern -Store $pg
        Find-MoaiPattern -Store $pg | Save-MoaiPattern -Store $fs
        Find-MoaiPattern -Store $fs | Save-MoaiPattern -Store $pg2
        $files = foreach ($s in $db, $pg, $fs, $pg2) {
            $f = Join-Path $TestDrive ("export-" + [guid]::NewGuid().ToString('N') + '.jsonl')
            Find-MoaiPattern -Store $s | Export-MoaiPattern -Path $f
            $f
        }
        (Get-Content $files[0]).Count | Should -Be 120
        foreach ($f in $files[1..3]) { Get-FileHash $f | ForEach-Object Hash | Should -Be (Get-FileHash $files[0]).Hash }
    }
}

Describe 'The password never shows' {
    It 'appears in nothing a succeeding or failing command prints, verbose text, errors or the store object' {
        $addr = Get-TestPostgresAddress
        $script = @'
Import-Module $env:MOAI_TEST_MODULE
$addr = $env:MOAI_TEST_ADDR
& {
    Save-MoaiPattern -Store $addr -Type TaskCompletion -Data @{ task_type = 't'; agent = 'a'; duration_ms = 1; success = $true } -Verbose -PassThru | Format-List *
    Find-MoaiPattern -Store $addr -Verbose | Format-Table
    $s = Open-MoaiPatternStore $addr -Verbose
    $s | Format-List * -Force
    "ToString: $s"
    Get-MoaiPatternStore -Store $s -Verbose | Format-List *
    Remove-MoaiPatternOld -Store $addr -Days 1 -WhatIf -Verbose
    Repair-MoaiPatternStore -Store $addr -Verbose | Format-List *
    Find-MoaiPattern -Store ($addr -replace ':\d+/', ':1/') -Verbose
    Find-MoaiPattern -Store ($addr -replace '/postgres\?', '/no_db?') -Verbose
    Find-MoaiPattern -Store ($addr -replace '\?schema=', '?bogus=1&schema=') -Verbose
    Find-MoaiPattern -Store ($addr -replace '\?schema=\w+', '?schema=never_made') -Verbose
    $Error | Format-List * -Force
    $Error | ForEach-Object { $_.Exception.ToString(); $_.ErrorDetails; $_.TargetObject }
} *>&1 | Out-String -Width 300
'@
        $file = Join-Path $TestDrive 'leak.ps1'
        Set-Content -Path $file -Value $script
        $env:MOAI_TEST_MODULE = $script:ModulePath
        $env:MOAI_TEST_ADDR = $addr
        try {
            $out = & $script:Pwsh -NoProfile -NonInteractive -File $file 2>&1 | Out-String
        } finally { Remove-Item Env:MOAI_TEST_ADDR, Env:MOAI_TEST_MODULE }
        $out | Should -Match 'postgresql://'
        $out | Should -Match 'StoreUnreachable'
        $out | Should -Match 'StoreNotFound'
        $out | Should -Match 'NotAPatternStore'
        $out | Should -Not -Match ([regex]::Escape($script:TestPg.Password))
    }

    It 'never prompts for a password in a non-interactive session' {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $out = & $script:Pwsh -NoProfile -NonInteractive -Command "Import-Module '$script:ModulePath'; Open-MoaiPatternStore '$(Get-TestPostgresAddress -NoPassword)' -Credential '$($script:TestPg.User)'" 2>&1 | Out-String
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 60
        $out | Should -Not -Match 'Enter your credentials|Password for user'
        $LASTEXITCODE | Should -Not -Be 0
    }
}
