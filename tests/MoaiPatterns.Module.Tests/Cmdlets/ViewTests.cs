using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    public sealed class ViewTests : CmdletTestBase
    {
        public ViewTests(PowerShellFixture ps) : base(ps) { }

        private string ViewStore()
        {
            var store = StorePath("fs");
            Run(@"New-MoaiPattern -Id v1 -Timestamp '2024-05-01T12:34:00Z' -Type TaskCompletion -Data (TaskData -Agent coder) -Tag backend, api | Save-MoaiPattern -Store $store
New-MoaiPattern -Id v2 -Timestamp '2024-05-02T08:00:00Z' -Type ErrorOccurrence -Data (ErrData -Message 'unsupported operand type(s) for +') -Tag python | Save-MoaiPattern -Store $store", store).AssertSucceeded();
            return store;
        }

        [Fact]
        public void FindRendersTheTableViewThroughOutDefault()
        {
            var store = ViewStore();
            var r = Run("Find-MoaiPattern -Store $store | Out-Default", store).AssertSucceeded();
            var lines = r.HostText.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
            Assert.Matches(@"^Time\s+Type\s+Agent\s+Tags\s+Summary$", lines[0]);
            Assert.Matches(@"^-+\s+-+\s+-+\s+-+\s+-+$", lines[1]);
            Assert.Equal(4, lines.Count); // header, rule, one row per pattern
            var local = DateTimeOffset.Parse("2024-05-01T12:34:00Z").ToLocalTime().ToString("yyyy-MM-dd HH:mm");
            Assert.Matches($@"^{local}\s+Task\s+coder\s+backend, api\s+code_generation ok 2\.5 s$", lines[3]);
            Assert.Matches(@"Error\s+python\s+TypeError: unsupported operand type\(s\) for \+$", lines[2]);
        }

        [Fact]
        public void ListViewItemsEvaluateOnARealPattern()
        {
            // The hosted engine has no Format-List: evaluate each list item of the MoaiPattern list view on a real pattern.
            var format = XDocument.Load(Path.Combine(Ps.ModuleDirectory, "MoaiPatterns.format.ps1xml"));
            var list = format.Descendants("View").Single(v =>
                v.Element("ViewSelectedBy")?.Element("TypeName")?.Value == "MoaiPatterns.MoaiPattern" && v.Element("ListControl") != null);
            var items = list.Descendants("ListItem").Select(i => (Label: i.Element("Label")?.Value ?? i.Element("PropertyName")!.Value,
                Property: i.Element("PropertyName")?.Value, Script: i.Element("ScriptBlock")?.Value)).ToList();
            Assert.Equal(new[] { "PatternId", "PatternType", "Timestamp", "Agent", "Summary", "Tags", "Data", "Context" },
                items.Select(i => i.Label).Where(l => new[] { "PatternId", "PatternType", "Timestamp", "Agent", "Summary", "Tags", "Data", "Context" }.Contains(l)));

            var store = ViewStore();
            var script = "$p = Get-MoaiPattern v1 -Store $store\n" + string.Join("\n", items.Select(i =>
                i.Script != null ? $"'{i.Label}=' + ($p | ForEach-Object {{ {i.Script} }})" : $"'{i.Label}=' + $p.{i.Property}"));
            var s = Strings(Run(script, store).AssertSucceeded());
            Assert.Contains("PatternId=v1", s);
            Assert.Contains("Timestamp=2024-05-01T12:34:00.0000000+00:00", s);
            Assert.Contains("Tags=backend, api", s);
            Assert.Contains(s, l => l.StartsWith("Data=") && l.Contains("agent") && l.Contains("coder"));
            Assert.Contains(s, l => l.StartsWith("Context="));
        }

        [Fact]
        public void ResultObjectsRenderTheirViews()
        {
            var store = ViewStore();
            var r = Run(@"Test-MoaiPattern -Detailed -InputObject @{ pattern_type = 'x' } | Out-Default
Remove-MoaiPatternOld -Store $store -WhatIf | Out-Default
Compress-MoaiPatternStore -Store $store -WhatIf | Out-Default
Repair-MoaiPatternStore -Store $store -WhatIf | Out-Default
(Test-MoaiPattern -Detailed -InputObject @{ pattern_type = 'x' }).Errors | Out-Default", store).AssertSucceeded();
            Assert.Matches(@"IsValid\s+PatternId\s+Errors", r.HostText);
            Assert.Matches(@"RemovedCount\s*:\s*2", r.HostText);
            Assert.Matches(@"BytesSaved\s*:", r.HostText);
            Assert.Matches(@"Healthy\s*:\s*True", r.HostText);
            Assert.Matches(@"Field\s+Rule\s+Message", r.HostText);
        }
    }
}
