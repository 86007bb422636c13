using System.IO;
using System.Linq;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests
{
    /// <summary>Import-Module of out/MoaiPatterns in a bare hosted engine that knows nothing of the module's dependencies.</summary>
    [Collection(PowerShellCollection.Name)]
    public sealed class ModuleImportTests
    {
        private readonly PowerShellFixture ps;

        public ModuleImportTests(PowerShellFixture ps) => this.ps = ps;

        [Fact]
        public void ImportModuleByPathWorksInABareEngine()
        {
            var result = ps.Run("Import-Module -Name $ModuleManifest -ErrorAction Stop; $m = Get-Module MoaiPatterns; $m.Name; $m.ModuleBase",
                new PsRunOptions { ImportModule = false }).AssertSucceeded();

            Assert.Equal("MoaiPatterns", result.Output[0].BaseObject);
            Assert.Equal(Path.GetFullPath(ps.ModuleDirectory).TrimEnd('/', '\\'), ((string)result.Output[1].BaseObject).TrimEnd('/', '\\'));
        }

        [Fact]
        public void ImportingTwiceWithForceLeavesOneWorkingModule()
        {
            using var temp = new TempDir();
            var result = ps.Run(
                "Import-Module $ModuleManifest -Force -ErrorAction Stop\n" +
                "Import-Module $ModuleManifest -Force -ErrorAction Stop\n" +
                "@(Get-Module MoaiPatterns).Count\n" +
                "[MoaiPatterns.Commands.ModuleDiagnostics]::TestSqlite($db)",
                new System.Collections.Generic.Dictionary<string, object> { ["db"] = temp.Combine("twice.db") }).AssertSucceeded();

            Assert.Equal(1, result.Output[0].BaseObject);
            Assert.StartsWith("3.", (string)result.Output[1].BaseObject);
        }

        [Fact]
        public void RemoveAndReimportKeepsSqliteWorking()
        {
            using var temp = new TempDir();
            var result = ps.Run(
                "[MoaiPatterns.Commands.ModuleDiagnostics]::TestSqlite($first)\n" +
                "Remove-Module MoaiPatterns -ErrorAction Stop\n" +
                "@(Get-Module MoaiPatterns).Count\n" +
                "Import-Module $ModuleManifest -ErrorAction Stop\n" +
                "[MoaiPatterns.Commands.ModuleDiagnostics]::TestSqlite($second)",
                new System.Collections.Generic.Dictionary<string, object> { ["first"] = temp.Combine("a.db"), ["second"] = temp.Combine("b.db") }).AssertSucceeded();

            Assert.Equal(0, result.Output[1].BaseObject);
            Assert.Equal(result.Output[0].BaseObject, result.Output[2].BaseObject);
            Assert.True(File.Exists(temp.Combine("b.db")));
        }

        [Fact]
        public void PublicTypesCanBeNamedFromScripts()
        {
            var result = ps.Run(
                "[MoaiPatterns.PatternType]::ErrorOccurrence\n" +
                "[MoaiPatterns.MoaiPattern].FullName\n" +
                "[MoaiPatterns.MoaiPattern].Assembly.Location").AssertSucceeded();

            Assert.Equal("ErrorOccurrence", result.Output[0].BaseObject.ToString());
            Assert.Equal("MoaiPatterns.PatternType", result.Output[0].BaseObject.GetType().FullName);
            Assert.Equal("MoaiPatterns.MoaiPattern", result.Output[1].BaseObject);
            Assert.Equal(Path.Combine(Path.GetFullPath(ps.ModuleDirectory), "MoaiPatterns.Core.dll"), result.Output[2].BaseObject);
        }

        [Fact]
        public void ExportsOnlyCmdletsTheManifestLists()
        {
            var listed = ModuleManifestReader.Read(ps.ModuleManifest).Strings("CmdletsToExport");
            var result = ps.Run(
                "$m = Get-Module MoaiPatterns\n" +
                ",[string[]]@($m.ExportedCmdlets.Keys)\n" +
                "$m.ExportedFunctions.Count + $m.ExportedAliases.Count + $m.ExportedVariables.Count").AssertSucceeded();

            var exported = (string[])result.Output[0].BaseObject;
            Assert.All(exported, name => Assert.Contains(name, listed));
            Assert.Equal(0, result.Output[1].BaseObject);
            // Every cmdlet the assembly defines and the manifest lists is exported: Get-Command agrees with the module.
            var commands = ps.Run("@(Get-Command -Module MoaiPatterns -CommandType Cmdlet).Count").AssertSucceeded();
            Assert.Equal(exported.Length, commands.Output[0].BaseObject);
        }
    }
}
