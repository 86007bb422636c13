using System;
using System.IO;
using System.Linq;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    /// <summary>The README's Examples section really runs: its ```powershell blocks, in order, in one session.</summary>
    public sealed class ReadmeExamplesTests : CmdletTestBase
    {
        public ReadmeExamplesTests(PowerShellFixture ps) : base(ps) { }

        [Fact]
        public void ExamplesSectionRunsInOrder()
        {
            var readme = File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "README.md"));
            var start = readme.IndexOf("## Examples", StringComparison.Ordinal);
            var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, "README.md has no '## Examples' section");
            var section = Path.Combine(Path.GetTempPath(), "moai-readme-" + Guid.NewGuid().ToString("N") + ".md");
            File.WriteAllText(section, readme.Substring(start, end - start));
            try
            {
                var blocks = DocumentedExamples.CodeBlocks(section, examplesSectionOnly: false);
                Assert.True(blocks.Count >= 4, $"expected the README's examples, found {blocks.Count} blocks");
                var r = DocumentedExamples.Run(Ps, string.Join("\n", blocks) +
                    "\n@(Find-MoaiPattern).Count; @(Find-MoaiPattern -Store ./patterns -Tag api).Count");
                Assert.True(r.Succeeded, "README examples failed:\n" + r.Describe());
                // Both patterns saved, migrated, and -WhatIf removed nothing; the runbook saved the error it caught.
                Assert.Contains(r.Output, o => o.TypeNames.Any(t => t.EndsWith("MoaiPatterns.ErrorGroup", StringComparison.Ordinal)));
                Assert.Equal(new object[] { 3, 1 }, r.Output.Skip(r.Output.Count - 2).Select(o => (object)Convert.ToInt32(o.BaseObject)).ToArray());
                Assert.Contains("TypeError: unsupported operand", r.HostText);
            }
            finally
            {
                File.Delete(section);
            }
        }
    }
}
