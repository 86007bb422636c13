#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 mirror of tests/MoaiPatterns.Module.Tests (xunit): the built module folder imports,
# its manifest is valid and exact, it exports only what it lists, and its public types and SQLite load.
# Run after `dotnet build PatternsModule.sln -c Release` (./build.ps1 -Task Test does both).

BeforeAll {
    $script:RepoRoot = Split-Path -Parent $PSScriptRoot
    $script:ModuleDir = Join-Path $RepoRoot 'out/MoaiPatterns'
    $script:ManifestPath = Join-Path $ModuleDir 'MoaiPatterns.psd1'
    if (-not (Test-Path $ManifestPath)) {
        throw "Built module not found at ${ManifestPath}: run 'dotnet build PatternsModule.sln -c Release' first."
    }
    $script:ContractCmdlets = @(
        'New-MoaiPattern', 'Test-MoaiPattern', 'Save-MoaiPattern', 'Get-MoaiPattern', 'Find-MoaiPattern',
        'Remove-MoaiPattern', 'Remove-MoaiPatternOld', 'Compress-MoaiPatternStore', 'Open-MoaiPatternStore',
        'Get-MoaiPatternStore', 'Repair-MoaiPatternStore', 'Export-MoaiPattern', 'Import-MoaiPattern',
        'Measure-MoaiPattern', 'Measure-MoaiPatternTrend', 'Find-MoaiAnomaly', 'Group-MoaiError', 'Find-MoaiResolution', 'Export-MoaiPatternReport', 'Watch-MoaiPattern'
    )
    Import-Module $ManifestPath -Force -ErrorAction Stop
}

Describe 'Importing the built module' {
    It 'imports from out/MoaiPatterns' {
        $module = Get-Module MoaiPatterns
        $module | Should -Not -BeNullOrEmpty
        $module.ModuleBase.TrimEnd('/', '\') | Should -Be (Resolve-Path $ModuleDir).Path.TrimEnd('/', '\')
    }

    It 'imports twice with -Force and stays one working module' {
        Import-Module $ManifestPath -Force -ErrorAction Stop
        Import-Module $ManifestPath -Force -ErrorAction Stop
        @(Get-Module MoaiPatterns).Count | Should -Be 1
        [MoaiPatterns.Commands.ModuleDiagnostics]::TestSqlite((Join-Path $TestDrive 'twice.db')) | Should -Match '^3\.\d+\.\d+$'
    }

    It 'names the public types from scripts' {
        [MoaiPatterns.PatternType]::ErrorOccurrence | Should -BeOfType ([MoaiPatterns.PatternType])
        [MoaiPatterns.PatternType]::ErrorOccurrence.ToString() | Should -Be 'ErrorOccurrence'
        [MoaiPatterns.MoaiPattern].Assembly.Location | Should -Be (Join-Path (Resolve-Path $ModuleDir).Path 'MoaiPatterns.Core.dll')
    }

    It 'opens a real SQLite database (with FTS5) through the module' {
        $db = Join-Path $TestDrive 'self-test.db'
        [MoaiPatterns.Commands.ModuleDiagnostics]::TestSqlite($db) | Should -Match '^3\.\d+\.\d+$'
        (Get-Item $db).Length | Should -BeGreaterThan 0
    }
}

Describe 'The module manifest' {
    BeforeAll {
        $script:Manifest = Import-PowerShellDataFile $ManifestPath
    }

    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'carries the assembly version (one version source)' {
        $assemblyVersion = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModuleDir 'MoaiPatterns.dll')).Version
        $expected = [version]::new($assemblyVersion.Major, $assemblyVersion.Minor, $assemblyVersion.Build)
        (Test-ModuleManifest -Path $ManifestPath).Version | Should -Be $expected
        $props = [xml](Get-Content -Raw (Join-Path $RepoRoot 'Directory.Build.props'))
        $Manifest.ModuleVersion | Should -Be $props.SelectSingleNode('//ModuleVersion').InnerText
    }

    It 'lists exactly the contract cmdlets and nothing else' {
        (@($Manifest.CmdletsToExport | Sort-Object) -join ',') | Should -Be (@($ContractCmdlets | Sort-Object) -join ',')
        @($Manifest.FunctionsToExport).Count | Should -Be 0
        @($Manifest.AliasesToExport).Count | Should -Be 0
        @($Manifest.VariablesToExport).Count | Should -Be 0
    }

    It 'supports both editions from PowerShell 5.1' {
        $Manifest.CompatiblePSEditions | Should -Contain 'Desktop'
        $Manifest.CompatiblePSEditions | Should -Contain 'Core'
        $Manifest.PowerShellVersion | Should -Be '5.1'
        $Manifest.RootModule | Should -Be 'MoaiPatterns.dll'
    }
}

Describe 'Exports' {
    It 'exports only cmdlets the manifest lists' {
        $module = Get-Module MoaiPatterns
        foreach ($name in $module.ExportedCmdlets.Keys) {
            $ContractCmdlets | Should -Contain $name
        }
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
    }
}
