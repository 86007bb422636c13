#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 suite for what a person sees in a real shell (issue 10): views at 80 columns, arrays
# given to -InputObject, result strings, online help, Save -WhatIf, verbose store lines, progress,
# completion tooltips and stores known by content. Runs the built module from out/MoaiPatterns
# against stores under $TestDrive.

BeforeDiscovery {
    # Every exported cmdlet, as the manifest lists them: the help checks cover each new cmdlet without a list to keep in step.
    $script:ExportedCmdlets = @((Import-PowerShellDataFile (Join-Path $PSScriptRoot '../MoaiPatterns.psd1')).CmdletsToExport)
}

BeforeAll {
    $script:ModulePath = Join-Path $PSScriptRoot '../out/MoaiPatterns/MoaiPatterns.psd1'
    Import-Module $script:ModulePath -Force -ErrorAction Stop

    function script:New-Error([string] $Id, [string] $Message = 'unsupported operand type(s) for +: int and str') {
        New-MoaiPattern -Id $Id -Timestamp '2024-05-01T12:34:00Z' -Type ErrorOccurrence -Tag backend `
            -Data @{ error_type = 'TypeError'; error_message = $Message }
    }
    function script:New-Task([string] $Id, [string] $Agent = 'coder') {
        New-MoaiPattern -Id $Id -Timestamp '2024-05-02T08:00:00Z' -Type TaskCompletion -Tag backend, api `
            -Data @{ task_type = 'code_generation'; agent = $Agent; duration_ms = 2500; success = $true }
    }
    # A seed-shaped dict that breaks a rule (error_message is missing).
    function script:New-BadDict([string] $Id = 'bad') {
        @{ pattern_id = $Id; pattern_type = 'error_occurrence'; timestamp = '2024-05-01T12:00:00Z'; data = @{ error_type = 'E' } }
    }
    function script:Lines([string] $Text) { @($Text -split "`r?`n" | Where-Object { $_.Trim() }) }
    # The verbose lines a script block writes, also when it ends in a terminating error (output and errors are dropped).
    function script:Verbose-Of([scriptblock] $Script) {
        $VerbosePreference = 'Continue'
        $records = [System.Collections.Generic.List[object]]::new()
        try { & $Script 4>&1 2>$null | ForEach-Object { $records.Add($_) } } catch { $null = $_ }
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
    }
}

AfterAll {
    Remove-Module MoaiPatterns -Force -ErrorAction SilentlyContinue
}

Describe 'Table views at 80 columns' {
    BeforeAll {
        $script:store = Join-Path $TestDrive 'views'
        @(
            (New-Error -Id 'e1')
            (New-Task -Id 't1' -Agent 'a-rather-long-agent-name')
            (New-MoaiPattern -Id 'u1' -Timestamp '2024-05-03T09:00:00Z' -Type UserCorrection -Tag frontend, ui, review `
                -Data @{ original_output = 'a'; corrected_output = 'b'; correction_type = 'style'; agent = 'coder' })
            (New-MoaiPattern -Id 'g1' -Timestamp '2024-05-04T10:00:00Z' -Type AgentUsage `
                -Data @{ agent_type = 'reviewer'; task_type = 'review'; success = $false; duration_ms = 120 })
        ) | Save-MoaiPattern -Store $store
    }

    # Format-Table | Out-String is the real Utility formatter: the hosted stand-ins cannot pipe a table into Out-String.
    It 'shows the error text of Find -Type ErrorOccurrence -Tag backend | Format-Table at width 80' -Tag RequiresPwsh {
        $text = Find-MoaiPattern -Store $store -Type ErrorOccurrence -Tag backend | Format-Table | Out-String -Width 80
        $lines = Lines $text
        $lines[0] | Should -Match '^Time\s+Type\s+Agent\s+Tags\s+Summary$'   # one header line: nothing wrapped
        $lines[1] | Should -Match '^[-\s]+$'
        $lines[2] | Should -Match '\sError\s+backend\s+TypeError: unsupported op\S*…$'   # the summary takes the rest of the line
        $lines[2].Length | Should -BeGreaterOrEqual 78
        $text | Should -Match ([regex]::Escape(([DateTimeOffset]'2024-05-01T12:34:00Z').ToLocalTime().ToString('yyyy-MM-dd HH:mm')))
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because $_ }
    }

    It 'fits every pattern type in 80 columns with short type names' {
        $lines = Lines (Find-MoaiPattern -Store $store | Out-String -Width 80)
        $lines | Should -HaveCount 6
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because $_ }
        ($lines -join "`n") | Should -Match '(?m)^\S+ \S+\s+Usage\s+reviewer\s+review FAILED 120 ms$'
        ($lines -join "`n") | Should -Match '(?m)^\S+ \S+\s+Correction\s+coder\s+frontend'
        ($lines -join "`n") | Should -Match '(?m)^\S+ \S+\s+Task\s+a-rather-\S*…\s+backend, api\s+code_generation ok 2\.5 s$'
    }

    It 'gives the extra width of a wide console to the summary' {
        $long = 'x' * 40
        New-Error -Id 'e2' -Message "unsupported operand $long" | Save-MoaiPattern -Store $store
        $text = Get-MoaiPattern -Store $store -Id 'e2' | Out-String -Width 140
        $text | Should -Match ([regex]::Escape("TypeError: unsupported operand $long"))
        (Lines $text) | ForEach-Object { $_.Length | Should -BeLessOrEqual 140 }
        Remove-MoaiPattern -Store $store -Id 'e2'
    }

    It 'renders <Name> within 80 columns without a wrapped header' -ForEach @(
        @{ Name = 'a ValidationResult'; Header = '^IsValid\s+PatternId\s+Errors$'
            Make = { Test-MoaiPattern -Detailed -InputObject @{ pattern_id = 'v-1'; pattern_type = 'task_completion'; timestamp = '2024-05-01T12:00:00Z'
                    data = @{ task_type = 'x'; agent = 'a'; duration_ms = -5; success = 'yes'; coverage_percent = 300 } } } }
        @{ Name = 'validation errors'; Header = '^Field\s+Rule\s+Message$'
            Make = { (Test-MoaiPattern -Detailed -InputObject @{ pattern_type = 'x'; data = @{ coverage_percent = 300 } }).Errors } }
        @{ Name = 'a store object'; Header = '^Backend\s+Path$'; Make = { Open-MoaiPatternStore -Path $store } }
    ) {
        $lines = Lines (& $Make | Out-String -Width 80)
        $lines[0] | Should -Match $Header
        $lines[1] | Should -Match '^[-\s]+$'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because $_ }
    }

    It 'starts each validation error on its own line in the ValidationResult table' {
        $text = Test-MoaiPattern -Detailed -InputObject @{ pattern_id = 'v-2'; pattern_type = 'task_completion'; timestamp = '2024-05-01T12:00:00Z'
            data = @{ task_type = 'x'; agent = 'a'; duration_ms = -5; success = 'yes' } } | Out-String -Width 80
        $text | Should -Match '(?m)^False\s+v-2\s+data\.duration_ms: '
        $text | Should -Match '(?m)^\s+data\.success: '
    }
}

Describe 'Arrays given to -InputObject' {
    It 'Save-MoaiPattern -InputObject @($a, $b) saves both, as the pipeline would' {
        $store = Join-Path $TestDrive 'array-save'
        $saved = Save-MoaiPattern -Store $store -InputObject @((New-Error -Id 'a1'), (New-Task -Id 'b1')) -PassThru
        $saved.PatternId | Should -Be @('a1', 'b1')
        (Get-MoaiPattern -Store $store -Id 'a1', 'b1').PatternId | Should -Be @('a1', 'b1')
    }

    It 'reports a bad item of the array and saves the others' {
        $store = Join-Path $TestDrive 'array-mixed'
        $bad = New-BadDict
        $errors = $null
        Save-MoaiPattern -Store $store -InputObject @((New-Error -Id 'm1'), $bad, (New-Task -Id 'm2')) -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidPattern,MoaiPatterns.Commands.SaveMoaiPatternCommand'
        $errors[0].TargetObject.pattern_id | Should -Be 'bad'
        (Find-MoaiPattern -Store $store).PatternId | Should -Be @('m2', 'm1')
    }

    It 'creates no store when nothing is saved (<Name>)' -ForEach @(
        @{ Name = 'every item invalid'; Make = { @((New-BadDict 'x1'), (New-BadDict 'x2')) } }
        @{ Name = 'an empty array'; Make = { , @() } }
        @{ Name = 'an invalid typed pattern'; Make = { $p = New-Error -Id 'typed'; $p.Data.ErrorMessage = $null; $p } }
    ) {
        $store = Join-Path $TestDrive ('nothing-' + [guid]::NewGuid().ToString('N'))
        Save-MoaiPattern -Store $store -InputObject (& $Make) -ErrorAction SilentlyContinue
        Test-Path $store | Should -BeFalse
        $db = "$store.db"
        Save-MoaiPattern -Store $db -InputObject (& $Make) -ErrorAction SilentlyContinue
        Test-Path $db | Should -BeFalse
    }

    It 'Test-MoaiPattern -InputObject @($good, $bad) answers once per item' {
        Test-MoaiPattern -InputObject @((New-Error -Id 'g'), (New-BadDict)) | Should -Be @($true, $false)
        $results = Test-MoaiPattern -Detailed -InputObject @((New-Error -Id 'g'), (New-BadDict))
        $results | Should -HaveCount 2
        $results[1].Errors.Field | Should -Contain 'data.error_message'
    }

    It 'still treats a hashtable as one pattern, not as a list of entries' {
        Test-MoaiPattern -InputObject (New-BadDict) | Should -Be $false
        @(Test-MoaiPattern -InputObject (New-BadDict)) | Should -HaveCount 1
    }
}

Describe 'Results as strings' {
    BeforeAll {
        $script:store = Join-Path $TestDrive 'strings'
        New-Error -Id 'old' | Save-MoaiPattern -Store $store
        New-MoaiPattern -Id 'new' -Type ErrorOccurrence -Data @{ error_type = 'E'; error_message = 'm' } | Save-MoaiPattern -Store $store
    }

    It '"$result" of <Name> is a line a log can keep' -ForEach @(
        @{ Name = 'a RetentionResult (WhatIf)'; Make = { Remove-MoaiPatternOld -Store $store -RetentionDays 30 -WhatIf }
            Expected = "^Would remove 1 pattern\(s\) older than \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ from '.*strings' \(FileSystem\)\.$" }
        @{ Name = 'a CompressionResult (WhatIf)'; Make = { Compress-MoaiPatternStore -Store $store -OlderThanDays 30 -WhatIf }
            Expected = "^Would compress 1 file\(s\) older than .* in '.*strings' \(FileSystem\): [\d,]+ -> [\d,]+ bytes\.$" }
        @{ Name = 'a RepairResult'; Make = { Repair-MoaiPatternStore -Store $store -WhatIf }
            Expected = "^'.*strings' \(FileSystem\) is healthy: 2 pattern\(s\)\.$" }
        @{ Name = 'a StoreInfo'; Make = { Get-MoaiPatternStore -Store $store }
            Expected = "^'.*strings' \(FileSystem\): 2 pattern\(s\) \(ErrorOccurrence=2\), .* bytes\.$" }
        @{ Name = 'a store object'; Make = { Open-MoaiPatternStore -Path $store }; Expected = '[/\\]strings$' }
        @{ Name = 'an invalid ValidationResult'; Make = { Test-MoaiPattern -Detailed -InputObject (New-BadDict 'vr') }
            Expected = "^Invalid pattern 'vr': data\.error_message: " }
        @{ Name = 'a valid ValidationResult'; Make = { Test-MoaiPattern -Detailed -InputObject (New-Error -Id 'ok') }; Expected = "^Valid pattern 'ok'\.$" }
    ) {
        $result = & $Make
        "$result" | Should -Match $Expected
        "$result" | Should -Not -Match '^MoaiPatterns\.'
    }

    It 'says what retention removed after it ran' {
        $r = Remove-MoaiPatternOld -Store $store -RetentionDays 30
        "$r" | Should -Match '^Removed 1 pattern\(s\) older than '
    }
}

Describe 'Online help' {
    It 'Get-Help <_> -Online has an absolute https address for the cmdlet''s own page, and no relative link' -ForEach $ExportedCmdlets {
        # Get-Help -Online opens the first non-empty uri of the related links, and fails on a relative one.
        $uris = @((Get-Help $_).relatedLinks.navigationLink | ForEach-Object { "$($_.uri)".Trim() } | Where-Object { $_ })
        $uris.Count | Should -BeGreaterThan 0
        $uris[0] | Should -BeExactly "https://github.com/moai-patterns/MoaiPatterns/blob/main/help/$_.md"
        foreach ($uri in $uris) {
            [uri]::IsWellFormedUriString($uri, [UriKind]::Absolute) | Should -BeTrue -Because $uri
            ([uri] $uri).Scheme | Should -Be 'https'
        }
    }

    It 'points into the project the manifest names' {
        $project = (Import-PowerShellDataFile $ModulePath).PrivateData.PSData.ProjectUri
        (Get-Help Find-MoaiPattern).relatedLinks.navigationLink[0].uri | Should -BeLike "$project/*"
    }

    It 'opens the address in the browser (a stand-in xdg-open records it)' -Tag RequiresPwsh -Skip:(-not $IsLinux) {
        $bin = Join-Path $TestDrive 'fake-browser'
        $null = New-Item -ItemType Directory -Path $bin
        $record = Join-Path $TestDrive 'opened.txt'
        Set-Content -Path (Join-Path $bin 'xdg-open') -Value "#!/bin/sh`necho `"`$1`" > '$record'"
        chmod +x (Join-Path $bin 'xdg-open')
        $pwsh = Join-Path $PSHOME 'pwsh'
        $oldPath = $env:PATH
        try {
            $env:PATH = "$bin$([IO.Path]::PathSeparator)$oldPath"
            $out = & $pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; Get-Help Save-MoaiPattern -Online" 2>&1
        }
        finally { $env:PATH = $oldPath }
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (-not (Test-Path $record) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        (Get-Content $record -Raw).Trim() | Should -Be 'https://github.com/moai-patterns/MoaiPatterns/blob/main/help/Save-MoaiPattern.md'
    }
}

Describe 'Save-MoaiPattern -WhatIf and -Confirm' {
    It 'supports ShouldProcess with ConfirmImpact Low' {
        $cmd = Get-Command Save-MoaiPattern
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.Parameters.Keys | Should -Contain 'Confirm'
        $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact | Should -Be 'Low'
    }

    It 'writes nothing and creates no <Kind> store with -WhatIf' -ForEach @(@{ Kind = 'filesystem'; Leaf = 'whatif' }, @{ Kind = 'SQLite'; Leaf = 'whatif.db' }) {
        $store = Join-Path $TestDrive $Leaf
        $out = Save-MoaiPattern -Store $store -InputObject @((New-Error -Id 'w1'), (New-Task -Id 'w2')) -PassThru -WhatIf
        @($out | Where-Object { $_ -is [MoaiPatterns.MoaiPattern] }) | Should -HaveCount 0
        Test-Path $store | Should -BeFalse
        Save-MoaiPattern -Store $store -Type TaskCompletion -Data @{ task_type = 't'; agent = 'a'; duration_ms = 1; success = $true } -WhatIf
        Test-Path $store | Should -BeFalse
    }

    It 'leaves an existing store unchanged with -WhatIf' {
        $store = Join-Path $TestDrive 'whatif-existing'
        New-Error -Id 'keep' | Save-MoaiPattern -Store $store
        New-Task -Id 'skip' | Save-MoaiPattern -Store $store -WhatIf
        (Find-MoaiPattern -Store $store).PatternId | Should -Be 'keep'
    }

    It 'saves without asking by default and with -Confirm:$false' {
        $store = Join-Path $TestDrive 'confirm-false'
        New-Error -Id 'c1' | Save-MoaiPattern -Store $store
        New-Task -Id 'c2' | Save-MoaiPattern -Store $store -Confirm:$false
        (Find-MoaiPattern -Store $store).PatternId | Should -Be @('c2', 'c1')
    }

    It 'never prompts in a non-interactive session, even with $ConfirmPreference Low' -Tag RequiresPwsh {
        $store = Join-Path $TestDrive 'confirm-low'
        $pwsh = Join-Path $PSHOME 'pwsh'
        $script = "Import-Module '$ModulePath'; `$ConfirmPreference = 'Low'; " +
            "(Save-MoaiPattern -Store '$store' -Type TaskCompletion -Data @{ task_type = 't'; agent = 'a'; duration_ms = 1; success = `$true } -PassThru).PatternType"
        $out = & $pwsh -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        ($out | Select-Object -Last 1) | Should -Be 'TaskCompletion'
    }
}

Describe 'Verbose names the store' {
    BeforeAll {
        $script:fs = Join-Path $TestDrive 'verbose-fs'
        $script:db = Join-Path $TestDrive 'verbose.db'
        New-Error -Id 'v1' | Save-MoaiPattern -Store $fs
        New-Error -Id 'v1' | Save-MoaiPattern -Store $db
    }

    It '<Name> says which store it uses' -ForEach @(
        @{ Name = 'Save-MoaiPattern'; Run = { param($s) New-Task -Id 'v2' | Save-MoaiPattern -Store $s } }
        @{ Name = 'Get-MoaiPattern'; Run = { param($s) Get-MoaiPattern -Store $s -Id 'v1' } }
        @{ Name = 'Find-MoaiPattern'; Run = { param($s) Find-MoaiPattern -Store $s } }
        @{ Name = 'Remove-MoaiPattern'; Run = { param($s) Remove-MoaiPattern -Store $s -Id 'v2' } }
        @{ Name = 'Remove-MoaiPatternOld'; Run = { param($s) Remove-MoaiPatternOld -Store $s -WhatIf } }
        @{ Name = 'Compress-MoaiPatternStore'; Run = { param($s) Compress-MoaiPatternStore -Store $s -WhatIf } }
        @{ Name = 'Get-MoaiPatternStore'; Run = { param($s) Get-MoaiPatternStore -Store $s } }
        @{ Name = 'Repair-MoaiPatternStore'; Run = { param($s) Repair-MoaiPatternStore -Store $s -WhatIf } }
        @{ Name = 'Open-MoaiPatternStore'; Run = { param($s) Open-MoaiPatternStore -Path $s } }
    ) {
        $fsLines = Verbose-Of { & $Run $fs }
        ($fsLines -join "`n") | Should -Match ("filesystem pattern store '" + [regex]::Escape($fs) + "'")
        $dbLines = Verbose-Of { & $Run $db }
        ($dbLines -join "`n") | Should -Match ("SQLite pattern store '" + [regex]::Escape($db) + "'")
    }

    It 'says where a default came from: <Source>' -ForEach @(
        @{ Source = '$env:MOAI_PATTERN_STORE'; Env = 'verbose-env'; Expected = 'verbose-env'' \(from \$env:MOAI_PATTERN_STORE\)' }
        @{ Source = 'the default ./.moai/patterns'; Env = ''; Expected = '\.moai[/\\]patterns'' \(from the default \./\.moai/patterns\)' }
    ) {
        $old = $env:MOAI_PATTERN_STORE
        Push-Location $TestDrive
        try {
            $env:MOAI_PATTERN_STORE = if ($Env) { Join-Path $TestDrive $Env } else { $null }
            $lines = Verbose-Of { Find-MoaiPattern -ErrorAction SilentlyContinue }
        }
        finally { Pop-Location; $env:MOAI_PATTERN_STORE = $old }
        ($lines -join "`n") | Should -Match $Expected
    }

    It 'says it once per command, however many items pass' {
        $lines = Verbose-Of { 1..5 | ForEach-Object { New-Task -Id "once-$_" } | Save-MoaiPattern -Store $fs }
        @($lines | Where-Object { $_ -like 'Using the *' }) | Should -HaveCount 1
    }

    It 'names the store a piped pattern is removed from' {
        New-Task -Id 'piped' | Save-MoaiPattern -Store $db
        $lines = Verbose-Of { Get-MoaiPattern -Store $db -Id 'piped' | Remove-MoaiPattern }
        ($lines -join "`n") | Should -Match ("SQLite pattern store '" + [regex]::Escape($db) + "' \(where the pattern was read from\)")
    }

    It 'never shows a password from a store address' {
        $old = $env:MOAI_PATTERN_STORE
        try {
            $env:MOAI_PATTERN_STORE = 'postgresql://moai:s3cret-pw@db.example:5432/patterns'
            $all = & { Find-MoaiPattern -Verbose } *>&1 2>&1 | ForEach-Object { "$_" }
        }
        catch { $all = "$_" }
        finally { $env:MOAI_PATTERN_STORE = $old }
        ($all -join "`n") | Should -Not -Match 's3cret-pw'
    }
}

Describe 'Id completion tooltips' {
    It 'shows the type, time and summary of each id' {
        $store = Join-Path $TestDrive 'complete-tips'
        New-Error -Id 'tip-err' | Save-MoaiPattern -Store $store
        New-Task -Id 'tip-task' | Save-MoaiPattern -Store $store
        $line = "Get-MoaiPattern -Store '$store' -Id tip"
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $err = $found | Where-Object CompletionText -EQ 'tip-err'
        $time = ([DateTimeOffset]'2024-05-01T12:34:00Z').ToLocalTime().ToString('yyyy-MM-dd HH:mm')
        $err.ToolTip | Should -BeExactly "ErrorOccurrence at $time`: TypeError: unsupported operand type(s) for +: int and str"
        ($found | Where-Object CompletionText -EQ 'tip-task').ToolTip | Should -Match '^TaskCompletion at .*: code_generation ok 2\.5 s$'
        ($found | Where-Object CompletionText -EQ 'tip-task').ListItemText | Should -Be 'tip-task'
    }
}

Describe 'Stores known by content' {
    It 'uses a store opened with -Backend Sqlite as SQLite when later given by path alone' {
        $path = Join-Path $TestDrive 'no-extension'
        (Open-MoaiPatternStore -Path $path -Backend Sqlite).Backend | Should -Be 'Sqlite'
        New-Error -Id 'k1' | Save-MoaiPattern -Store $path
        [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($path), 0, 16) | Should -BeExactly "SQLite format 3`0"
        (Get-MoaiPatternStore -Store $path).Backend | Should -Be 'Sqlite'
        (Find-MoaiPattern -Store $path).PatternId | Should -Be 'k1'
        (Open-MoaiPatternStore -Path $path).Backend | Should -Be 'Sqlite'
    }

    It 'refuses a CSV file given as -Store to <Name> with NotAPatternStore' -ForEach @(
        @{ Name = 'Find-MoaiPattern'; Type = 'FindMoaiPatternCommand'; Run = { param($s) Find-MoaiPattern -Store $s } }
        @{ Name = 'Save-MoaiPattern'; Type = 'SaveMoaiPatternCommand'; Run = { param($s) New-Error -Id 'csv' | Save-MoaiPattern -Store $s } }
        @{ Name = 'Get-MoaiPatternStore'; Type = 'GetMoaiPatternStoreCommand'; Run = { param($s) Get-MoaiPatternStore -Store $s } }
        @{ Name = 'Repair-MoaiPatternStore'; Type = 'RepairMoaiPatternStoreCommand'; Run = { param($s) Repair-MoaiPatternStore -Store $s } }
        @{ Name = 'Open-MoaiPatternStore'; Type = 'OpenMoaiPatternStoreCommand'; Run = { param($s) Open-MoaiPatternStore -Path $s } }
        @{ Name = 'Open-MoaiPatternStore -Backend Sqlite'; Type = 'OpenMoaiPatternStoreCommand'; Run = { param($s) Open-MoaiPatternStore -Path $s -Backend Sqlite } }
    ) {
        $csv = Join-Path $TestDrive 'patterns.csv'
        Set-Content -Path $csv -Value 'id,type', '1,error'
        $before = Get-Content $csv -Raw
        $caught = $null
        try { & $Run $csv } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeExactly "NotAPatternStore,MoaiPatterns.Commands.$Type"
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.TargetObject | Should -Be $csv
        $caught.Exception.Message | Should -Match 'is not a pattern store'
        $caught.Exception.Message | Should -Not -Match 'Repair'
        Get-Content $csv -Raw | Should -BeExactly $before
    }

    It 'refuses -Backend FileSystem for a SQLite file, naming what it is' {
        $db = Join-Path $TestDrive 'real.db'
        New-Error -Id 'r1' | Save-MoaiPattern -Store $db
        { Open-MoaiPatternStore -Path $db -Backend FileSystem } |
            Should -Throw -ErrorId 'NotAPatternStore,MoaiPatterns.Commands.OpenMoaiPatternStoreCommand' -ExpectedMessage '*is a SQLite database*'
    }

    It 'still reports a damaged file named .db as StoreCorrupt' {
        $bad = Join-Path $TestDrive 'damaged.db'
        Set-Content -Path $bad -Value ('this is not a database ' * 100)
        { Find-MoaiPattern -Store $bad -ErrorAction Stop } | Should -Throw -ErrorId 'StoreCorrupt,MoaiPatterns.Commands.FindMoaiPatternCommand'
    }
}
