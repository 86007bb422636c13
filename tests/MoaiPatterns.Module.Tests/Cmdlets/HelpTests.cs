using System.Collections.Generic;
using System.IO;
using System.Linq;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    public sealed class HelpTests : CmdletTestBase
    {
        public HelpTests(PowerShellFixture ps) : base(ps) { }

        public static IEnumerable<object[]> Cmdlets => new[]
        {
            "New-MoaiPattern", "Test-MoaiPattern", "Save-MoaiPattern", "Get-MoaiPattern", "Find-MoaiPattern",
            "Remove-MoaiPattern", "Remove-MoaiPatternOld", "Compress-MoaiPatternStore", "Open-MoaiPatternStore",
            "Get-MoaiPatternStore", "Repair-MoaiPatternStore", "Export-MoaiPattern", "Import-MoaiPattern",
            "Measure-MoaiPattern", "Measure-MoaiPatternTrend", "Find-MoaiAnomaly", "Group-MoaiError", "Find-MoaiResolution", "Export-MoaiPatternReport", "Watch-MoaiPattern",
        }.Select(c => new object[] { c });

        [Fact]
        public void EveryExportedCmdletIsCovered()
        {
            var r = Run("(Get-Command -Module MoaiPatterns | ForEach-Object Name) -join ','").AssertSucceeded();
            Assert.Equal(Cmdlets.Select(c => (string)c[0]).OrderBy(x => x), Strings(r)[0].Split(',').OrderBy(x => x));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void FullHelpHasSynopsisDescriptionEveryParameterAndTwoExamples(string cmdlet)
        {
            var r = Run($@"$h = Get-Help {cmdlet} -Full
'synopsis=' + $h.Synopsis
'description=' + (($h.description | ForEach-Object Text) -join ' ')
'examples=' + @($h.examples.example).Count
$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
foreach ($name in (Get-Command {cmdlet}).Parameters.Keys) {{
    if ($common -contains $name) {{ continue }}
    $ph = @($h.parameters.parameter) | Where-Object {{ $_.name -eq $name }}
    'param=' + $name + '=' + (($ph.description | ForEach-Object Text) -join ' ')
}}
$h | Out-Default").AssertSucceeded();
            var s = Strings(r);
            var synopsis = s.Single(l => l.StartsWith("synopsis=")).Substring(9);
            Assert.True(synopsis.Length > 10 && !synopsis.StartsWith(cmdlet + " "), "synopsis: " + synopsis);
            Assert.True(s.Single(l => l.StartsWith("description=")).Length > 40);
            Assert.True(int.Parse(s.Single(l => l.StartsWith("examples=")).Substring(9)) >= 2);
            var parameters = s.Where(l => l.StartsWith("param=")).ToList();
            Assert.NotEmpty(parameters);
            Assert.All(parameters, p => Assert.True(p.Split('=', 3)[2].Trim().Length > 5, "undocumented parameter: " + p));
            Assert.Contains("EXAMPLE 1", r.HostText.ToUpperInvariant());
        }

        [Fact]
        public void AboutTopicIsAvailable()
        {
            var r = Run("Get-Help about_MoaiPatterns | Out-Default").AssertSucceeded();
            Assert.Contains("MOAI_PATTERN_STORE", r.HostText);
            Assert.Contains("StoreNotFound", r.HostText);
        }

        public static IEnumerable<object[]> HelpExamples =>
            Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "help"), "*.md").OrderBy(f => f)
                .SelectMany(f => DocumentedExamples.CodeBlocks(f, examplesSectionOnly: true)
                    .Select((code, i) => new object[] { Path.GetFileNameWithoutExtension(f), i + 1 }));

        [Theory]
        [MemberData(nameof(HelpExamples))]
        public void HelpExampleRuns(string cmdlet, int number)
        {
            var code = DocumentedExamples.CodeBlocks(Path.Combine(RepoPaths.RepoRoot, "help", cmdlet + ".md"), true)[number - 1];
            var r = DocumentedExamples.Run(Ps, code);
            Assert.True(r.Succeeded, $"{cmdlet} example {number} failed:\n{code}\n{r.Describe()}");
        }

        [Fact]
        public void EveryHelpFileHasAtLeastTwoRunnableExamples()
        {
            Assert.All(Cmdlets.Select(c => (string)c[0]), c =>
                Assert.True(DocumentedExamples.CodeBlocks(Path.Combine(RepoPaths.RepoRoot, "help", c + ".md"), true).Count >= 2, c));
        }
    }
}
