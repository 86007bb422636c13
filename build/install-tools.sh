#!/usr/bin/env bash
# Installs the pinned test tools and prints where they are, one NAME=value line each on stdout:
#   PWSH=<pwsh>           PowerShell 7.6.9 as a .NET tool, in .tools/pwsh/ under the repository (git-ignored)
#   PESTER=<Pester.psd1>  Pester 5.7.1 from NuGet, in the NuGet global packages folder
# Progress goes to stderr, so callers read stdout only. A tool already present is not reinstalled.
# Needs only the .NET SDK and a NuGet feed. Used by .ci/run and build.ps1 (-Task Test); run it
# yourself to get a pwsh for trying the module: `bash build/install-tools.sh`, then `.tools/pwsh/pwsh`.
set -euo pipefail

readonly PWSH_VERSION=7.6.9
readonly PESTER_VERSION=5.7.1

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool_dir="$repo/.tools/pwsh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

case "$(uname -s)" in
    MINGW* | MSYS* | CYGWIN*) pwsh_name=pwsh.exe ;;
    *) pwsh_name=pwsh ;;
esac

# A path pwsh can open: Git Bash on Windows speaks /c/..., pwsh needs C:\...
native_path() {
    if command -v cygpath >/dev/null 2>&1; then cygpath -w "$1"; else printf '%s\n' "$1"; fi
}

if ! command -v dotnet >/dev/null 2>&1; then
    echo "install-tools: the .NET SDK (dotnet) is required and was not found on PATH." >&2
    exit 1
fi

# pwsh: the PowerShell .NET tool, pinned. Another version in the folder is replaced.
if [[ -x "$tool_dir/$pwsh_name" && -d "$tool_dir/.store/powershell/$PWSH_VERSION" ]]; then
    echo "install-tools: PowerShell $PWSH_VERSION already in $tool_dir" >&2
else
    rm -rf "$tool_dir"
    echo "install-tools: installing PowerShell $PWSH_VERSION into $tool_dir" >&2
    dotnet tool install --tool-path "$tool_dir" PowerShell --version "$PWSH_VERSION" >&2
fi

# Pester: the NuGet package holds the module; a throwaway project downloads exactly this version.
packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
packages="${packages%/}"
pester="$packages/pester/$PESTER_VERSION/tools/Pester.psd1"
if [[ -f "$pester" ]]; then
    echo "install-tools: Pester $PESTER_VERSION already in $packages" >&2
else
    echo "install-tools: restoring Pester $PESTER_VERSION from NuGet" >&2
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    cat >"$scratch/PesterDownload.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <WarningsAsErrors>NU1603</WarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Pester" Version="[$PESTER_VERSION]" />
  </ItemGroup>
</Project>
PROJECT
    dotnet restore "$scratch/PesterDownload.csproj" >&2
    if [[ ! -f "$pester" ]]; then
        echo "install-tools: the restore did not produce $pester" >&2
        exit 1
    fi
fi

echo "PWSH=$(native_path "$tool_dir/$pwsh_name")"
echo "PESTER=$(native_path "$pester")"
