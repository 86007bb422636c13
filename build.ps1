#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests, packages and cleans the MoaiPatterns module.

.DESCRIPTION
    Build    dotnet build PatternsModule.sln: assembles the module folder out/MoaiPatterns/.
    Test     Build, then the xunit suites (dotnet test --no-build), then Pester 5 over
             tests/*.Tests.ps1 when Pester 5 is installed (otherwise a clear skip line).
    Package  Build (Release), then a PowerShell Gallery .nupkg of out/MoaiPatterns in artifacts/.
    Clean    dotnet clean, and removes out/ and artifacts/.
    Bench    Build (the cmdlet runs import out/MoaiPatterns), then dotnet run the benchmark suite
             (bench/MoaiPatterns.Bench), passing any remaining arguments; see docs/PERFORMANCE.md.

.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release
.EXAMPLE
    ./build.ps1 -Task Bench -- --sizes 1000,10000,100000 --sqlite-extra 1000000 --repeat 5
.EXAMPLE
    ./build.ps1 -Task Bench -- --quick
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean', 'Bench')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Passed through to the benchmark program (Bench only).
    [Parameter(ValueFromRemainingArguments)]
    [string[]] $BenchArgs = @()
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$RepoRoot = $PSScriptRoot
$Solution = Join-Path $RepoRoot 'PatternsModule.sln'
$ModuleDir = Join-Path $RepoRoot 'out/MoaiPatterns'
$ArtifactsDir = Join-Path $RepoRoot 'artifacts'

function Invoke-Native {
    # Runs a native command and stops the build when it fails ($ErrorActionPreference does not cover exit codes).
    param([Parameter(Mandatory)] [string] $Command, [string[]] $Arguments = @())
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor Cyan
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', $Solution, '-c', $Configuration)
    if (-not (Test-Path (Join-Path $ModuleDir 'MoaiPatterns.psd1'))) {
        throw "The build did not produce $ModuleDir/MoaiPatterns.psd1."
    }
}

function Invoke-Test {
    Invoke-Build
    # The module tests import out/MoaiPatterns, so they run on what was just built.
    Invoke-Native dotnet @('test', $Solution, '-c', $Configuration, '--no-build')
    Invoke-PesterSuite
}

function Invoke-PesterSuite {
    $pester = Get-Module -ListAvailable -Name Pester |
        Where-Object { $_.Version -ge [version]'5.0.0' } |
        Sort-Object Version -Descending |
        Select-Object -First 1
    if (-not $pester) {
        Write-Host 'Pester 5 not found: skipping tests/*.Tests.ps1 (Install-Module Pester -MinimumVersion 5.0.0 -Scope CurrentUser to run them).' -ForegroundColor Yellow
        return
    }
    $testFiles = @(Get-ChildItem -Path (Join-Path $RepoRoot 'tests') -Filter '*.Tests.ps1' -File)
    if ($testFiles.Count -eq 0) {
        Write-Host 'No tests/*.Tests.ps1 files.'
        return
    }

    # A child pwsh: the module's assemblies must not stay loaded (and locked) in this build session.
    # No tag filter: Its tagged RequiresPwsh (skipped by the hosted Pester-lite run in xunit) run here.
    $pwsh = (Get-Process -Id $PID).Path
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module -Name '$($pester.Path)' -Force
`$config = New-PesterConfiguration
`$config.Run.Path = @($(($testFiles | ForEach-Object { "'" + ($_.FullName -replace "'", "''") + "'" }) -join ', '))
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$result = Invoke-Pester -Configuration `$config
if (`$result.FailedCount -gt 0 -or `$result.Result -ne 'Passed') { exit 1 }
exit 0
"@
    Write-Host "> Pester $($pester.Version) over $($testFiles.Count) file(s)" -ForegroundColor Cyan
    & $pwsh -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) { throw 'Pester tests failed.' }
}

function Invoke-Package {
    if ($Configuration -ne 'Release') { Write-Warning 'Packaging a Debug build.' }
    Invoke-Build
    if (-not (Get-Command -Name Publish-PSResource -ErrorAction SilentlyContinue)) {
        throw 'Publish-PSResource not found: Package needs Microsoft.PowerShell.PSResourceGet (shipped with PowerShell 7.4+).'
    }
    New-Item -ItemType Directory -Path $ArtifactsDir -Force | Out-Null

    # Publishing to a local folder repository writes the same .nupkg the Gallery receives, without network.
    $repositoryName = 'MoaiPatternsBuild-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $repositoryName -Uri $ArtifactsDir -Trusted | Out-Null
    try {
        $version = (Import-PowerShellDataFile (Join-Path $ModuleDir 'MoaiPatterns.psd1')).ModuleVersion
        Get-ChildItem -Path $ArtifactsDir -Filter "MoaiPatterns.$version.nupkg" -ErrorAction SilentlyContinue | Remove-Item -Force
        Publish-PSResource -Path $ModuleDir -Repository $repositoryName
        $package = Join-Path $ArtifactsDir "MoaiPatterns.$version.nupkg"
        if (-not (Test-Path $package)) { throw "Publish-PSResource did not write $package." }
        Write-Host "Package: $package" -ForegroundColor Green
    }
    finally {
        Unregister-PSResourceRepository -Name $repositoryName -ErrorAction SilentlyContinue
    }
}

function Invoke-Clean {
    Invoke-Native dotnet @('clean', $Solution, '-c', $Configuration)
    foreach ($dir in @((Join-Path $RepoRoot 'out'), $ArtifactsDir)) {
        if (Test-Path $dir) { Remove-Item -Path $dir -Recurse -Force }
    }
}

function Invoke-Bench {
    $project = Join-Path $RepoRoot 'bench/MoaiPatterns.Bench'
    if (-not (Test-Path $project)) { throw "No benchmark project at $project." }
    Invoke-Native dotnet (@('run', '-c', 'Release', '--project', $project, '--') + $BenchArgs)
}

Push-Location $RepoRoot
try {
    foreach ($name in $Task) {
        Write-Host "=== $name ($Configuration)" -ForegroundColor Green
        switch ($name) {
            'Build' { Invoke-Build }
            'Test' { Invoke-Test }
            'Package' { Invoke-Package }
            'Clean' { Invoke-Clean }
            'Bench' { Invoke-Build; Invoke-Bench }
        }
    }
}
finally {
    Pop-Location
}
