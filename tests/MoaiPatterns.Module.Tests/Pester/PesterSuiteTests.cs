using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace MoaiPatterns.Module.Tests.Pester
{
    /// <summary>
    /// Runs the Pester 5 suite (tests/*.Tests.ps1) through Pester-lite in the hosted engine, so the
    /// suite build.ps1 hands to real Pester has run here too; Its tagged RequiresPwsh are left to build.ps1.
    /// </summary>
    [Collection(PowerShellCollection.Name)]
    public sealed class PesterSuiteTests
    {
        private readonly ITestOutputHelper output;

        public PesterSuiteTests(PowerShellFixture ps, ITestOutputHelper output)
        {
            _ = ps; // the fixture prepares the process (engine home, thread pool) and checks the module was built
            this.output = output;
        }

        private static string TestsDirectory => Path.Combine(RepoPaths.RepoRoot, "tests");

        public static IEnumerable<object[]> SuiteFiles() =>
            Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "tests"), "*.Tests.ps1").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new object[] { Path.GetFileName(f) });

        [Theory]
        [MemberData(nameof(SuiteFiles))]
        public void SuiteFilePassesUnderPesterLite(string fileName)
        {
            var results = PesterLiteRunner.Run(Path.Combine(TestsDirectory, fileName), null, PesterLiteRunner.RequiresPwshTag);
            foreach (var r in results) output.WriteLine(r.ToString());

            var failed = results.Where(r => r.Result != "Passed" && r.Result != "Skipped").ToList();
            Assert.True(failed.Count == 0, $"{failed.Count} of {results.Count} Its failed in {fileName}:\n" + string.Join("\n", failed));
            Assert.Contains(results, r => r.Result == "Passed");
            // Skips only for the tag build.ps1 runs for real; a skip of anything else would hide a test.
            Assert.All(results.Where(r => r.Result == "Skipped"), r => Assert.Contains(PesterLiteRunner.RequiresPwshTag, r.Message));
        }

        [Theory]
        [MemberData(nameof(SuiteFiles))]
        public void SuiteFileParses(string fileName)
        {
            Parser.ParseFile(Path.Combine(TestsDirectory, fileName), out _, out var errors);
            Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
        }

        [Fact]
        public void BuildScriptAndRunnerParse()
        {
            var files = new[] { Path.Combine(RepoPaths.RepoRoot, "build.ps1") }
                .Concat(Directory.GetFiles(PesterLiteRunner.ScriptDirectory, "*.ps1"));
            foreach (var file in files)
            {
                Parser.ParseFile(file, out _, out var errors);
                Assert.True(errors.Length == 0, file + ":\n" + string.Join("\n", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
            }
        }

        [Fact]
        public void RunnerFollowsPester5()
        {
            // The fixture names each It after the outcome Pester 5 gives it: a runner that passed
            // everything (or failed everything) would not be evidence of anything.
            var results = PesterLiteRunner.Run(Path.Combine(PesterLiteRunner.ScriptDirectory, "PesterLite.SelfTest.ps1"), null, PesterLiteRunner.RequiresPwshTag);
            foreach (var r in results) output.WriteLine(r.ToString());

            string Expected(PesterLiteResult r)
            {
                var leaf = r.Path.Split(" > ").Last();
                return leaf.StartsWith("passes:") ? "Passed" : leaf.StartsWith("fails:") ? "Failed" : leaf.StartsWith("skipped:") ? "Skipped" : "?";
            }
            var wrong = results.Where(r => Expected(r) != r.Result).ToList();
            Assert.True(wrong.Count == 0, "Pester-lite disagrees with Pester 5 on:\n" + string.Join("\n", wrong));
            Assert.Equal(42, results.Count);
            Assert.Contains(results, r => r.Path == "data b > passes: item 2 from discovery data");
            Assert.Contains(results, r => r.Path == "data a > passes: y expands");
        }
    }
}
