#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 suite for Group-MoaiError, Find-MoaiResolution and ErrorRecords saved as patterns, run by the
# built module from out/MoaiPatterns against real stores of every backend: files under $TestDrive and a
# schema on the private PostgreSQL server this file starts (tests/PostgresCluster.ps1).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/MoaiPatterns/MoaiPatterns.psd1') -Force -ErrorAction Stop
    . (Join-Path $PSScriptRoot 'PostgresCluster.ps1')
    Start-TestPostgres | Out-Null
    function script:Get-StorePath([string] $Backend, [string] $Leaf) {
        $Backend -eq 'PostgreSql' ? (Get-TestPostgresAddress) : (Join-Path $TestDrive $Leaf)
    }

    function script:New-ErrorStore([string] $Path) {
        $t0 = [DateTimeOffset]::new(2025, 6, 1, 8, 0, 0, [TimeSpan]::Zero)
        $i = 0
        foreach ($host_ in 'db-7:5432', 'db-9:5433', 'cache-2:6379') {
            $i++
            Save-MoaiPattern -Store $Path -InputObject @{
                pattern_id = "refused-$i"; pattern_type = 'error_occurrence'; timestamp = $t0.AddMinutes($i)
                data = @{ error_type = 'ConnectionRefusedError'; error_message = "Connection refused to $host_"; agent = 'coder'
                          file_path = 'src/db.py'; resolution = 'Start the database service'; auto_resolved = ($i -eq 1); resolution_time_ms = 1000 * $i }
                context = @{ tags = @('ci') }
            }
        }
        Save-MoaiPattern -Store $Path -InputObject @{
            pattern_id = 'refused-other'; pattern_type = 'error_occurrence'; timestamp = $t0.AddMinutes(9)
            data = @{ error_type = 'ConnectionRefusedError'; error_message = 'Connection refused to db-3:5432'; resolution = 'Retried and it passed' }
        }
        foreach ($n in 1..2) {
            Save-MoaiPattern -Store $Path -InputObject @{
                pattern_id = "zero-$n"; pattern_type = 'error_occurrence'; timestamp = $t0.AddMinutes(20 + $n)
                data = @{ error_type = 'ZeroDivisionError'; error_message = "division by zero in step $n"; agent = 'tester' }
            }
        }
        Save-MoaiPattern -Store $Path -Type TaskCompletion -Data @{ task_type = 'build'; agent = 'coder'; duration_ms = 5; success = $true }
        $Path
    }
}

AfterAll {
    Stop-TestPostgres
    Remove-Module MoaiPatterns -Force -ErrorAction SilentlyContinue
}

Describe 'Group-MoaiError on <Backend>' -ForEach @(
    @{ Backend = 'FileSystem'; Leaf = 'group-fs' }
    @{ Backend = 'Sqlite'; Leaf = 'group.db' }
    @{ Backend = 'PostgreSql'; Leaf = '' }
) {
    BeforeAll { $script:store = New-ErrorStore (Get-StorePath $Backend $Leaf) }

    It 'groups errors by type and masked template, largest first' {
        $groups = @(Group-MoaiError -Store $store)
        $groups.Count | Should -Be 3
        $groups[0].ErrorType | Should -Be 'ConnectionRefusedError'
        $groups[0].Template | Should -Be 'Connection refused to db-<num>:<num>'
        $groups[0].Count | Should -Be 3
        $groups[0].Signature | Should -Be ([MoaiPatterns.Errors.ErrorSignature]::Of('ConnectionRefusedError', 'Connection refused to db-<num>:<num>'))
        $groups[0].Signature | Should -Match '^[0-9a-f]{12}$'
        $groups[0].Resolutions[0].Resolution | Should -Be 'Start the database service'
        $groups[0].Resolutions[0].Count | Should -Be 2
        $groups[0].Resolutions[0].MedianResolutionTimeMs | Should -Be 1000
        $groups[0].SampleIds | Should -Be @('refused-other', 'refused-2', 'refused-1')
        $groups[1].ErrorType | Should -Be 'ZeroDivisionError'
        $groups[1].Resolutions.Count | Should -Be 0
        $groups[2].Template | Should -Be 'Connection refused to cache-<num>:<num>'   # another template, another group
        $groups[2].Signature | Should -Not -Be $groups[0].Signature
    }

    It 'takes the Find filters' {
        $groups = @(Group-MoaiError -Store $store -Agent TESTER)
        $groups.Count | Should -Be 1
        $groups[0].Agents | Should -Be @('tester')
        @(Group-MoaiError -Store $store -Tag ci).Count | Should -Be 2   # db-<num> and cache-<num>
    }

    It 'reads well at 80 columns' {
        $lines = (Group-MoaiError -Store $store | Out-String -Width 80) -split "`r?`n"
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        $lines -join "`n" | Should -Match 'Count Signature'
        (Group-MoaiError -Store $store | Format-List | Out-String -Width 80) | Should -Match '2× Start the database service \(1 auto, median 1\.0 s\)'
    }
}

Describe 'Find-MoaiResolution on <Backend>' -ForEach @(
    @{ Backend = 'FileSystem'; Leaf = 'find-fs' }
    @{ Backend = 'Sqlite'; Leaf = 'find.db' }
    @{ Backend = 'PostgreSql'; Leaf = '' }
) {
    BeforeAll { $script:store = New-ErrorStore (Get-StorePath $Backend $Leaf) }

    It 'finds the fix of a variant from a message string, best first' {
        $s = @('ConnectionRefusedError: Connection refused to db-12:6000' | Find-MoaiResolution -Store $store)
        $s[0].Resolution | Should -Be 'Start the database service'
        $s[0].Occurrences | Should -Be 3
        $s[0].ErrorType | Should -Be 'ConnectionRefusedError'
        $s[0].ExampleIds.Count | Should -BeGreaterThan 0
        $s[0].Score | Should -BeGreaterOrEqual $s[-1].Score
        $s.Count | Should -Be 2
        @('ConnectionRefusedError: Connection refused to db-12:6000' | Find-MoaiResolution -Store $store -First 1).Count | Should -Be 1
    }

    It 'takes a hashtable, a pattern and an Exception' {
        (@{ error_type = 'ConnectionRefusedError'; error_message = 'Connection refused to db-1:1' } | Find-MoaiResolution -Store $store -First 1).Resolution |
            Should -Be 'Start the database service'
        (Get-MoaiPattern -Store $store -Id refused-2 | Find-MoaiResolution -Store $store -First 1).Resolution | Should -Be 'Start the database service'
        $ex = [System.IO.FileNotFoundException]::new('Could not find file /tmp/x.json')
        @(Find-MoaiResolution -Store $store -InputObject $ex) | Should -BeNullOrEmpty
    }

    It 'suggests nothing, quietly, for errors nobody resolved' {
        $s = @('ZeroDivisionError: division by zero in step 9' | Find-MoaiResolution -Store $store -ErrorVariable bad)
        $s | Should -BeNullOrEmpty
        $bad | Should -BeNullOrEmpty
    }

    It 'refuses input that is not an error with NotAnError, naming what is accepted, and carries on' {
        $task = New-MoaiPattern -Type TaskCompletion -Data @{ task_type = 'x'; agent = 'a'; duration_ms = 1; success = $true }
        $s = @(42, '', $task, 'ConnectionRefusedError: Connection refused to db-4:1' | Find-MoaiResolution -Store $store -First 1 -ErrorVariable bad -ErrorAction SilentlyContinue)
        $bad.Count | Should -Be 3
        $bad | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'NotAnError,MoaiPatterns.Commands.FindMoaiResolutionCommand' }
        $bad[0].Exception.Message | Should -Match 'not System.Int32'
        $bad[0].Exception.Message | Should -Match 'error message string, an ErrorRecord'
        $bad[1].Exception.Message | Should -Match 'empty string'
        $bad[2].Exception.Message | Should -Match 'TaskCompletion pattern'
        $s.Count | Should -Be 1
    }

    It 'reads well at 80 columns' {
        $text = 'ConnectionRefusedError: Connection refused to db-12:6000' | Find-MoaiResolution -Store $store | Out-String -Width 80
        ($text -split "`r?`n" | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        $text | Should -Match 'Score\s+Uses\s+Auto\s+Median\s+Resolution'
        $text | Should -Match '3\s+33%\s+2\.0 s Start the database service'
    }
}

Describe 'Closing the loop from PowerShell on <Backend>' -ForEach @(
    @{ Backend = 'FileSystem'; Leaf = 'loop-fs' }
    @{ Backend = 'Sqlite'; Leaf = 'loop.db' }
    @{ Backend = 'PostgreSql'; Leaf = '' }
) {
    BeforeAll {
        $script:store = Get-StorePath $Backend $Leaf
        function script:Invoke-Step([int] $Attempt) { throw "Disk quota exceeded on volume vol-$Attempt (attempt $Attempt)" }
    }

    It 'saves a caught ErrorRecord as an ErrorOccurrence with its type, message, place, function and command' {
        $saved = try { Get-Item -LiteralPath (Join-Path $TestDrive 'missing.txt') -ErrorAction Stop } catch { $_ | Save-MoaiPattern -Store $store -Tag nightly -PassThru }
        $saved.PatternType | Should -Be 'ErrorOccurrence'
        $saved.Tags | Should -Be @('nightly')
        $saved.Data.ErrorType | Should -Be 'System.Management.Automation.ItemNotFoundException'
        $saved.Data.ErrorMessage | Should -Match 'missing\.txt'
        $saved.Data.FilePath | Should -Be $PSCommandPath
        $saved.Data.LineNumber | Should -BeGreaterThan 0
        $saved.Data.StackTrace | Should -Not -BeNullOrEmpty
        $saved.Data.AdditionalProperties['command'].GetString() | Should -Be 'Get-Item'
        (Get-MoaiPattern -Store $store -Id $saved.PatternId).Data.ErrorType | Should -Be 'System.Management.Automation.ItemNotFoundException'
    }

    It 'names the script function that threw' {
        $saved = try { Invoke-Step 1 } catch { $_ | Save-MoaiPattern -Store $store -PassThru }
        $saved.Data.FunctionName | Should -Be 'Invoke-Step'
        $saved.Data.ErrorType | Should -Be 'System.Management.Automation.RuntimeException'
    }

    It 'records the resolution later, and then try/catch | Find-MoaiResolution finds it' {
        $first = try { Invoke-Step 2 } catch { $_ | Save-MoaiPattern -Store $store -PassThru }
        try { Invoke-Step 3 } catch { @($_ | Find-MoaiResolution -Store $store) | Should -BeNullOrEmpty }
        $first | Save-MoaiPattern -Store $store -Resolution 'Purge old snapshots on the volume' -ResolutionTimeMs 90000 -AutoResolved
        $data = (Get-MoaiPattern -Store $store -Id $first.PatternId).Data
        $data.Resolution | Should -Be 'Purge old snapshots on the volume'
        $data.ResolutionTimeMs | Should -Be 90000
        $data.AutoResolved | Should -BeTrue
        $s = try { Invoke-Step 4 } catch { $_ | Find-MoaiResolution -Store $store }
        $s[0].Resolution | Should -Be 'Purge old snapshots on the volume'
        $s[0].AutoResolvedRate | Should -Be 1
        $s[0].MedianResolutionTimeMs | Should -Be 90000
    }

    It 'New-MoaiPattern turns a piped ErrorRecord into an unsaved pattern, with -Resolution' {
        $p = try { [int]::Parse('x') } catch { $_ | New-MoaiPattern -Resolution 'Validate the input first' -Tag parse }
        $p.PatternType | Should -Be 'ErrorOccurrence'
        $p.Data.Resolution | Should -Be 'Validate the input first'
        $p.Tags | Should -Be @('parse')
        @(Find-MoaiPattern -Store $store -Tag parse) | Should -BeNullOrEmpty
    }

    It 'refuses -Resolution for a pattern that is not an error' {
        $task = New-MoaiPattern -Type TaskCompletion -Data @{ task_type = 'x'; agent = 'a'; duration_ms = 1; success = $true }
        $task | Save-MoaiPattern -Store $store -Resolution 'nope' -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].FullyQualifiedErrorId | Should -Be 'NotAnError,MoaiPatterns.Commands.SaveMoaiPatternCommand'
        Get-MoaiPattern -Store $store -Id $task.PatternId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
