using System.IO;
using System.Linq;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests
{
    /// <summary>The layout of out/MoaiPatterns as the build assembles it.</summary>
    [Collection(PowerShellCollection.Name)]
    public sealed class ModuleFolderTests
    {
        private static readonly string[] ShippedRids =
        {
            "linux-arm64", "linux-musl-arm64", "linux-musl-x64", "linux-x64", "osx-arm64", "osx-x64", "win-arm64", "win-x64", "win-x86",
        };

        private readonly PowerShellFixture ps;

        public ModuleFolderTests(PowerShellFixture ps) => this.ps = ps;

        [Theory]
        [InlineData("MoaiPatterns.psd1")]
        [InlineData("MoaiPatterns.dll")]
        [InlineData("MoaiPatterns.Core.dll")]
        [InlineData("MoaiPatterns.format.ps1xml")]
        [InlineData("MoaiPatterns.types.ps1xml")]
        [InlineData("dependencies/MoaiPatterns.Storage.dll")]
        [InlineData("dependencies/MoaiPatterns.LoadContext.dll")]
        [InlineData("dependencies/Microsoft.Data.Sqlite.dll")]
        [InlineData("dependencies/SQLitePCLRaw.core.dll")]
        [InlineData("dependencies/SQLitePCLRaw.provider.e_sqlite3.dll")]
        [InlineData("dependencies/SQLitePCLRaw.batteries_v2.dll")]
        [InlineData("dependencies/Npgsql.dll")]
        [InlineData("dependencies/Microsoft.Extensions.Logging.Abstractions.dll")]
        [InlineData("dependencies/Microsoft.Bcl.HashCode.dll")]
        [InlineData("dependencies/System.Threading.Channels.dll")]
        [InlineData("dependencies/System.Text.Json.dll")]
        [InlineData("dependencies/System.Memory.dll")]
        public void ModuleFolderHasFile(string relative)
        {
            Assert.True(File.Exists(Path.Combine(ps.ModuleDirectory, relative)), relative);
        }

        [Fact]
        public void PrivateAssembliesAreNotInTheRootFolder()
        {
            // In the root, PowerShell's own probing could load them into the default context.
            var root = Directory.GetFiles(ps.ModuleDirectory, "*.dll").Select(Path.GetFileName).OrderBy(n => n);
            Assert.Equal(new[] { "MoaiPatterns.Core.dll", "MoaiPatterns.dll" }, root);
        }

        [Fact]
        public void NativeSqliteShipsForExactlyTheSupportedRids()
        {
            var runtimes = Path.Combine(ps.ModuleDirectory, "dependencies", "runtimes");
            var rids = Directory.GetDirectories(runtimes).Select(Path.GetFileName).OrderBy(n => n, System.StringComparer.Ordinal);
            Assert.Equal(ShippedRids, rids);
            foreach (var rid in ShippedRids)
            {
                var file = rid.StartsWith("win") ? "e_sqlite3.dll" : rid.StartsWith("osx") ? "libe_sqlite3.dylib" : "libe_sqlite3.so";
                Assert.True(File.Exists(Path.Combine(runtimes, rid, "native", file)), rid + "/native/" + file);
            }
        }
    }
}
