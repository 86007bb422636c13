using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests
{
    /// <summary>The manifest as written in the repository and as stamped into out/MoaiPatterns.</summary>
    [Collection(PowerShellCollection.Name)]
    public sealed class ManifestTests
    {
        private static readonly string[] ContractCmdlets =
        {
            "New-MoaiPattern", "Test-MoaiPattern", "Save-MoaiPattern", "Get-MoaiPattern", "Find-MoaiPattern",
            "Remove-MoaiPattern", "Remove-MoaiPatternOld", "Compress-MoaiPatternStore", "Open-MoaiPatternStore",
            "Get-MoaiPatternStore", "Repair-MoaiPatternStore", "Export-MoaiPattern", "Import-MoaiPattern",
            "Measure-MoaiPattern", "Measure-MoaiPatternTrend", "Find-MoaiAnomaly", "Group-MoaiError", "Find-MoaiResolution", "Export-MoaiPatternReport", "Watch-MoaiPattern",
        };

        private readonly PowerShellFixture ps;

        public ManifestTests(PowerShellFixture ps) => this.ps = ps;

        [Fact]
        public void TestModuleManifestPassesAndVersionIsTheAssemblyVersion()
        {
            var result = ps.Run("$info = Test-ModuleManifest -Path $ModuleManifest -ErrorAction Stop; $info.Version.ToString(); $info.Name",
                new PsRunOptions { ImportModule = false }).AssertSucceeded();

            var manifestVersion = Version.Parse((string)result.Output[0].BaseObject);
            var assemblyVersion = AssemblyName.GetAssemblyName(Path.Combine(ps.ModuleDirectory, "MoaiPatterns.dll")).Version!;
            Assert.Equal(new Version(assemblyVersion.Major, assemblyVersion.Minor, assemblyVersion.Build), manifestVersion);
            Assert.Equal(Version.Parse(VersionInBuildProps()), manifestVersion);
            Assert.Equal("MoaiPatterns", result.Output[1].BaseObject);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void ManifestListsExactlyTheContractCmdletsAndNothingElse(bool built)
        {
            var manifest = ModuleManifestReader.Read(built ? ps.ModuleManifest : RepoPaths.SourceManifest);

            Assert.Equal(ContractCmdlets.OrderBy(n => n), manifest.Strings("CmdletsToExport").OrderBy(n => n));
            Assert.Empty(manifest.Strings("FunctionsToExport"));
            Assert.Empty(manifest.Strings("AliasesToExport"));
            Assert.Empty(manifest.Strings("VariablesToExport"));
        }

        [Fact]
        public void ManifestDeclaresBothEditionsTheRootModuleAndTheCoreTypes()
        {
            var manifest = ModuleManifestReader.Read(ps.ModuleManifest);

            Assert.Equal("MoaiPatterns.dll", manifest.String("RootModule"));
            Assert.Equal("5.1", manifest.String("PowerShellVersion"));
            Assert.Equal(new[] { "Core", "Desktop" }, manifest.Strings("CompatiblePSEditions").OrderBy(n => n));
            Assert.Equal(new[] { "MoaiPatterns.Core.dll" }, manifest.Strings("RequiredAssemblies"));
            Assert.True(Guid.TryParse(manifest.String("GUID"), out _));
            foreach (var file in manifest.Strings("FormatsToProcess").Concat(manifest.Strings("TypesToProcess")).Concat(manifest.Strings("RequiredAssemblies")))
                Assert.True(File.Exists(Path.Combine(ps.ModuleDirectory, file)), file + " is listed but not in the module folder");

            var psData = (System.Collections.Hashtable)((System.Collections.Hashtable)manifest.Values["PrivateData"]!)["PSData"]!;
            foreach (var key in new[] { "Tags", "ProjectUri", "LicenseUri", "ReleaseNotes" })
                Assert.True(psData.ContainsKey(key), "PSData lacks " + key);
        }

        [Fact]
        public void BuiltManifestIsTheSourceManifestWithTheVersionStamped()
        {
            var source = File.ReadAllText(RepoPaths.SourceManifest);
            var built = File.ReadAllText(ps.ModuleManifest);
            var pattern = new Regex(@"ModuleVersion\s*=\s*'[^']*'");

            Assert.Equal(pattern.Replace(source, "V").Trim(), pattern.Replace(built, "V").Trim());
            Assert.Equal(VersionInBuildProps(), ModuleManifestReader.Read(ps.ModuleManifest).String("ModuleVersion"));
        }

        private static string VersionInBuildProps()
        {
            var props = File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "Directory.Build.props"));
            return Regex.Match(props, "<ModuleVersion>([^<]+)</ModuleVersion>").Groups[1].Value;
        }
    }
}
