#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 suite for the cmdlet layer: runs the built module from out/MoaiPatterns against real
# stores under $TestDrive (filesystem folders and SQLite files), one store per Describe.

BeforeDiscovery {
    # Every exported cmdlet, as the manifest lists them: the help checks cover each new cmdlet without a list to keep in step.
    $script:ExportedCmdlets = @((Import-PowerShellDataFile (Join-Path $PSScriptRoot '../MoaiPatterns.psd1')).CmdletsToExport)
}

BeforeAll {
    $script:ModulePath = Join-Path $PSScriptRoot '../out/MoaiPatterns/MoaiPatterns.psd1'
    Import-Module $script:ModulePath -Force -ErrorAction Stop

    function script:New-TaskData([string] $Agent = 'coder', [long] $Duration = 2500, [bool] $Success = $true) {
        @{ task_type = 'code_generation'; agent = $Agent; duration_ms = $Duration; success = $Success }
    }
    function script:New-ErrorData([string] $Type = 'TypeError', [string] $Message = 'unsupported operand') {
        @{ error_type = $Type; error_message = $Message }
    }
    # A seed-shaped dict, as the original Python system wrote it.
    function script:New-SeedDict([string] $Id, [string] $Timestamp = '2024-05-01T12:00:00Z', [string[]] $Tags = @()) {
        @{
            pattern_id   = $Id
            pattern_type = 'error_occurrence'
            timestamp    = $Timestamp
            data         = @{ error_type = 'KeyError'; error_message = "missing key $Id" }
            context      = @{ project_name = 'shop'; tags = $Tags }
        }
    }
}

AfterAll {
    Remove-Module MoaiPatterns -Force -ErrorAction SilentlyContinue
}

Describe 'Module surface' {
    It 'exports <_>' -ForEach @(
        'New-MoaiPattern', 'Test-MoaiPattern', 'Save-MoaiPattern', 'Get-MoaiPattern', 'Find-MoaiPattern',
        'Remove-MoaiPattern', 'Remove-MoaiPatternOld', 'Compress-MoaiPatternStore', 'Open-MoaiPatternStore',
        'Get-MoaiPatternStore', 'Repair-MoaiPatternStore', 'Export-MoaiPattern', 'Import-MoaiPattern',
        'Measure-MoaiPattern', 'Measure-MoaiPatternTrend', 'Find-MoaiAnomaly', 'Group-MoaiError', 'Find-MoaiResolution', 'Watch-MoaiPattern'
    ) {
        Get-Command -Module MoaiPatterns -Name $_ | Should -Not -BeNullOrEmpty
    }

    It '<Name> declares an OutputType' -ForEach @(
        @{ Name = 'New-MoaiPattern'; Type = 'MoaiPatterns.MoaiPattern' }
        @{ Name = 'Find-MoaiPattern'; Type = 'MoaiPatterns.MoaiPattern' }
        @{ Name = 'Get-MoaiPattern'; Type = 'MoaiPatterns.MoaiPattern' }
        @{ Name = 'Remove-MoaiPatternOld'; Type = 'MoaiPatterns.Stores.RetentionResult' }
        @{ Name = 'Compress-MoaiPatternStore'; Type = 'MoaiPatterns.Stores.CompressionResult' }
        @{ Name = 'Open-MoaiPatternStore'; Type = 'MoaiPatterns.Stores.MoaiPatternStore' }
        @{ Name = 'Get-MoaiPatternStore'; Type = 'MoaiPatterns.Stores.StoreInfo' }
        @{ Name = 'Repair-MoaiPatternStore'; Type = 'MoaiPatterns.Stores.RepairResult' }
        @{ Name = 'Export-MoaiPattern'; Type = 'System.IO.FileInfo' }
        @{ Name = 'Import-MoaiPattern'; Type = 'MoaiPatterns.MoaiPattern' }
        @{ Name = 'Measure-MoaiPattern'; Type = 'MoaiPatterns.PatternStatistics' }
        @{ Name = 'Measure-MoaiPatternTrend'; Type = 'MoaiPatterns.PatternTrend' }
        @{ Name = 'Find-MoaiAnomaly'; Type = 'MoaiPatterns.PatternAnomaly' }
        @{ Name = 'Group-MoaiError'; Type = 'MoaiPatterns.ErrorGroup' }
        @{ Name = 'Find-MoaiResolution'; Type = 'MoaiPatterns.ResolutionSuggestion' }
        @{ Name = 'Watch-MoaiPattern'; Type = 'MoaiPatterns.MoaiPattern' }
    ) {
        (Get-Command $Name).OutputType.Name | Should -Contain $Type
    }

    It '<Name> has ConfirmImpact Medium and supports ShouldProcess' -ForEach @(
        @{ Name = 'Remove-MoaiPattern' }, @{ Name = 'Remove-MoaiPatternOld' }, @{ Name = 'Compress-MoaiPatternStore' }, @{ Name = 'Repair-MoaiPatternStore' }
        @{ Name = 'Export-MoaiPattern' }
    ) {
        $cmd = Get-Command $Name
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact | Should -Be 'Medium'
    }
}

Describe 'New-MoaiPattern' {
    It 'creates an unsaved pattern with a GUID id and the current UTC time' {
        $before = [DateTimeOffset]::UtcNow.AddSeconds(-1)
        $p = New-MoaiPattern -Type TaskCompletion -Data (New-TaskData)
        $p | Should -BeOfType ([MoaiPatterns.MoaiPattern])
        [guid]::Parse($p.PatternId) | Should -Not -BeNullOrEmpty
        $p.Timestamp | Should -BeGreaterOrEqual $before
        $p.Timestamp.Offset | Should -Be ([TimeSpan]::Zero)
        $p.Version | Should -Be '1.0'
    }

    It 'accepts the type name <Name>' -ForEach @(
        @{ Name = 'task_completion'; Expected = 'TaskCompletion' }
        @{ Name = 'TASK_COMPLETION'; Expected = 'TaskCompletion' }
        @{ Name = 'TaskCompletion'; Expected = 'TaskCompletion' }
        @{ Name = 'taskcompletion'; Expected = 'TaskCompletion' }
    ) {
        (New-MoaiPattern -Type $Name -Data (New-TaskData)).PatternType | Should -Be $Expected
    }

    It 'rejects an unknown type name at binding' {
        { New-MoaiPattern -Type 'nonsense' -Data (New-TaskData) } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,MoaiPatterns.Commands.NewMoaiPatternCommand'
    }

    It 'keeps -Id, -Timestamp, -Context and -Tag' {
        $p = New-MoaiPattern -Type ErrorOccurrence -Data (New-ErrorData) -Id 'err-1' -Timestamp '2024-05-01T12:00:00+02:00' `
            -Context @{ project_name = 'shop'; environment = 'staging'; tags = @('a') } -Tag b
        $p.PatternId | Should -Be 'err-1'
        $p.Timestamp | Should -Be ([DateTimeOffset]'2024-05-01T10:00:00Z')
        $p.Context.ProjectName | Should -Be 'shop'
        $p.Context.Environment | Should -Be 'staging'
        $p.Tags | Should -Be @('a', 'b')
    }

    It 'accepts PascalCase keys and PSCustomObject data' {
        $data = [pscustomobject]@{ TaskType = 'review'; Agent = 'reviewer'; DurationMs = 10; Success = $false }
        $p = New-MoaiPattern -Type TaskCompletion -Data $data
        $p.Data.TaskType | Should -Be 'review'
        $p.Agent | Should -Be 'reviewer'
    }

    It 'writes InvalidPattern naming every broken rule' {
        $err = $null
        $p = New-MoaiPattern -Type TaskCompletion -Data @{ task_type = ''; duration_ms = -5; success = 'yes' } -ErrorVariable err -ErrorAction SilentlyContinue
        $p | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidPattern,MoaiPatterns.Commands.NewMoaiPatternCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].Exception.Message | Should -Match 'data\.agent'
        $err[0].Exception.Message | Should -Match 'data\.duration_ms'
        $err[0].Exception.Message | Should -Match 'data\.success'
        $err[0].Exception.Message | Should -Match 'data\.task_type'
    }
}

Describe 'Test-MoaiPattern' {
    It 'returns <Expected> for <Case>' -ForEach @(
        @{ Case = 'a valid seed dict'; Expected = $true; Candidate = @{ pattern_id = 'p1'; pattern_type = 'task_completion'; timestamp = '2024-05-01T12:00:00Z'; data = @{ task_type = 't'; agent = 'a'; duration_ms = 1; success = $true } } }
        @{ Case = 'a boolean duration'; Expected = $false; Candidate = @{ pattern_id = 'p1'; pattern_type = 'task_completion'; timestamp = '2024-05-01T12:00:00Z'; data = @{ task_type = 't'; agent = 'a'; duration_ms = $true; success = $true } } }
        @{ Case = 'a string duration'; Expected = $false; Candidate = @{ pattern_id = 'p1'; pattern_type = 'task_completion'; timestamp = '2024-05-01T12:00:00Z'; data = @{ task_type = 't'; agent = 'a'; duration_ms = '5'; success = $true } } }
        @{ Case = 'a path-traversal id'; Expected = $false; Candidate = @{ pattern_id = '..'; pattern_type = 'error_occurrence'; timestamp = '2024-05-01T12:00:00Z'; data = @{ error_type = 'E'; error_message = 'm' } } }
        @{ Case = 'a bad timestamp'; Expected = $false; Candidate = @{ pattern_id = 'p1'; pattern_type = 'error_occurrence'; timestamp = 'yesterday'; data = @{ error_type = 'E'; error_message = 'm' } } }
    ) {
        # Not $Input: that is the automatic pipeline enumerator and would hide the data key.
        Test-MoaiPattern -InputObject $Candidate | Should -Be $Expected
    }

    It 'writes one bool per piped input' {
        $results = @((New-MoaiPattern -Type TaskCompletion -Data (New-TaskData)), @{ pattern_type = 'nope' }) | Test-MoaiPattern
        $results | Should -Be @($true, $false)
    }

    It '-Detailed returns a ValidationResult with Field, Rule and Message per error' {
        $r = Test-MoaiPattern -Detailed -InputObject @{ pattern_id = 'p1'; pattern_type = 'user_correction'; timestamp = '2024-05-01T12:00:00Z'; data = @{ original_output = 'a'; corrected_output = 'b'; correction_type = 'style'; agent = 'x'; severity = 'huge' } }
        $r | Should -BeOfType ([MoaiPatterns.Validation.ValidationResult])
        $r.IsValid | Should -BeFalse
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].Field | Should -Be 'data.severity'
        $r.Errors[0].Rule | Should -Be 'Enum'
        $r.Errors[0].Message | Should -Not -BeNullOrEmpty
    }

    It 'never writes an error for invalid input' {
        $err = $null
        Test-MoaiPattern -InputObject @{ nothing = 1 } -ErrorVariable err | Should -BeFalse
        $err | Should -BeNullOrEmpty
    }
}

Describe 'Save-MoaiPattern and Get-MoaiPattern on a <Backend> store' -ForEach @(
    @{ Backend = 'FileSystem'; Leaf = 'fs-store' }
    @{ Backend = 'Sqlite'; Leaf = 'store.db' }
) {
    BeforeAll {
        $script:store = Join-Path $TestDrive $Leaf
    }

    It 'creates the store on the first save and reports its backend' {
        Save-MoaiPattern -Store $store -Type ErrorOccurrence -Data (New-ErrorData) -Tag backend
        Test-Path $store | Should -BeTrue
        (Get-MoaiPatternStore -Store $store).Backend | Should -Be $Backend
    }

    It 'saves from parameters with -PassThru and reads the pattern back by id' {
        $p = Save-MoaiPattern -Store $store -Type TaskCompletion -Data (New-TaskData -Agent 'alpha') -Context @{ project_name = 'shop' } -Tag api -PassThru
        $p | Should -BeOfType ([MoaiPatterns.MoaiPattern])
        $back = Get-MoaiPattern -Store $store -Id $p.PatternId
        $back.PatternId | Should -Be $p.PatternId
        $back.Agent | Should -Be 'alpha'
        $back.Context.ProjectName | Should -Be 'shop'
        $back.Tags | Should -Be @('api')
    }

    It 'saves seed dicts from the pipeline and replaces an existing id (upsert)' {
        New-SeedDict -Id 'dup-1' | Save-MoaiPattern -Store $store
        $changed = New-SeedDict -Id 'dup-1'
        $changed.data.error_message = 'second version'
        $changed | Save-MoaiPattern -Store $store
        @(Get-MoaiPattern -Store $store -Id 'dup-1').Count | Should -Be 1
        (Get-MoaiPattern -Store $store -Id 'dup-1').Data.ErrorMessage | Should -Be 'second version'
        @(Find-MoaiPattern -Store $store -Text 'second version').Count | Should -Be 1
    }

    It 'carries on past a bad item with a non-terminating InvalidPattern error whose target is the item' {
        $bad = @{ pattern_id = 'bad-1'; pattern_type = 'error_occurrence'; timestamp = '2024-05-01T12:00:00Z'; data = @{ error_type = 'E' } }
        $err = $null
        @((New-SeedDict -Id 'ok-1'), $bad, (New-SeedDict -Id 'ok-2')) | Save-MoaiPattern -Store $store -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidPattern,MoaiPatterns.Commands.SaveMoaiPatternCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].TargetObject | Should -Be $bad
        $err[0].Exception.Message | Should -Match 'data\.error_message'
        (Get-MoaiPattern -Store $store -Id 'ok-1', 'ok-2').PatternId | Should -Be @('ok-1', 'ok-2')
        Get-MoaiPattern -Store $store -Id 'bad-1' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'saves a PowerShell-built hashtable as the same pattern as its JSON text, and names every wrong-typed field in one error' {
        # PascalCase keys, values wrapped in PSObject, an Int32 in a float field: what a runbook builds.
        $h = @{ PatternId = 'ps-1'; PatternType = 'AgentUsage'; Timestamp = [psobject][DateTimeOffset]'2024-05-02T08:00:00+09:00'
            Data = @{ AgentType = 'tdd'; TaskType = 'test_writing'; Success = $true; DurationMs = [psobject]1500; ToolsUsed = @('Read', [psobject]'Write'); CpuPercent = 12; MemoryMb = 64.5 }
            Context = @{ Tags = @('ps'); Environment = 'staging' } }
        $fromHashtable = [MoaiPatterns.Serialization.PatternJson]::ToJson(($h | Save-MoaiPattern -Store $store -PassThru), $false)
        $fromJson = [MoaiPatterns.Serialization.PatternJson]::ToJson((($h | ConvertTo-Json -Depth 5 -Compress) | Save-MoaiPattern -Store $store -PassThru), $false)
        $fromHashtable | Should -Be $fromJson
        $fromHashtable | Should -Match '"cpu_percent":12,"memory_mb":64.5|"memory_mb":64.5,"cpu_percent":12'

        $bad = @{ PatternId = 'ps-bad'; PatternType = 'AgentUsage'; Timestamp = '2024-05-02T08:00:00Z'
            Data = @{ AgentType = 'tdd'; TaskType = 'test_writing'; Success = 'yes'; DurationMs = 'slow'; ToolsUsed = 'Read'; CpuPercent = 'high' } }
        $err = $null
        @($bad, (New-SeedDict -Id 'ps-after')) | Save-MoaiPattern -Store $store -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $expected = (Test-MoaiPattern -Detailed ($bad | ConvertTo-Json -Depth 5)).Errors | ForEach-Object ToString
        @($expected).Count | Should -Be 4
        $err[0].Exception.Errors | ForEach-Object ToString | Should -Be $expected
        (Get-MoaiPattern -Store $store -Id 'ps-after').PatternId | Should -Be 'ps-after'
    }

    It 'saves a large pipeline through one batched writer' {
        $items = 1..2500 | ForEach-Object { New-SeedDict -Id ('bulk-{0:d5}' -f $_) -Timestamp ([DateTimeOffset]::new(2023, 1, 1, 0, 0, 0, [TimeSpan]::Zero).AddMinutes($_).ToString('o')) -Tags 'bulk' }
        $items | Save-MoaiPattern -Store $store
        (Find-MoaiPattern -Store $store -Tag bulk -IncludeTotalCount -First 0 | Select-Object -First 1).ToString() | Should -Match '2500'
    }

    It 'gets patterns from piped strings and by property name (<Property>)' -ForEach @(
        @{ Property = 'PatternId' }, @{ Property = 'Id' }
    ) {
        ('ok-1', 'ok-2' | Get-MoaiPattern -Store $store).PatternId | Should -Be @('ok-1', 'ok-2')
        ([pscustomobject]@{ $Property = 'ok-2' } | Get-MoaiPattern -Store $store).PatternId | Should -Be 'ok-2'
    }

    It 'gets ids matching a wildcard' {
        @(Get-MoaiPattern -Store $store -Id 'ok-*').Count | Should -Be 2
    }

    It 'reports an unknown id as PatternNotFound and still returns the others' {
        $err = $null
        $found = Get-MoaiPattern -Store $store -Id 'ok-1', 'no-such-id', 'ok-2' -ErrorVariable err -ErrorAction SilentlyContinue
        $found.PatternId | Should -Be @('ok-1', 'ok-2')
        $err[0].FullyQualifiedErrorId | Should -Be 'PatternNotFound,MoaiPatterns.Commands.GetMoaiPatternCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'no-such-id'
    }

    It 'accepts a store object from Open-MoaiPatternStore' {
        $s = Open-MoaiPatternStore -Path $store
        $s.GetType().FullName | Should -Be 'MoaiPatterns.Stores.MoaiPatternStore'
        $s.Backend | Should -Be $Backend
        (Get-MoaiPattern -Store $s -Id 'ok-1').PatternId | Should -Be 'ok-1'
    }
}

Describe 'Store resolution' {
    It 'resolves a relative -Store against the PowerShell location, not the process directory' {
        Push-Location $TestDrive
        try {
            Save-MoaiPattern -Store 'relative-store' -Type ErrorOccurrence -Data (New-ErrorData)
            Test-Path (Join-Path $TestDrive 'relative-store') | Should -BeTrue
        }
        finally { Pop-Location }
    }

    It 'uses $env:MOAI_PATTERN_STORE when -Store is absent' {
        $old = $env:MOAI_PATTERN_STORE
        try {
            $env:MOAI_PATTERN_STORE = Join-Path $TestDrive 'env-store.db'
            Save-MoaiPattern -Type ErrorOccurrence -Data (New-ErrorData)
            (Get-MoaiPatternStore).Path | Should -Be $env:MOAI_PATTERN_STORE
            (Get-MoaiPatternStore).Count | Should -Be 1
        }
        finally { $env:MOAI_PATTERN_STORE = $old }
    }

    It 'defaults to ./.moai/patterns under the PowerShell location' {
        $old = $env:MOAI_PATTERN_STORE
        Push-Location $TestDrive
        try {
            $env:MOAI_PATTERN_STORE = $null
            Save-MoaiPattern -Type ErrorOccurrence -Data (New-ErrorData)
            Test-Path (Join-Path $TestDrive '.moai/patterns') | Should -BeTrue
        }
        finally { Pop-Location; $env:MOAI_PATTERN_STORE = $old }
    }

    It '<Command> on a missing store is a terminating StoreNotFound error and creates nothing' -ForEach @(
        @{ Command = 'Get-MoaiPattern'; Params = @{ Id = 'x' } }
        @{ Command = 'Find-MoaiPattern'; Params = @{} }
        @{ Command = 'Get-MoaiPatternStore'; Params = @{} }
        @{ Command = 'Remove-MoaiPatternOld'; Params = @{} }
        @{ Command = 'Compress-MoaiPatternStore'; Params = @{} }
        @{ Command = 'Repair-MoaiPatternStore'; Params = @{} }
    ) {
        $missing = Join-Path $TestDrive "missing-$Command"
        $typeName = ($Command -replace '-', '') + 'Command'
        { & $Command -Store $missing @Params -ErrorAction Stop } | Should -Throw -ErrorId "StoreNotFound,MoaiPatterns.Commands.$typeName"
        Test-Path $missing | Should -BeFalse
    }

    It 'rejects a -Store that is neither a path nor a store object' {
        { Find-MoaiPattern -Store 42 } | Should -Throw -ErrorId 'InvalidArgument,MoaiPatterns.Commands.FindMoaiPatternCommand'
    }

    It 'reports an unusable store as StoreCorrupt' {
        $notDb = Join-Path $TestDrive 'garbage.db'
        Set-Content -Path $notDb -Value ('this is not a database ' * 100)
        { Find-MoaiPattern -Store $notDb -ErrorAction Stop } | Should -Throw -ErrorId 'StoreCorrupt,MoaiPatterns.Commands.FindMoaiPatternCommand'
    }
}

Describe 'Find-MoaiPattern on a <Backend> store' -ForEach @(
    @{ Backend = 'FileSystem'; Leaf = 'find-fs' }
    @{ Backend = 'Sqlite'; Leaf = 'find.sqlite' }
) {
    BeforeAll {
        $script:store = Join-Path $TestDrive $Leaf
        $base = [DateTimeOffset]::new(2024, 3, 1, 8, 0, 0, [TimeSpan]::Zero)
        @(
            New-MoaiPattern -Id 'f1' -Timestamp $base -Type TaskCompletion -Data (New-TaskData -Agent 'coder') -Tag api, backend
            New-MoaiPattern -Id 'f2' -Timestamp $base.AddHours(1) -Type ErrorOccurrence -Data (New-ErrorData -Message 'database connection refused') -Tag backend
            New-MoaiPattern -Id 'f3' -Timestamp $base.AddHours(2) -Type AgentUsage -Data @{ agent_type = 'Reviewer'; task_type = 'review'; success = $true; duration_ms = 100 } -Tag frontend
            New-MoaiPattern -Id 'f4' -Timestamp $base.AddHours(3) -Type UserCorrection -Data @{ original_output = 'a'; corrected_output = 'b'; correction_type = 'style'; agent = 'coder' }
            New-MoaiPattern -Id 'f5' -Timestamp $base.AddHours(4) -Type ErrorOccurrence -Data (New-ErrorData -Type 'KeyError' -Message 'missing configuration key') -Tag backend, API
        ) | Save-MoaiPattern -Store $store
    }

    It 'returns everything newest first' {
        (Find-MoaiPattern -Store $store).PatternId | Should -Be @('f5', 'f4', 'f3', 'f2', 'f1')
    }

    It 'filters <Case>' -ForEach @(
        @{ Case = 'by one type'; Params = @{ Type = 'ErrorOccurrence' }; Expected = @('f5', 'f2') }
        @{ Case = 'by a seed type name'; Params = @{ Type = 'error_occurrence' }; Expected = @('f5', 'f2') }
        @{ Case = 'by several types'; Params = @{ Type = 'task_completion', 'AgentUsage' }; Expected = @('f3', 'f1') }
        @{ Case = 'by all tags (case-insensitive)'; Params = @{ Tag = 'BACKEND', 'api' }; Expected = @('f5', 'f1') }
        @{ Case = 'by -After (inclusive)'; Params = @{ After = '2024-03-01T11:00:00Z' }; Expected = @('f5', 'f4') }
        @{ Case = 'by -Before (exclusive)'; Params = @{ Before = '2024-03-01T09:00:00Z' }; Expected = @('f1') }
        @{ Case = 'by agent (data.agent or data.agent_type)'; Params = @{ Agent = 'reviewer' }; Expected = @('f3') }
        @{ Case = 'by agent across types'; Params = @{ Agent = 'coder' }; Expected = @('f4', 'f1') }
        @{ Case = 'by text prefixes'; Params = @{ Text = 'config miss' }; Expected = @('f5') }
        @{ Case = 'by combined filters'; Params = @{ Type = 'ErrorOccurrence'; Tag = 'backend'; Text = 'database' }; Expected = @('f2') }
    ) {
        $found = @(Find-MoaiPattern -Store $store @Params)
        $found.PatternId | Should -Be $Expected
    }

    It 'returns nothing (and no error) when nothing matches' {
        $err = $null
        Find-MoaiPattern -Store $store -Tag 'no-such-tag' -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
    }

    It 'pages with -Skip and -First' {
        (Find-MoaiPattern -Store $store -Skip 1 -First 2).PatternId | Should -Be @('f4', 'f3')
    }

    It 'writes the total count first with -IncludeTotalCount' {
        $out = @(Find-MoaiPattern -Store $store -Type ErrorOccurrence -First 1 -IncludeTotalCount)
        $out.Count | Should -Be 2
        $out[0].ToString() | Should -Match '\b2\b'
        $out[1].PatternId | Should -Be 'f5'
    }

    It 'rejects -After not earlier than -Before' {
        { Find-MoaiPattern -Store $store -After '2024-03-02' -Before '2024-03-01' } | Should -Throw -ErrorId 'InvalidArgument,MoaiPatterns.Commands.FindMoaiPatternCommand'
    }

    It 'stops cleanly when Select-Object -First 1 ends the pipeline early' {
        $err = $null
        (Find-MoaiPattern -Store $store -ErrorVariable err | Select-Object -First 1).PatternId | Should -Be 'f5'
        $err | Should -BeNullOrEmpty
        @(Find-MoaiPattern -Store $store).Count | Should -Be 5
    }
}

Describe 'Migration between backends' {
    It 'copies every pattern from a filesystem store to SQLite and back, unchanged' {
        $fs = Join-Path $TestDrive 'mig-fs'
        $db = Join-Path $TestDrive 'mig.db'
        $back = Join-Path $TestDrive 'mig-back'
        1..20 | ForEach-Object { New-SeedDict -Id "m$_" -Timestamp ([DateTimeOffset]::new(2024, 1, $_, 0, 0, 0, [TimeSpan]::FromHours(2)).ToString('o')) -Tags 'mig' } |
            Save-MoaiPattern -Store $fs
        Find-MoaiPattern -Store $fs | Save-MoaiPattern -Store $db
        Find-MoaiPattern -Store $db | Save-MoaiPattern -Store $back
        $a = Find-MoaiPattern -Store $fs
        $b = Find-MoaiPattern -Store $db
        $c = Find-MoaiPattern -Store $back
        $b.PatternId | Should -Be $a.PatternId
        $c.PatternId | Should -Be $a.PatternId
        $b[0].Timestamp | Should -Be $a[0].Timestamp
        $b[0].Timestamp.Offset | Should -Be $a[0].Timestamp.Offset
        $c[5].Data.ErrorMessage | Should -Be $a[5].Data.ErrorMessage
        $c[5].Tags | Should -Be $a[5].Tags
    }
}

Describe 'Remove-MoaiPattern' {
    BeforeEach {
        $script:store = Join-Path $TestDrive ("remove-{0}.db" -f [guid]::NewGuid())
        1..5 | ForEach-Object { New-SeedDict -Id "r$_" -Tags ($(if ($_ -le 3) { 'old' } else { 'keep' })) } | Save-MoaiPattern -Store $store
    }

    It 'removes what Find-MoaiPattern pipes into it' {
        Find-MoaiPattern -Store $store -Tag old | Remove-MoaiPattern -Store $store
        (Find-MoaiPattern -Store $store).PatternId | Should -Be @('r5', 'r4')
    }

    It 'removes piped patterns from the store they came from when -Store is not given' {
        Find-MoaiPattern -Store $store -Tag keep | Remove-MoaiPattern
        (Find-MoaiPattern -Store $store).PatternId | Should -Be @('r3', 'r2', 'r1')
    }

    It 'removes by id, by piped strings and by property name' {
        Remove-MoaiPattern -Store $store -Id 'r1'
        'r2' | Remove-MoaiPattern -Store $store
        [pscustomobject]@{ PatternId = 'r3' } | Remove-MoaiPattern -Store $store
        (Find-MoaiPattern -Store $store).PatternId | Should -Be @('r5', 'r4')
    }

    It '-WhatIf changes nothing' {
        Find-MoaiPattern -Store $store | Remove-MoaiPattern -WhatIf
        Remove-MoaiPattern -Store $store -Id 'r1' -WhatIf
        @(Find-MoaiPattern -Store $store).Count | Should -Be 5
    }

    It 'reports an unknown id as PatternNotFound and carries on' {
        $err = $null
        Remove-MoaiPattern -Store $store -Id 'nope', 'r1' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'PatternNotFound,MoaiPatterns.Commands.RemoveMoaiPatternCommand'
        $err[0].TargetObject | Should -Be 'nope'
        @(Find-MoaiPattern -Store $store).Count | Should -Be 4
    }

    It 'does not prompt when $ConfirmPreference is High (the default)' {
        $ConfirmPreference = 'High'
        Remove-MoaiPattern -Store $store -Id 'r1'
        @(Find-MoaiPattern -Store $store).Count | Should -Be 4
    }
}

Describe 'Remove-MoaiPatternOld' {
    BeforeEach {
        $script:store = Join-Path $TestDrive ("ret-{0}" -f [guid]::NewGuid())
        $now = [DateTimeOffset]::UtcNow
        @(
            New-MoaiPattern -Id 'old-err' -Timestamp $now.AddDays(-200) -Type ErrorOccurrence -Data (New-ErrorData)
            New-MoaiPattern -Id 'old-task' -Timestamp $now.AddDays(-100) -Type TaskCompletion -Data (New-TaskData)
            New-MoaiPattern -Id 'mid-task' -Timestamp $now.AddDays(-40) -Type TaskCompletion -Data (New-TaskData)
            New-MoaiPattern -Id 'new-err' -Timestamp $now.AddDays(-1) -Type ErrorOccurrence -Data (New-ErrorData)
        ) | Save-MoaiPattern -Store $store
    }

    It 'removes patterns older than 90 days by default and returns a RetentionResult' {
        $r = Remove-MoaiPatternOld -Store $store
        $r | Should -BeOfType ([MoaiPatterns.Stores.RetentionResult])
        $r.RemovedCount | Should -Be 2
        $r.WhatIf | Should -BeFalse
        $r.Cutoff | Should -BeLessThan ([DateTimeOffset]::UtcNow.AddDays(-89))
        (Find-MoaiPattern -Store $store).PatternId | Should -Be @('new-err', 'mid-task')
    }

    It 'honours -RetentionDays <Days>' -ForEach @(
        @{ Days = 30; Removed = 3 }, @{ Days = 150; Removed = 1 }, @{ Days = 365; Removed = 0 }
    ) {
        (Remove-MoaiPatternOld -Store $store -RetentionDays $Days).RemovedCount | Should -Be $Removed
    }

    It 'honours -Before and -Type' {
        $r = Remove-MoaiPatternOld -Store $store -Before ([DateTimeOffset]::UtcNow) -Type task_completion
        $r.RemovedCount | Should -Be 2
        (Find-MoaiPattern -Store $store).PatternId | Should -Be @('new-err', 'old-err')
    }

    It '-WhatIf removes nothing and reports how many would go' {
        $r = Remove-MoaiPatternOld -Store $store -RetentionDays 30 -WhatIf
        $r.WhatIf | Should -BeTrue
        $r.RemovedCount | Should -Be 3
        @(Find-MoaiPattern -Store $store).Count | Should -Be 4
    }

    It 'rejects a negative retention' {
        { Remove-MoaiPatternOld -Store $store -RetentionDays -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,MoaiPatterns.Commands.RemoveMoaiPatternOldCommand'
    }

    It 'never prompts in a non-interactive session, even with $ConfirmPreference Low' {
        # This pwsh, from its home: (Get-Process -Id $PID).Path is dotnet when pwsh runs as a .NET tool.
        $pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
        $script = "Import-Module '$ModulePath'; `$ConfirmPreference = 'Low'; (Remove-MoaiPatternOld -Store '$store' -RetentionDays 30).RemovedCount"
        $out = & $pwsh -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0
        ($out | Select-Object -Last 1) | Should -Be '3'
    }
}

Describe 'Compress-MoaiPatternStore' {
    It 'gzips old files of a filesystem store and returns a CompressionResult' {
        $store = Join-Path $TestDrive 'compress-fs'
        1..10 | ForEach-Object { New-SeedDict -Id "c$_" -Timestamp ([DateTimeOffset]::UtcNow.AddDays(-60 - $_).ToString('o')) } | Save-MoaiPattern -Store $store
        $preview = Compress-MoaiPatternStore -Store $store -WhatIf
        $preview.WhatIf | Should -BeTrue
        @(Get-ChildItem $store -Recurse -Filter *.json.gz).Count | Should -Be 0
        $r = Compress-MoaiPatternStore -Store $store
        $r | Should -BeOfType ([MoaiPatterns.Stores.CompressionResult])
        $r.CompressedCount | Should -Be 10
        $r.BytesAfter | Should -BeLessThan $r.BytesBefore
        @(Get-ChildItem $store -Recurse -Filter *.json.gz).Count | Should -Be 10
        @(Find-MoaiPattern -Store $store).Count | Should -Be 10
    }

    It 'leaves files newer than -OlderThanDays alone' {
        $store = Join-Path $TestDrive 'compress-new'
        New-SeedDict -Id 'fresh' -Timestamp ([DateTimeOffset]::UtcNow.AddDays(-1).ToString('o')) | Save-MoaiPattern -Store $store
        (Compress-MoaiPatternStore -Store $store -OlderThanDays 30).CompressedCount | Should -Be 0
    }

    It 'reclaims space in a SQLite store' {
        $db = Join-Path $TestDrive 'compress.db'
        1..200 | ForEach-Object { New-SeedDict -Id "s$_" } | Save-MoaiPattern -Store $db
        Find-MoaiPattern -Store $db | Remove-MoaiPattern
        $r = Compress-MoaiPatternStore -Store $db
        $r.Backend | Should -Be 'Sqlite'
        $r.BytesAfter | Should -BeLessOrEqual $r.BytesBefore
    }
}

Describe 'Open-, Get- and Repair-MoaiPatternStore' {
    It 'Open creates a store; -Backend overrides the extension' {
        $path = Join-Path $TestDrive 'forced-sqlite'
        $s = Open-MoaiPatternStore -Path $path -Backend Sqlite
        $s.Backend | Should -Be 'Sqlite'
        Test-Path $path -PathType Leaf | Should -BeTrue
    }

    It 'Get-MoaiPatternStore describes counts by type, oldest, newest and size' {
        $store = Join-Path $TestDrive 'describe'
        New-MoaiPattern -Id 'd1' -Timestamp '2024-01-01T00:00:00Z' -Type TaskCompletion -Data (New-TaskData) | Save-MoaiPattern -Store $store
        New-MoaiPattern -Id 'd2' -Timestamp '2024-02-01T00:00:00Z' -Type ErrorOccurrence -Data (New-ErrorData) | Save-MoaiPattern -Store $store
        $info = Get-MoaiPatternStore -Store $store
        $info.Count | Should -Be 2
        $info.CountByType[[MoaiPatterns.PatternType]::TaskCompletion] | Should -Be 1
        $info.Oldest | Should -Be ([DateTimeOffset]'2024-01-01T00:00:00Z')
        $info.Newest | Should -Be ([DateTimeOffset]'2024-02-01T00:00:00Z')
        $info.SizeBytes | Should -BeGreaterThan 0
    }

    It 'Repair -WhatIf reports an unreadable file and changes nothing; Repair moves it aside' {
        $store = Join-Path $TestDrive 'repair'
        New-SeedDict -Id 'good' -Timestamp '2024-01-01T00:00:00Z' | Save-MoaiPattern -Store $store
        # Named like a pattern file (type_date_time_id.json); files with other names are strays the store ignores.
        $junk = Join-Path $store '2024/01/01/error_occurrence_20240101_000000_junk.json'
        Set-Content -Path $junk -Value '{ not json'
        $preview = Repair-MoaiPatternStore -Store $store -WhatIf
        $preview.Healthy | Should -BeFalse
        $preview.Problems -join "`n" | Should -Match 'junk'
        Test-Path $junk | Should -BeTrue
        $r = Repair-MoaiPatternStore -Store $store
        $r.Actions.Count | Should -BeGreaterThan 0
        Test-Path $junk | Should -BeFalse
        (Repair-MoaiPatternStore -Store $store -WhatIf).Healthy | Should -BeTrue
    }

    It 'a read skipping an unreadable file warns with the file name' {
        $store = Join-Path $TestDrive 'warn'
        New-SeedDict -Id 'good' -Timestamp '2024-01-01T00:00:00Z' | Save-MoaiPattern -Store $store
        Set-Content -Path (Join-Path $store '2024/01/01/error_occurrence_20240101_000000_broken.json') -Value '{ not json'
        $warnings = $null
        $found = Find-MoaiPattern -Store $store -WarningVariable warnings -WarningAction SilentlyContinue
        $found.PatternId | Should -Be 'good'
        ($warnings -join "`n") | Should -Match 'broken\.json'
    }
}

Describe 'Views' {
    BeforeAll {
        $script:store = Join-Path $TestDrive 'views'
        New-MoaiPattern -Id 'v1' -Timestamp '2024-05-01T12:34:00Z' -Type ErrorOccurrence `
            -Data (New-ErrorData -Message ('unsupported operand type(s) for +: int and str ' * 4)) -Tag backend, python |
            Save-MoaiPattern -Store $store
    }

    It 'renders the pattern table with Time, Type, Agent, Tags and Summary in 120 columns' {
        $text = Find-MoaiPattern -Store $store | Out-String -Width 120
        $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Time\s+Type\s+Agent\s+Tags\s+Summary$'
        $text | Should -Match ([regex]::Escape(([DateTimeOffset]'2024-05-01T12:34:00Z').ToLocalTime().ToString('yyyy-MM-dd HH:mm')))
        $text | Should -Match '\sError\s'
        $text | Should -Match 'TypeError: unsupported operand type\(s\) for \+: int and str'
        $text | Should -Match 'backend, py'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
    }

    It 'renders the list view with the details' {
        $text = Find-MoaiPattern -Store $store | Format-List | Out-String -Width 120
        foreach ($label in 'PatternId', 'PatternType', 'Timestamp', 'Agent', 'Summary', 'Tags', 'Data', 'Context') {
            $text | Should -Match "(?m)^$label\s*:"
        }
        $text | Should -Match 'error_type=TypeError'
    }

    It 'renders <Name>' -ForEach @(
        @{ Name = 'a ValidationResult'; Make = { Test-MoaiPattern -Detailed -InputObject @{ pattern_type = 'x' } }; Pattern = 'IsValid' }
        @{ Name = 'a StoreInfo'; Make = { Get-MoaiPatternStore -Store $store }; Pattern = 'CountByType\s*:\s*ErrorOccurrence=1' }
        @{ Name = 'a store object'; Make = { Open-MoaiPatternStore -Path $store }; Pattern = 'Backend\s+Path' }
        @{ Name = 'a RetentionResult'; Make = { Remove-MoaiPatternOld -Store $store -WhatIf }; Pattern = 'RemovedCount\s*:' }
        @{ Name = 'a CompressionResult'; Make = { Compress-MoaiPatternStore -Store $store -WhatIf }; Pattern = 'BytesSaved\s*:' }
        @{ Name = 'a RepairResult'; Make = { Repair-MoaiPatternStore -Store $store -WhatIf }; Pattern = 'Healthy\s*:' }
    ) {
        (& $Make | Out-String -Width 120) | Should -Match $Pattern
    }
}

Describe 'Argument completion' {
    BeforeAll {
        $script:store = Join-Path $TestDrive 'complete'
        New-MoaiPattern -Id 'cmp-1' -Type TaskCompletion -Data (New-TaskData -Agent 'alpha-agent') -Tag 'backend', 'build' | Save-MoaiPattern -Store $store
    }

    It 'completes <Parameter> from the store' -ForEach @(
        @{ Command = 'Find-MoaiPattern'; Parameter = 'Tag'; Word = 'ba'; Expected = 'backend' }
        @{ Command = 'Find-MoaiPattern'; Parameter = 'Agent'; Word = 'alp'; Expected = 'alpha-agent' }
        @{ Command = 'Get-MoaiPattern'; Parameter = 'Id'; Word = 'cmp'; Expected = 'cmp-1' }
    ) {
        $line = "$Command -Store '$store' -$Parameter $Word"
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompletionMatches.CompletionText | Should -Contain $Expected
    }

    It 'offers nothing (and does not throw) for a missing store' {
        $line = "Find-MoaiPattern -Store '$(Join-Path $TestDrive 'nowhere')' -Tag b"
        { TabExpansion2 -inputScript $line -cursorColumn $line.Length } | Should -Not -Throw
        Test-Path (Join-Path $TestDrive 'nowhere') | Should -BeFalse
    }
}

Describe 'Help' {
    It '<_> has a synopsis, a description, parameter help and at least two examples' -ForEach $ExportedCmdlets {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -Match '^\s*$'
        $help.Synopsis | Should -Not -Match ([regex]::Escape("$_ ["))  # not the auto-generated syntax line
        ($help.description | Out-String) | Should -Not -Match '^\s*$'
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($p in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }) {
            $ph = $help.parameters.parameter | Where-Object name -EQ $p
            $ph | Should -Not -BeNullOrEmpty -Because "-$p is documented"
            ($ph.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$p has a description"
        }
    }

    It 'has the about_MoaiPatterns topic' {
        (Get-Help about_MoaiPatterns | Out-String) | Should -Match 'StoreNotFound'
    }

    It 'examples of <_> really run in a fresh folder' -ForEach $ExportedCmdlets {
        # Examples use relative stores (./demo-patterns) and the default store: run each in its own folder.
        $old = $env:MOAI_PATTERN_STORE
        try {
            $i = 0
            foreach ($example in (Get-Help $_ -Examples).examples.example) {
                $i++
                $folder = Join-Path $TestDrive "help-$_-$i"
                $null = New-Item -ItemType Directory -Path $folder
                $env:MOAI_PATTERN_STORE = Join-Path $folder 'default-store'
                Push-Location $folder
                try {
                    $code = ($example.code | Out-String)
                    { $null = & ([scriptblock]::Create($code)) *>&1 } | Should -Not -Throw -Because $example.title
                }
                finally { Pop-Location }
            }
        }
        finally { $env:MOAI_PATTERN_STORE = $old }
    }
}

Describe 'docs/EXAMPLES.md' {
    BeforeDiscovery {
        $text = Get-Content -Raw (Join-Path $PSScriptRoot '../docs/EXAMPLES.md')
        $script:blocks = @([regex]::Matches($text, '(?ms)^```powershell\r?\n(.*?)^```') |
            ForEach-Object { @{ Number = $_.Index; Code = $_.Groups[1].Value } })
    }

    It 'has 6 to 10 examples' -ForEach @{ Count = $blocks.Count } {
        $Count | Should -BeGreaterOrEqual 6
        $Count | Should -BeLessOrEqual 10
    }

    It 'the block at offset <Number> runs without errors' -ForEach $blocks {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        $old = $env:MOAI_PATTERN_STORE
        $env:MOAI_PATTERN_STORE = Join-Path $folder 'default-store'
        Push-Location $folder
        try {
            $records = & ([scriptblock]::Create($Code)) *>&1
            @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -HaveCount 0
        }
        finally { Pop-Location; $env:MOAI_PATTERN_STORE = $old }
    }
}
