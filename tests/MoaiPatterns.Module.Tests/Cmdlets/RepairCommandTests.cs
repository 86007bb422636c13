using System.IO;
using System.Linq;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    /// <summary>Repair-MoaiPatternStore on a folder store with a corrupt indexed file and a valid file named by hand.</summary>
    public sealed class RepairCommandTests : CmdletTestBase
    {
        public RepairCommandTests(PowerShellFixture ps) : base(ps) { }

        [Fact]
        public void WhatIfReportsBothAndChangesNothingThenRepairQuarantinesTheCorruptAndKeepsTheValidOne()
        {
            var store = StorePath("fs");
            Seed(store, 3);
            var corrupt = Directory.GetFiles(store, "*_p1.json", SearchOption.AllDirectories).Single();
            var day = Path.GetDirectoryName(corrupt)!;
            var p0 = File.ReadAllText(Directory.GetFiles(day, "*_p0.json").Single());
            var handmade = Path.Combine(day, "copied-by-hand.json");
            File.WriteAllText(handmade, p0.Replace("\"p0\"", "\"hand1\""));
            File.WriteAllText(corrupt, "{\n  \"pattern_id\": \"p1\",\n  \"pattern_ty"); // torn: the index still files p1 here
            var corruptBytes = File.ReadAllBytes(corrupt);
            var handBytes = File.ReadAllBytes(handmade);
            var quarantine = Path.Combine(store, ".moai", "quarantine");

            var find = Run("(Find-MoaiPattern -Store $store | ForEach-Object PatternId) -join ','", store);
            Assert.Null(find.Terminating);
            Assert.Equal("p2,p0,hand1", Strings(find).Single());
            Assert.Contains(find.Warnings, w => w.Contains(corrupt));

            var whatIf = Run(@"$r = Repair-MoaiPatternStore -Store $store -WhatIf
$r.WhatIf; $r.Healthy; $r.Problems.Count -ge 2
$corrupt = $r.Problems | Where-Object { $_.Contains($bad) }; @($corrupt).Count
$named = $r.Problems | Where-Object { $_.Contains($hand) -and $_.Contains('hand1') }; @($named).Count", store,
                variables: new System.Collections.Generic.Dictionary<string, object> { ["bad"] = corrupt, ["hand"] = handmade }).AssertSucceeded();
            Assert.Equal(new[] { "True", "False", "True", "1", "1" }, Strings(whatIf));
            Assert.Equal(corruptBytes, File.ReadAllBytes(corrupt));
            Assert.Equal(handBytes, File.ReadAllBytes(handmade));
            Assert.False(Directory.Exists(quarantine), "-WhatIf must not quarantine anything");

            var repair = Run(@"$r = Repair-MoaiPatternStore -Store $store -Confirm:$false
$r.WhatIf; $r.Healthy; $r.PatternCount
(Find-MoaiPattern -Store $store | ForEach-Object PatternId) -join ','
$h = Get-MoaiPattern -Store $store -Id hand1; $h.PatternId; $h.Timestamp -eq (Get-MoaiPattern -Store $store -Id p0).Timestamp
$null -eq (Get-MoaiPattern -Store $store -Id p1 -ErrorAction SilentlyContinue)
(Repair-MoaiPatternStore -Store $store -WhatIf).Healthy", store).AssertSucceeded();
            Assert.Equal(new[] { "False", "False", "3", "p2,p0,hand1", "hand1", "True", "True", "True" }, Strings(repair));
            Assert.Empty(repair.Warnings);
            Assert.False(File.Exists(corrupt));
            Assert.False(File.Exists(handmade));
            Assert.Equal(corruptBytes, File.ReadAllBytes(Directory.GetFiles(quarantine).Single()));
            Assert.Single(Directory.GetFiles(day, "task_completion_*_hand1.json"));

            var after = Run("(Find-MoaiPattern -Store $store | ForEach-Object PatternId) -join ','", store).AssertSucceeded();
            Assert.Equal("p2,p0,hand1", Strings(after).Single());
            Assert.Empty(after.Warnings);
        }
    }
}
