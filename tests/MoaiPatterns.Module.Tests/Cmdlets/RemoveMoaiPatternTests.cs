using System.Linq;
using System.Management.Automation;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    public sealed class RemoveMoaiPatternTests : CmdletTestBase
    {
        public RemoveMoaiPatternTests(PowerShellFixture ps) : base(ps) { }

        private const string Remaining = "(Get-MoaiPattern -Store $store | ForEach-Object PatternId) -join ','";

        [Theory]
        [MemberData(nameof(Backends))]
        public void ByIdPipedStringsPropertyNamesAndFindPipe(string backend)
        {
            var store = StorePath(backend);
            Seed(store, 6);
            var r = Run(@"Remove-MoaiPattern p0 -Store $store
" + Remaining + @"
'p1' | Remove-MoaiPattern -Store $store
[pscustomobject]@{ PatternId = 'p2' } | Remove-MoaiPattern -Store $store
" + Remaining + @"
Find-MoaiPattern -Store $store -First 2 | Remove-MoaiPattern
" + Remaining, store).AssertSucceeded();
            Assert.Equal(new[] { "p5,p4,p3,p2,p1", "p5,p4,p3", "p3" }, Strings(r));
        }

        [Theory]
        [MemberData(nameof(Backends))]
        public void WhatIfRemovesNothingAndSaysWhatItWouldDo(string backend)
        {
            var store = StorePath(backend);
            Seed(store, 2);
            var r = Run("Remove-MoaiPattern -Id p0 -Store $store -WhatIf\nFind-MoaiPattern -Store $store | Remove-MoaiPattern -WhatIf\n" + Remaining, store).AssertSucceeded();
            Assert.Equal("p1,p0", Strings(r).Single());
            Assert.Contains("What if: Performing the operation \"Remove pattern\" on target \"pattern p0", r.HostText);
            Assert.Contains("pattern p1 (TaskCompletion: code_generation ok 2.5 s)", r.HostText);
        }

        [Fact]
        public void UnknownIdIsPatternNotFoundAndTheRestAreRemoved()
        {
            var store = StorePath("sqlite");
            Seed(store, 2);
            var r = Run("Remove-MoaiPattern -Store $store -Id p0, ghost, p1\n" + Remaining, store);
            var e = SingleError(r, "PatternNotFound,MoaiPatterns.Commands.RemoveMoaiPatternCommand");
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            Assert.Equal("ghost", e.TargetObject);
            Assert.Equal("", Strings(r).Single());
        }

        [Fact]
        public void NoPromptByDefaultInAnInteractiveHost()
        {
            var store = StorePath("fs");
            Seed(store, 1);
            var r = Run("Remove-MoaiPattern -Store $store -Id p0\n" + Remaining, store).AssertSucceeded();
            Assert.Empty(r.Prompts);
            Assert.Equal("", Strings(r).Single());
        }

        [Fact]
        public void ExplicitConfirmPromptsAndNoKeepsThePattern()
        {
            var store = StorePath("fs");
            Seed(store, 1);
            // Choice 2 = "No" in ShouldProcess's Yes / Yes to All / No / No to All / Suspend.
            var r = Run("Remove-MoaiPattern -Store $store -Id p0 -Confirm\n" + Remaining, store, new PsRunOptions { ChoiceAnswer = 2 }).AssertSucceeded();
            Assert.Single(r.Prompts);
            Assert.Equal("p0", Strings(r).Single());
        }

        [Fact]
        public void ExplicitConfirmInANonInteractiveHostFailsInsteadOfHanging()
        {
            var store = StorePath("fs");
            Seed(store, 1);
            var r = Run("Remove-MoaiPattern -Store $store -Id p0 -Confirm\n" + Remaining, store, new PsRunOptions { NonInteractive = true });
            Assert.False(r.Succeeded);
            Assert.Contains("non-interactive", r.Describe());
            Assert.Contains("p0", Strings(r).LastOrDefault() ?? "p0");
        }
    }
}
