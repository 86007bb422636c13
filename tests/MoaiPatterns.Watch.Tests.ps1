#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 suite for Watch-MoaiPattern (issue 14) in real pwsh: watches in background jobs (other processes) and
# in other runspaces, saves from this process, -Count, -Timeout, Select-Object -First, Ctrl+C (Stop), a store that
# disappears, and retention/compress/repair running during a watch. Both backends.
#
# A watch begins "now", and a job takes seconds to start, so the saver here keeps saving numbered patterns until the
# watch has what it asked for: whatever it got must then be a run of consecutive numbers (nothing skipped, nothing
# twice, in commit order), which also shows that nothing from before it began was written.

BeforeAll {
    $script:ModulePath = (Resolve-Path (Join-Path $PSScriptRoot '../out/MoaiPatterns/MoaiPatterns.psd1')).Path
    Import-Module $script:ModulePath -Force -ErrorAction Stop

    # Saves pattern number $i: errors at odd numbers, tasks at even ones; the number is in the data.
    function script:Save-Numbered([string] $Store, [int] $I) {
        if ($I % 2) {
            Save-MoaiPattern -Store $Store -Type ErrorOccurrence -Tag watch -Data @{ error_type = 'TypeError'; error_message = "n$I" }
        } else {
            Save-MoaiPattern -Store $Store -Type TaskCompletion -Tag watch -Data @{ task_type = "n$I"; agent = 'coder'; duration_ms = 10; success = $true }
        }
    }
    function script:Number($Pattern) {
        $text = if ($Pattern.PatternType -eq 'ErrorOccurrence') { $Pattern.Data.ErrorMessage } else { $Pattern.Data.TaskType }
        [int]$text.Substring(1)
    }
    # Saves numbered patterns until $Until returns true (or 120 s); runs $Meanwhile every 5th save.
    function script:Save-Until([string] $Store, [scriptblock] $Until, [scriptblock] $Meanwhile = $null) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $i = 0
        while (-not (& $Until) -and $clock.Elapsed.TotalSeconds -lt 120) {
            $i++
            Save-Numbered $Store $i
            if ($Meanwhile -and $i % 5 -eq 0) { & $Meanwhile }
            Start-Sleep -Milliseconds 50
        }
        $i
    }
    function script:Start-WatchJob([string] $Store, [string] $Arguments) {
        Start-Job -ArgumentList $script:ModulePath, $Store, $Arguments -ScriptBlock {
            param($Module, $Store, $Arguments)
            Import-Module $Module
            $watch = [scriptblock]::Create("Watch-MoaiPattern -Store '$Store' $Arguments")
            & $watch | ForEach-Object { [pscustomobject]@{ Type = "$($_.PatternType)"; Id = $_.PatternId; Error = $_.Data.ErrorMessage; Task = $_.Data.TaskType } }
        }
    }
    function script:Numbers($Received) {
        @($Received | ForEach-Object { [int]$(if ($_.Error) { $_.Error } else { $_.Task }).Substring(1) })
    }
    # A watch in another runspace of this process (so Stop() is Ctrl+C), with its verbose stream to know it began.
    function script:Start-RunspaceWatch([string] $Store, [string] $Arguments) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$script:ModulePath'; Watch-MoaiPattern -Store '$Store' $Arguments -Verbose")
        $handle = $ps.BeginInvoke()
        $clock = [Diagnostics.Stopwatch]::StartNew()
        while (-not ($ps.Streams.Verbose | Where-Object Message -like 'Watching*') -and $ps.InvocationStateInfo.State -eq 'Running' -and $clock.Elapsed.TotalSeconds -lt 60) {
            Start-Sleep -Milliseconds 50
        }
        [pscustomobject]@{ PowerShell = $ps; Handle = $handle }
    }
}

AfterAll {
    Get-Job | Remove-Job -Force -ErrorAction SilentlyContinue
    Remove-Module MoaiPatterns -Force -ErrorAction SilentlyContinue
}

Describe 'Watch-MoaiPattern on a <Backend> store' -ForEach @(
    @{ Backend = 'FileSystem'; Name = 'fs' }
    @{ Backend = 'Sqlite'; Name = 'watch.db' }
) {
    BeforeEach {
        $script:store = Join-Path $TestDrive ("$(New-Guid)-" + $Name)
        Save-Numbered $script:store 0   # the store exists before the watch (a watch never creates one); never written
    }

    It 'a background job sees the saves of this process: -Count, each once, in commit order' {
        $job = Start-WatchJob $script:store '-Count 5 -Timeout 120'
        $null = Save-Until $script:store { $job.State -ne 'Running' }
        $got = @($job | Receive-Job -Wait -AutoRemoveJob)
        $got.Count | Should -Be 5
        $n = Numbers $got
        $n[0] | Should -BeGreaterThan 0
        $n | Should -Be @($n[0]..($n[0] + 4))
    }

    It 'a filtered watch in another process sees only the matching saves (-Type, -Tag)' {
        $job = Start-WatchJob $script:store '-Type ErrorOccurrence -Tag WATCH -Count 3 -Timeout 120'
        $null = Save-Until $script:store { $job.State -ne 'Running' }
        $got = @($job | Receive-Job -Wait -AutoRemoveJob)
        $got.Type | Sort-Object -Unique | Should -Be 'ErrorOccurrence'
        $n = Numbers $got
        $n | Should -Be @($n[0], ($n[0] + 2), ($n[0] + 4))
    }

    It 'Select-Object -First 2 stops a watch with a larger -Count' {
        $job = Start-Job -ArgumentList $script:ModulePath, $script:store -ScriptBlock {
            param($Module, $Store)
            Import-Module $Module
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $got = @(Watch-MoaiPattern -Store $Store -Count 1000 -Timeout 120 | Select-Object -First 2)
            "$($got.Count) in $([int]$clock.Elapsed.TotalSeconds) s"
        }
        $null = Save-Until $script:store { $job.State -ne 'Running' }
        $out = $job | Receive-Job -Wait -AutoRemoveJob
        $out | Should -Match '^2 in \d+ s$'
        [int]($out -replace '^2 in (\d+) s$', '$1') | Should -BeLessThan 100
    }

    It '-Timeout ends a watch that gets nothing, and writes nothing saved before it began' {
        Save-Numbered $script:store 1
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $got = @(Watch-MoaiPattern -Store $script:store -Timeout 1)
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.95
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
        $got.Count | Should -Be 0
    }

    It 'Stop (Ctrl+C) ends a waiting watch promptly and cleanly' {
        $w = Start-RunspaceWatch $script:store '-Timeout 600'
        $w.PowerShell.InvocationStateInfo.State | Should -Be 'Running'
        Start-Sleep -Milliseconds 300
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $w.PowerShell.Stop()
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
        $w.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        $w.PowerShell.Streams.Error.Count | Should -Be 0
        $w.PowerShell.Dispose()
    }

    It 'a store deleted while watched ends the watch with StoreRemoved' {
        $w = Start-RunspaceWatch $script:store '-Timeout 120'
        Remove-Item -Recurse -Force -Path ($Backend -eq 'Sqlite' ? "$($script:store)*" : $script:store)
        $clock = [Diagnostics.Stopwatch]::StartNew()
        while ($w.PowerShell.InvocationStateInfo.State -eq 'Running' -and $clock.Elapsed.TotalSeconds -lt 30) { Start-Sleep -Milliseconds 50 }
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        $record = @($w.PowerShell.Streams.Error)[0]   # a cmdlet's terminating error ends its statement, not the script
        $record.FullyQualifiedErrorId | Should -Be 'StoreRemoved,MoaiPatterns.Commands.WatchMoaiPatternCommand'
        $record.Exception.Message | Should -Match 'removed or moved while it was in use'
        $w.PowerShell.Dispose()
    }

    It 'retention, compression and repair running meanwhile neither break a watch nor replay a save' {
        # Old patterns for retention and compression to work on.
        1..6 | ForEach-Object {
            New-MoaiPattern -Type AgentUsage -Timestamp '2020-01-01T00:00:00Z' -Data @{ agent_type = 'old'; task_type = 'x'; success = $true; duration_ms = 1 } | Save-MoaiPattern -Store $script:store
        }
        $job = Start-WatchJob $script:store '-Count 12 -Timeout 120'
        $maintenance = {
            $null = Remove-MoaiPatternOld -Store $script:store -Before '2020-06-01' -Type AgentUsage -Confirm:$false
            $null = Compress-MoaiPatternStore -Store $script:store -OlderThanDays 0 -Confirm:$false
            $null = Repair-MoaiPatternStore -Store $script:store -Confirm:$false
        }
        $null = Save-Until $script:store { $job.State -ne 'Running' } $maintenance
        $got = @($job | Receive-Job -Wait -AutoRemoveJob)
        $got.Count | Should -Be 12
        $n = Numbers $got
        $n | Should -Be @($n[0]..($n[0] + 11))
    }
}
