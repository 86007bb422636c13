using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests
{
    /// <summary>SQLite is the module's own: loaded from out/MoaiPatterns/dependencies into the module's load context, native library included.</summary>
    [Collection(PowerShellCollection.Name)]
    public sealed class DependencyIsolationTests
    {
        private static readonly string[] PrivateAssemblies = { "MoaiPatterns.Storage", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core", "SQLitePCLRaw.provider.e_sqlite3" };

        private readonly PowerShellFixture ps;

        public DependencyIsolationTests(PowerShellFixture ps) => this.ps = ps;

        [Fact]
        public void SqliteOpensThroughTheModuleWithFts5()
        {
            using var temp = new TempDir();
            var db = temp.Combine("self-test.db");
            var result = ps.Run("[MoaiPatterns.Commands.ModuleDiagnostics]::TestSqlite($db)",
                new System.Collections.Generic.Dictionary<string, object> { ["db"] = db }).AssertSucceeded();

            Assert.Matches(@"^3\.\d+\.\d+$", (string)result.Output.Single().BaseObject);
            Assert.True(new FileInfo(db).Length > 0);
        }

        [Fact]
        public void PrivateAssembliesLiveInTheModulesLoadContextFromItsDependenciesFolder()
        {
            using var temp = new TempDir();
            ps.Run("[MoaiPatterns.Commands.ModuleDiagnostics]::TestSqlite($db)",
                new System.Collections.Generic.Dictionary<string, object> { ["db"] = temp.Combine("alc.db") }).AssertSucceeded();

            var dependencies = Path.Combine(Path.GetFullPath(ps.ModuleDirectory), "dependencies") + Path.DirectorySeparatorChar;
            var loaded = AppDomain.CurrentDomain.GetAssemblies();
            foreach (var name in PrivateAssemblies)
            {
                var copies = loaded.Where(a => a.GetName().Name == name).ToList();
                Assert.True(copies.Count == 1, $"{name}: expected one loaded copy, found {copies.Count}");
                var context = AssemblyLoadContext.GetLoadContext(copies[0])!;
                Assert.NotSame(AssemblyLoadContext.Default, context);
                Assert.Equal("MoaiPatterns", context.Name);
                Assert.StartsWith(dependencies, copies[0].Location);
            }

            // The public types stay in Default, where PowerShell resolves type literals.
            var core = loaded.Single(a => a.GetName().Name == "MoaiPatterns.Core");
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(core));
            Assert.Equal(Path.Combine(Path.GetFullPath(ps.ModuleDirectory), "MoaiPatterns.Core.dll"), core.Location);
        }

        [Fact]
        public void PostgreSqlOpensThroughTheModuleAndNpgsqlStaysInItsLoadContext()
        {
            var address = MoaiPatterns.Tests.Postgres.PostgresTestCluster.Shared.Address(MoaiPatterns.Tests.Postgres.PostgresTestCluster.NewSchema("module"));
            var result = ps.Run("New-MoaiPattern -Type TaskCompletion -Data @{ task_type = 't'; agent = 'a'; duration_ms = 1; success = $true } -Tag hosted | Save-MoaiPattern -Store $a; "
                + "(Find-MoaiPattern -Store $a -Tag HOSTED).Count",
                new System.Collections.Generic.Dictionary<string, object> { ["a"] = address }).AssertSucceeded();
            Assert.Equal(1, Convert.ToInt32(result.Output.Single().BaseObject));

            var dependencies = Path.Combine(Path.GetFullPath(ps.ModuleDirectory), "dependencies") + Path.DirectorySeparatorChar;
            foreach (var name in new[] { "Npgsql", "Microsoft.Extensions.Logging.Abstractions" })
            {
                var copies = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == name).ToList();
                Assert.True(copies.Count == 1, $"{name}: expected one loaded copy, found {copies.Count}");
                Assert.Equal("MoaiPatterns", AssemblyLoadContext.GetLoadContext(copies[0])!.Name);
                Assert.StartsWith(dependencies, copies[0].Location);
            }
        }

        [Fact]
        public void TestProjectCarriesNoSqliteOfItsOwn()
        {
            // If it did, the test host would satisfy SQLite itself and a broken module folder would still pass.
            var deps = Path.Combine(AppContext.BaseDirectory, Assembly.GetExecutingAssembly().GetName().Name + ".deps.json");
            var text = File.ReadAllText(deps);
            Assert.DoesNotContain("Microsoft.Data.Sqlite", text);
            Assert.DoesNotContain("SQLitePCLRaw", text);
            Assert.DoesNotContain("Npgsql", text);
            Assert.DoesNotContain("MoaiPatterns.Storage", text);
            Assert.Empty(Directory.GetFiles(AppContext.BaseDirectory, "*e_sqlite3*", SearchOption.AllDirectories));
        }

        [Fact]
        public void WithoutItsNativeLibraryTheModuleCannotOpenSqlite()
        {
            using var temp = new TempDir();
            var broken = CopyModule(temp.Combine("broken", "MoaiPatterns"));
            var intact = CopyModule(temp.Combine("intact", "MoaiPatterns"));
            var nativeDir = Path.Combine(broken, "dependencies", "runtimes");
            foreach (var file in Directory.GetFiles(nativeDir, "*e_sqlite3*", SearchOption.AllDirectories)) File.Delete(file);

            const string script = "[MoaiPatterns.Commands.ModuleDiagnostics]::TestSqlite([System.IO.Path]::Combine($PWD.Path, 'probe.db'))";
            var withLibrary = OutOfProcessScript.Run(script, Path.Combine(intact, "MoaiPatterns.psd1"), temp.Path);
            var withoutLibrary = OutOfProcessScript.Run(script, Path.Combine(broken, "MoaiPatterns.psd1"), temp.Path);

            Assert.True(withLibrary.ExitCode == 0, "intact copy failed:\n" + withLibrary.StdErr);
            Assert.Matches(@"3\.\d+\.\d+", withLibrary.StdOut);
            Assert.True(withoutLibrary.ExitCode == 1, $"copy without native library should fail (exit {withoutLibrary.ExitCode}):\n{withoutLibrary.StdOut}\n{withoutLibrary.StdErr}");
            Assert.Contains("DllNotFoundException", withoutLibrary.StdErr);
            Assert.Contains("e_sqlite3", withoutLibrary.StdErr);
        }

        private string CopyModule(string destination)
        {
            var source = Path.GetFullPath(ps.ModuleDirectory);
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(destination, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            return destination;
        }
    }
}
