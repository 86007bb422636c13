using System.IO;
using System.Linq;
using System.Management.Automation;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    public sealed class StoreSelectionTests : CmdletTestBase
    {
        public StoreSelectionTests(PowerShellFixture ps) : base(ps) { }

        [Theory]
        [MemberData(nameof(Backends))]
        public void StoreObjectAndPathReachTheSameStore(string backend)
        {
            var store = StorePath(backend);
            var r = Run(@"$s = Open-MoaiPatternStore $store
New-MoaiPattern -Id x1 -Type TaskCompletion -Data (TaskData) | Save-MoaiPattern -Store $s
(Get-MoaiPattern x1 -Store $store).PatternId
(Get-MoaiPattern x1 -Store ([IO.FileInfo]$store)).PatternId", store).AssertSucceeded();
            Assert.Equal(new[] { "x1", "x1" }, Strings(r));
        }

        [Theory]
        [InlineData("envstore")]
        [InlineData("env.db")]
        public void EnvironmentVariableIsTheDefault(string name)
        {
            var r = Run(@"$env:MOAI_PATTERN_STORE = [IO.Path]::Combine($temp, '" + name + @"')
try {
    New-MoaiPattern -Id e1 -Type TaskCompletion -Data (TaskData) | Save-MoaiPattern
    (Get-MoaiPattern e1).PatternId
    (Get-MoaiPatternStore).Path
} finally { $env:MOAI_PATTERN_STORE = $null }").AssertSucceeded();
            Assert.Equal("e1", Strings(r)[0]);
            Assert.Equal(Temp.Combine(name), Strings(r)[1]);
            Assert.True(File.Exists(Temp.Combine(name)) || Directory.Exists(Temp.Combine(name)));
            Assert.False(Directory.Exists(Temp.Combine(".moai")));
        }

        [Fact]
        public void DefaultIsDotMoaiPatternsUnderTheLocation()
        {
            var r = Run("$env:MOAI_PATTERN_STORE = $null\nNew-MoaiPattern -Id d1 -Type TaskCompletion -Data (TaskData) | Save-MoaiPattern\n(Get-MoaiPattern d1).PatternId").AssertSucceeded();
            Assert.Equal("d1", Strings(r).Single());
            Assert.True(Directory.Exists(Temp.Combine(".moai", "patterns")));
        }

        [Fact]
        public void RelativePathsResolveAgainstSetLocationNotTheProcessDirectory()
        {
            Directory.CreateDirectory(Temp.Combine("sub"));
            var r = Run(@"$null = $ExecutionContext.SessionState.Path.SetLocation([IO.Path]::Combine($temp, 'sub'))
New-MoaiPattern -Id r1 -Type TaskCompletion -Data (TaskData) | Save-MoaiPattern -Store 'rel-store'
New-MoaiPattern -Id r2 -Type TaskCompletion -Data (TaskData) | Save-MoaiPattern -Store 'rel.db'
(Open-MoaiPatternStore 'rel-store').Path
[Environment]::CurrentDirectory -ne $ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath").AssertSucceeded();
            Assert.True(Directory.Exists(Temp.Combine("sub", "rel-store")));
            Assert.True(File.Exists(Temp.Combine("sub", "rel.db")));
            Assert.Equal(Temp.Combine("sub", "rel-store"), Strings(r)[0]);
            Assert.Equal("True", Strings(r)[1]);
        }

        [Theory]
        [InlineData("Find-MoaiPattern", "missing-folder")]
        [InlineData("Get-MoaiPattern -Id x", "missing.db")]
        [InlineData("Get-MoaiPatternStore", "missing-folder")]
        [InlineData("Remove-MoaiPatternOld", "missing.db")]
        [InlineData("Compress-MoaiPatternStore", "missing-folder")]
        [InlineData("Remove-MoaiPattern -Id x", "missing-folder")]
        public void ReadingAMissingStoreIsTerminatingStoreNotFoundAndCreatesNothing(string command, string name)
        {
            var r = Run($"try {{ {command} -Store '{name}'; 'not thrown' }} catch {{ $_.FullyQualifiedErrorId; $_.CategoryInfo.Category.ToString(); $_.Exception.Message }}").AssertSucceeded();
            var s = Strings(r);
            Assert.StartsWith("StoreNotFound,", s[0]);
            Assert.Equal("ObjectNotFound", s[1]);
            Assert.Contains(name, s[2]);
            Assert.False(File.Exists(Temp.Combine(name)) || Directory.Exists(Temp.Combine(name)));
        }

        [Theory]
        [InlineData("new-folder")]
        [InlineData("new.sqlite3")]
        public void WritingCreatesTheStore(string name)
        {
            Run($"New-MoaiPattern -Type TaskCompletion -Data (TaskData) | Save-MoaiPattern -Store '{name}'").AssertSucceeded();
            Assert.True(File.Exists(Temp.Combine(name)) || Directory.Exists(Temp.Combine(name)));
        }

        [Fact]
        public void AFileThatIsNotSqliteIsStoreCorrupt()
        {
            File.WriteAllText(Temp.Combine("bad.db"), "this is certainly not a SQLite database, just text padding it out to more than a header's length ...............");
            var r = Run("try { Find-MoaiPattern -Store 'bad.db'; 'not thrown' } catch { $_.FullyQualifiedErrorId; $_.TargetObject }").AssertSucceeded();
            Assert.StartsWith("StoreCorrupt,", Strings(r)[0]);
            Assert.Equal(Temp.Combine("bad.db"), Strings(r)[1]);
        }

        [Fact]
        public void AStoreArgumentOfTheWrongKindIsAnInvalidArgument()
        {
            var r = Run("try { Find-MoaiPattern -Store 42; 'not thrown' } catch { $_.FullyQualifiedErrorId }").AssertSucceeded();
            Assert.StartsWith("InvalidArgument,", Strings(r).Single());
        }
    }
}
