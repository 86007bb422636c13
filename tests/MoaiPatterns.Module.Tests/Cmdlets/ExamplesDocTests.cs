using System.Collections.Generic;
using System.IO;
using System.Linq;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    /// <summary>Every ```powershell block of docs/EXAMPLES.md (the README's headline examples) really runs.</summary>
    public sealed class ExamplesDocTests : CmdletTestBase
    {
        public ExamplesDocTests(PowerShellFixture ps) : base(ps) { }

        private static string ExamplesFile => Path.Combine(RepoPaths.RepoRoot, "docs", "EXAMPLES.md");

        public static IEnumerable<object[]> Blocks =>
            DocumentedExamples.CodeBlocks(ExamplesFile, examplesSectionOnly: false).Select((_, i) => new object[] { i + 1 });

        [Fact]
        public void HasSixToTenExamples() =>
            Assert.InRange(DocumentedExamples.CodeBlocks(ExamplesFile, false).Count, 6, 10);

        [Theory]
        [MemberData(nameof(Blocks))]
        public void ExampleRuns(int number)
        {
            var code = DocumentedExamples.CodeBlocks(ExamplesFile, false)[number - 1];
            var r = DocumentedExamples.Run(Ps, code);
            Assert.True(r.Succeeded, $"docs/EXAMPLES.md block {number} failed:\n{code}\n{r.Describe()}");
            Assert.True(r.HostText.Length > 0 || r.Output.Count > 0, $"block {number} showed nothing");
        }
    }
}
