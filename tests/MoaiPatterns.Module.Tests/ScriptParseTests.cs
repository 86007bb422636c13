using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests
{
    /// <summary>
    /// A cheap check that the repository's PowerShell scripts parse. The Pester suite itself
    /// (tests/*.Tests.ps1) runs only in real Pester in a real pwsh: tests/run-pester.ps1, from .ci/run.
    /// </summary>
    public sealed class ScriptParseTests
    {
        public static IEnumerable<object[]> Scripts() =>
            Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "tests"), "*.ps1")
                .Append(Path.Combine(RepoPaths.RepoRoot, "build.ps1"))
                .Select(f => Path.GetRelativePath(RepoPaths.RepoRoot, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new object[] { f });

        [Theory]
        [MemberData(nameof(Scripts))]
        public void ScriptParses(string relativePath)
        {
            Parser.ParseFile(Path.Combine(RepoPaths.RepoRoot, relativePath), out _, out var errors);
            Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
        }

        [Fact]
        public void ThePesterSuiteIsThere()
        {
            Assert.Contains(Scripts(), s => ((string)s[0]).EndsWith(".Tests.ps1", StringComparison.Ordinal));
            Assert.Contains(Scripts(), s => (string)s[0] == "tests/run-pester.ps1");
        }
    }
}
