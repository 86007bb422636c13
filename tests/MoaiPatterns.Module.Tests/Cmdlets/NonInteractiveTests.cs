using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    /// <summary>A scheduled task or runbook: prompts would throw, so nothing may prompt; progress must not break anything.</summary>
    public sealed class NonInteractiveTests : CmdletTestBase
    {
        public NonInteractiveTests(PowerShellFixture ps) : base(ps) { }

        [Theory]
        [MemberData(nameof(Backends))]
        public void EveryDestructiveCmdletCompletesWithoutPrompting(string backend)
        {
            var store = StorePath(backend);
            Seed(store, 5);
            var r = Run(@"$ProgressPreference = 'Continue'
Remove-MoaiPattern -Store $store -Id p0
Find-MoaiPattern -Store $store -First 1 | Remove-MoaiPattern
$old = Remove-MoaiPatternOld -Store $store -RetentionDays 1
$c = Compress-MoaiPatternStore -Store $store -OlderThanDays 0
$rep = Repair-MoaiPatternStore -Store $store
'{0}|{1}|{2}|{3}' -f $old.RemovedCount, ($null -ne $c), ($null -ne $rep), @(Get-MoaiPattern -Store $store).Count", store,
                new PsRunOptions { NonInteractive = true }).AssertSucceeded();
            Assert.Empty(r.Prompts);
            Assert.Equal("3|True|True|0", Strings(r)[0]);
        }

        [Fact]
        public void ConfirmPreferenceMediumFailsClearlyInsteadOfHanging()
        {
            // A user who lowers $ConfirmPreference asks for prompts; a host that cannot prompt must fail, not hang.
            var store = StorePath("fs");
            Seed(store, 2);
            var r = Run("$ConfirmPreference = 'Medium'; Remove-MoaiPattern -Store $store -Id p0; 'went on'; (Get-MoaiPattern -Store $store | ForEach-Object PatternId) -join ','", store,
                new PsRunOptions { NonInteractive = true });
            Assert.NotEmpty(r.Errors);
            Assert.Equal(new[] { "went on", "p1,p0" }, Strings(r));
        }

        [Fact]
        public void ProgressDuringALargeSaveDoesNotBreakTheRun()
        {
            var store = StorePath("sqlite");
            var r = Run(@"$ProgressPreference = 'Continue'
$d = TaskData
0..2499 | ForEach-Object { New-MoaiPattern -Id ""np-$_"" -Type TaskCompletion -Data $d } | Save-MoaiPattern -Store $store
(Get-MoaiPatternStore -Store $store).Count", store, new PsRunOptions { NonInteractive = true }).AssertSucceeded();
            Assert.Equal("2500", Strings(r)[0]);
        }
    }
}
