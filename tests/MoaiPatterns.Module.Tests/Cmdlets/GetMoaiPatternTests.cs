using System.Linq;
using System.Management.Automation;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    public sealed class GetMoaiPatternTests : CmdletTestBase
    {
        public GetMoaiPatternTests(PowerShellFixture ps) : base(ps) { }

        [Theory]
        [MemberData(nameof(Backends))]
        public void PositionalIdsPipelineStringsAndPropertyNames(string backend)
        {
            var store = StorePath(backend);
            Seed(store, 3);
            var r = Run(@"(Get-MoaiPattern p0, p2 -Store $store | ForEach-Object PatternId) -join ','
('p1', 'p0' | Get-MoaiPattern -Store $store | ForEach-Object PatternId) -join ','
([pscustomobject]@{ PatternId = 'p2' }, [pscustomobject]@{ Id = 'p1' } | Get-MoaiPattern -Store $store | ForEach-Object PatternId) -join ','
(Find-MoaiPattern -Store $store -First 1 | Get-MoaiPattern -Store $store).PatternId
(Get-MoaiPattern 'p*' -Store $store | ForEach-Object PatternId) -join ','", store).AssertSucceeded();
            Assert.Equal(new[] { "p0,p2", "p1,p0", "p2,p1", "p2", "p2,p1,p0" }, Strings(r));
        }

        [Theory]
        [MemberData(nameof(Backends))]
        public void UnknownIdIsNonTerminatingPatternNotFoundAndTheRestReturn(string backend)
        {
            var store = StorePath(backend);
            Seed(store, 2);
            var r = Run("(Get-MoaiPattern -Store $store -Id p0, missing-1, p1 | ForEach-Object PatternId) -join ','; 'after'", store);
            Assert.Null(r.Terminating);
            var e = SingleError(r, "PatternNotFound,MoaiPatterns.Commands.GetMoaiPatternCommand");
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            Assert.Equal("missing-1", e.TargetObject);
            Assert.Contains("missing-1", e.Exception.Message);
            Assert.Equal(new[] { "p0,p1", "after" }, Strings(r));
        }

        [Fact]
        public void WithoutIdListsEverythingNewestFirst()
        {
            var store = StorePath("fs");
            Seed(store, 3);
            var r = Run("(Get-MoaiPattern -Store $store | ForEach-Object PatternId) -join ','", store).AssertSucceeded();
            Assert.Equal("p2,p1,p0", Strings(r)[0]);
        }
    }
}
