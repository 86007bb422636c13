#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# A store the user may read but not write: reads work, writes fail at once with StoreReadOnly
# (PermissionDenied). The reading process runs as an unprivileged user: as root (CI) through setpriv as
# 'nobody', since root ignores file permissions; otherwise as the current user.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/MoaiPatterns/MoaiPatterns.psd1') -Force -ErrorAction Stop
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $script:IsRoot = -not $IsWindows -and (& id -u) -eq '0'
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("moai-perm-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Work | Out-Null
    # The reader imports a copy of the module from a folder it can reach, wherever the repository was cloned.
    Copy-Item -Recurse (Join-Path $PSScriptRoot '../out/MoaiPatterns') (Join-Path $script:Work 'module')
    $script:ModulePath = Join-Path $script:Work 'module/MoaiPatterns.psd1'
    if ($script:IsRoot) { & chmod -R a+rX $script:Work }
    # As root the reader runs as 'nobody', which needs to be able to start this pwsh.
    $script:ReaderCanRun = -not $script:IsRoot -or
        ((& setpriv --reuid=65534 --regid=65534 --clear-groups $script:Pwsh -NoProfile -NonInteractive -Command '42' 2>$null) -eq '42')

    # Runs a script as a user without write access; returns its output lines.
    function script:Invoke-AsReader([string] $Script) {
        $file = Join-Path $script:Work ("reader-" + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -Path $file -Value ("Import-Module '$script:ModulePath'`n" + $Script)
        if ($script:IsRoot) {
            & chmod 644 $file
            $readerHome = Join-Path $script:Work 'home'
            New-Item -ItemType Directory -Force -Path $readerHome | Out-Null
            & chown nobody $readerHome
            $env:HOME_SAVED = $env:HOME
            try {
                $env:HOME = $readerHome
                & setpriv --reuid=65534 --regid=65534 --clear-groups $script:Pwsh -NoProfile -NonInteractive -File $file 2>&1
            } finally { $env:HOME = $env:HOME_SAVED }
        } else {
            & $script:Pwsh -NoProfile -NonInteractive -File $file 2>&1
        }
    }
}

AfterAll {
    if (-not $IsWindows) { & chmod -R u+w $script:Work 2>$null }
    Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
    Remove-Module MoaiPatterns -Force -ErrorAction SilentlyContinue
}

Describe 'A read-only SQLite store' -Skip:$IsWindows {
    BeforeAll {
        $script:Folder = Join-Path $script:Work 'sqlite'
        $script:Db = Join-Path $script:Folder 'patterns.db'
        1..3 | ForEach-Object {
            Save-MoaiPattern -Store $script:Db -Type TaskCompletion -Data @{ task_type = 'build'; agent = "K-bot"; duration_ms = $_; success = $true }
        }
        # Checkpoint and close, as a finished writer leaves it: no -wal beside the .db.
        Compress-MoaiPatternStore -Store $script:Db -Confirm:$false | Out-Null
        Get-ChildItem $script:Folder -Filter 'patterns.db-*' | Remove-Item -Force -ErrorAction SilentlyContinue
        & chmod 444 $script:Db
        & chmod 555 $script:Folder
    }

    It 'can be read by a user who may not write its folder' {
        if (-not $script:ReaderCanRun) { Set-ItResult -Skipped -Because "user 'nobody' cannot start $script:Pwsh"; return }
        $out = Invoke-AsReader "(Find-MoaiPattern -Store '$script:Db' -Agent k-bot).Count"
        $out | Select-Object -Last 1 | Should -Be '3'
        Test-Path "$script:Db-wal" | Should -BeFalse
    }

    It 'refuses a write at once with StoreReadOnly / PermissionDenied' {
        if (-not $script:ReaderCanRun) { Set-ItResult -Skipped -Because "user 'nobody' cannot start $script:Pwsh"; return }
        $out = Invoke-AsReader @"
`$sw = [Diagnostics.Stopwatch]::StartNew()
try { Save-MoaiPattern -Store '$script:Db' -Type TaskCompletion -Data @{ task_type = 'x'; agent = 'a'; duration_ms = 1; success = `$true } -ErrorAction Stop }
catch { `$_.FullyQualifiedErrorId; `$_.CategoryInfo.Category.ToString() }
[int]`$sw.Elapsed.TotalSeconds
"@
        $out[0] | Should -Be 'StoreReadOnly,MoaiPatterns.Commands.SaveMoaiPatternCommand'
        $out[1] | Should -Be 'PermissionDenied'
        [int]$out[2] | Should -BeLessThan 10   # no 30 s busy wait
        (Find-MoaiPattern -Store $script:Db).Count | Should -Be 3
    }
}

Describe 'A read-only filesystem store' -Skip:$IsWindows {
    BeforeAll {
        $script:FsStore = Join-Path $script:Work 'folder'
        1..2 | ForEach-Object {
            Save-MoaiPattern -Store $script:FsStore -Type TaskCompletion -Data @{ task_type = 'build'; agent = 'coder'; duration_ms = $_; success = $true }
        }
        & chmod -R a+rX,a-w $script:FsStore
    }
    AfterAll { & chmod -R u+w $script:FsStore }

    It 'is read, and <Command> is refused at once with StoreReadOnly / PermissionDenied' -ForEach @(
        @{ Command = 'Save-MoaiPattern'; Call = "Save-MoaiPattern -Store '{0}' -Type TaskCompletion -Data @{{ task_type = 'x'; agent = 'a'; duration_ms = 1; success = `$true }} -ErrorAction Stop" }
        @{ Command = 'Remove-MoaiPatternOld'; Call = "Remove-MoaiPatternOld -Store '{0}' -Before ([DateTimeOffset]::UtcNow.AddDays(1)) -Confirm:`$false -ErrorAction Stop" }
    ) {
        if (-not $script:ReaderCanRun) { Set-ItResult -Skipped -Because "user 'nobody' cannot start $script:Pwsh"; return }
        $out = Invoke-AsReader @"
(Find-MoaiPattern -Store '$script:FsStore').Count
`$sw = [Diagnostics.Stopwatch]::StartNew()
try { $($Call -f $script:FsStore) } catch { `$_.FullyQualifiedErrorId; `$_.CategoryInfo.Category.ToString() }
[int]`$sw.Elapsed.TotalSeconds
"@
        $out[0] | Should -Be '2'
        $out[1] | Should -BeLike 'StoreReadOnly,*'
        $out[2] | Should -Be 'PermissionDenied'
        [int]$out[3] | Should -BeLessThan 10
        (Find-MoaiPattern -Store $script:FsStore).Count | Should -Be 2
    }
}
