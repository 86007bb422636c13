#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Patterns in PowerShell's own ecosystem: the seed's field names on the objects, and PowerShell's
# serializers (ConvertTo-Json/ConvertFrom-Json, Export-Clixml/Import-Clixml, Export-Csv) round trips.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/MoaiPatterns/MoaiPatterns.psd1') -Force -ErrorAction Stop
    function script:New-Sample {
        New-MoaiPattern -Type TaskCompletion -Tag api, Backend `
            -Timestamp ([DateTimeOffset]::new(2025, 5, 1, 12, 0, 0, [TimeSpan]::FromHours(2))) `
            -Data @{ task_type = 'build'; agent = 'coder'; duration_ms = 1200; success = $true; files_modified = 2; coverage_percent = 81.5 } `
            -Context @{ project_name = 'shop'; environment = 'staging' }
    }
    function script:SeedJson($p) { [MoaiPatterns.Serialization.PatternJson]::ToJson($p, $false) }
}

AfterAll { Remove-Module MoaiPatterns -Force -ErrorAction SilentlyContinue }

Describe 'The seed''s field names on the objects' {
    It 'reads data.<_> by its seed name' -ForEach @('duration_ms', 'task_type', 'files_modified', 'coverage_percent') {
        $p = New-Sample
        $pascal = -join ($_ -split '_' | ForEach-Object { $_.Substring(0, 1).ToUpper() + $_.Substring(1) })
        $p.Data.$_ | Should -Be $p.Data.$pascal
        $p.Data.$_ | Should -Not -BeNullOrEmpty
    }

    It 'filters with Where-Object on a seed name' {
        $patterns = @(New-Sample; New-MoaiPattern -Type TaskCompletion -Data @{ task_type = 'x'; agent = 'a'; duration_ms = 5; success = $true })
        @($patterns | Where-Object { $_.Data.duration_ms -gt 1000 }).Count | Should -Be 1
    }

    It 'reads context.project_name by its seed name' {
        (New-Sample).Context.project_name | Should -Be 'shop'
    }
}

Describe 'Round trips through PowerShell''s serializers save back as the same pattern (<_>)' -ForEach @('patterns.db', 'folder') {
    BeforeAll { $script:Store = Join-Path $TestDrive $_ }

    It 'ConvertTo-Json | ConvertFrom-Json | Save-MoaiPattern' {
        $p = New-Sample
        $saved = $p | ConvertTo-Json -Depth 10 | ConvertFrom-Json | Save-MoaiPattern -Store $script:Store -PassThru -ErrorAction Stop
        $saved.PatternId | Should -Be $p.PatternId
        $saved.PatternType | Should -Be 'TaskCompletion'
        $saved.Timestamp.UtcDateTime | Should -Be $p.Timestamp.UtcDateTime
        $saved.Tags | Should -Be @('api', 'Backend')
        $saved.Data.DurationMs | Should -Be 1200
        $saved.Data.FilesModified | Should -Be 2
        $saved.Data.CoveragePercent | Should -Be 81.5
        $saved.Context.Environment | Should -Be 'staging'
    }

    It 'keeps unknown fields and metadata, values and all, through ConvertTo-Json | ConvertFrom-Json' {
        $p = New-MoaiPattern -Type ErrorOccurrence -Data @{ error_type = 'TypeError'; error_message = 'bad'; retries = 3; nested = @{ a = 1.5; b = @('x', 'y') } } `
            -Context @{ metadata = @{ ci = $true; run = @{ id = 12 } } }
        $json = $p | ConvertTo-Json -Depth 10
        $json | Should -Not -Match 'ValueKind'
        $saved = $json | ConvertFrom-Json | Save-MoaiPattern -Store $script:Store -PassThru -ErrorAction Stop
        $saved.Data.AdditionalProperties.GetValue('retries') | Should -Be 3
        $saved.Data.AdditionalProperties['nested'].GetProperty('b')[1].GetString() | Should -Be 'y'
        $saved.Data.AdditionalProperties['nested'].GetProperty('a').GetDouble() | Should -Be 1.5
        $saved.Context.Metadata.GetValue('ci') | Should -BeTrue
        $saved.Context.Metadata['run'].GetProperty('id').GetInt64() | Should -Be 12
    }

    It 'Export-Clixml | Import-Clixml | Save-MoaiPattern gives the same JSON' {
        $p = New-Sample
        $file = Join-Path $TestDrive "p-$([guid]::NewGuid().ToString('N')).xml"
        $p | Export-Clixml -Path $file
        Import-Clixml -Path $file | Save-MoaiPattern -Store $script:Store -ErrorAction Stop
        SeedJson (Get-MoaiPattern -Store $script:Store -Id $p.PatternId) | Should -Be (SeedJson $p)
    }
}

Describe 'Export-Csv' {
    It 'writes data and context as their JSON, not type names' {
        $file = Join-Path $TestDrive 'p.csv'
        New-Sample | Export-Csv -Path $file
        $row = Import-Csv -Path $file
        $row.Data | Should -Match '"duration_ms":1200'
        $row.Context | Should -Match '"project_name":"shop"'
        $row.Data | Should -Not -Match 'MoaiPatterns\.'
        $row.Tags | Should -Be 'api,Backend'
        $row.AdditionalProperties | Should -Be '{}'
    }

    It 'writes unknown fields as their JSON' {
        $file = Join-Path $TestDrive 'extra.csv'
        New-MoaiPattern -Type TaskCompletion -Data @{ task_type = 'b'; agent = 'a'; duration_ms = 1; success = $true; note = 'hi' } |
            Export-Csv -Path $file
        (Import-Csv -Path $file).Data | Should -Match '"note":"hi"'
    }

    It 'expands Tags in a string as the tags' {
        "$((New-Sample).Tags)" | Should -Be 'api Backend'
        (New-Sample).Tags.ToString() | Should -Be 'api,Backend'
    }
}
