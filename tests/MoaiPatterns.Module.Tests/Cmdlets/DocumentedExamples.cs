using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using MoaiPatterns.Module.Tests.Harness;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    /// <summary>
    /// Runs documented examples (```powershell blocks of help/*.md and docs/EXAMPLES.md) in a fresh
    /// runspace, located in a temp folder with $env:MOAI_PATTERN_STORE pointing inside it.
    /// </summary>
    public static class DocumentedExamples
    {
        /// <summary>
        /// Stand-ins for the few Utility cmdlets the hosted engine lacks and the examples genuinely use
        /// (formatting for the reader, Get-Date for a time window). Format-* render through Out-Default,
        /// which applies the module's default view.
        /// </summary>
        public const string StandIns = @"
function Format-Table { $input | Out-Default }
function Format-List { $input | Out-Default }
function Get-Date { [DateTime]::Now }
";

        private static readonly Regex Block = new Regex(@"^```powershell\r?\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline);

        /// <summary>The ```powershell blocks of a markdown file (for help files: only those under ## EXAMPLES).</summary>
        public static List<string> CodeBlocks(string markdownPath, bool examplesSectionOnly)
        {
            var text = File.ReadAllText(markdownPath);
            if (examplesSectionOnly)
            {
                var start = text.IndexOf("## EXAMPLES", StringComparison.Ordinal);
                var end = text.IndexOf("## PARAMETERS", StringComparison.Ordinal);
                text = start < 0 ? "" : text.Substring(start, (end > start ? end : text.Length) - start);
            }
            var blocks = new List<string>();
            foreach (Match m in Block.Matches(text)) blocks.Add(m.Groups[1].Value);
            return blocks;
        }

        public static PsResult Run(PowerShellFixture ps, string code, string prelude = "")
        {
            using var folder = new TempDir("moai-example");
            var previous = Environment.GetEnvironmentVariable("MOAI_PATTERN_STORE");
            Environment.SetEnvironmentVariable("MOAI_PATTERN_STORE", Path.Combine(folder.Path, "default-store"));
            try
            {
                return ps.Run(StandIns + prelude + "\n" + code, new PsRunOptions { Location = folder.Path, NonInteractive = true });
            }
            finally
            {
                Environment.SetEnvironmentVariable("MOAI_PATTERN_STORE", previous);
            }
        }
    }
}
