#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Runs the Pester suite (tests/*.Tests.ps1) with a pinned Pester imported by path.

.DESCRIPTION
    Imports Pester from -PesterPath (build/install-tools.sh prints it as PESTER=...), runs every
    tests/*.Tests.ps1 against the built module folder out/MoaiPatterns/, prints Pester's summary
    ("Tests Passed: N, Failed: 0, ..."), writes NUnit XML to TestResults/Pester.xml and exits
    non-zero when any test, block or file failed, or when no test ran at all.
    .ci/run and ./build.ps1 -Task Test call it after building.

.EXAMPLE
    .tools/pwsh/pwsh -NoProfile -NonInteractive -File tests/run-pester.ps1 -PesterPath ~/.nuget/packages/pester/5.7.1/tools/Pester.psd1
#>
[CmdletBinding()]
param(
    # Pester.psd1 of the pinned version.
    [Parameter(Mandatory)]
    [string] $PesterPath,

    # Test files to run; default every tests/*.Tests.ps1.
    [string[]] $Path = @(Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1' -File | Sort-Object Name | ForEach-Object FullName),

    # Where the NUnit XML report goes.
    [string] $ResultsPath = (Join-Path (Split-Path -Parent $PSScriptRoot) 'TestResults/Pester.xml'),

    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Verbosity = 'Detailed'
)

$ErrorActionPreference = 'Stop'
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }  # a CI log without colour codes

if (@($Path).Count -eq 0) { throw "No *.Tests.ps1 files in $PSScriptRoot." }
$pester = Import-Module -Name $PesterPath -Force -PassThru
Write-Host "Pester $($pester.Version) from $($pester.ModuleBase), PowerShell $($PSVersionTable.PSVersion) from $PSHOME"

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.Throw = $true          # any failed test, block or file fails the run (Run.Exit would exit with the count, which wraps at 256)
$config.Run.PassThru = $true
$config.Output.Verbosity = $Verbosity
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultsPath

$result = Invoke-Pester -Configuration $config
if ($result.TotalCount -eq 0 -or $result.PassedCount -eq 0) {
    throw 'Pester ran no tests: a suite that finds nothing must not pass.'
}
exit 0
