#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests, packages and cleans the MoaiPatterns module.

.DESCRIPTION
    Build    dotnet build PatternsModule.sln: assembles the module folder out/MoaiPatterns/.
    Test     Build, then the xunit suites (dotnet test --no-build), then Pester over
             tests/*.Tests.ps1 (tests/run-pester.ps1) in a child of this pwsh, with the pinned
             Pester that build/install-tools.sh installs (bash needed; CI uses the same script).
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
    # The pinned Pester (and pwsh), installed by the same script CI uses.
    $bash = Get-Command -Name bash -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $bash) { throw 'bash not found: Test runs build/install-tools.sh to install the pinned Pester (on Windows, Git Bash provides bash).' }
    $tools = @{}
    foreach ($line in (& $bash.Source (Join-Path $RepoRoot 'build/install-tools.sh'))) {
        $name, $value = $line -split '=', 2
        $tools[$name] = $value
    }
    if ($LASTEXITCODE -ne 0 -or -not $tools['PESTER']) { throw 'build/install-tools.sh failed.' }

    # A child pwsh, so the module's assemblies do not stay loaded (and locked) in this build session:
    # this pwsh, found from its home ((Get-Process -Id $PID).Path is dotnet when pwsh runs as a .NET tool).
    $pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    Invoke-Native $pwsh @('-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'tests/run-pester.ps1'), '-PesterPath', $tools['PESTER'])
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
