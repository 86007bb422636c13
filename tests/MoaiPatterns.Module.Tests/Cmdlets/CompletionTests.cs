using System.Linq;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    public sealed class CompletionTests : CmdletTestBase
    {
        public CompletionTests(PowerShellFixture ps) : base(ps) { }

        [Theory]
        [InlineData("fs", "Find-MoaiPattern", "Tag", "ba", "backend")]
        [InlineData("sqlite", "Find-MoaiPattern", "Tag", "ba", "backend")]
        [InlineData("fs", "Find-MoaiPattern", "Agent", "alp", "alpha-agent")]
        [InlineData("sqlite", "Find-MoaiPattern", "Agent", "alp", "alpha-agent")]
        [InlineData("fs", "Get-MoaiPattern", "Id", "cmp", "cmp-1")]
        [InlineData("sqlite", "Get-MoaiPattern", "Id", "cmp", "cmp-1")]
        [InlineData("fs", "Remove-MoaiPattern", "Id", "cmp", "cmp-1")]
        public void CompletesFromTheStoresContents(string backend, string command, string parameter, string word, string expected)
        {
            var store = StorePath(backend);
            Run("New-MoaiPattern -Id cmp-1 -Type TaskCompletion -Data (TaskData -Agent alpha-agent) -Tag backend, build, api | Save-MoaiPattern -Store $store", store).AssertSucceeded();
            var r = Run($@"$line = ""{command} -Store '$store' -{parameter} {word}""
(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText", store).AssertSucceeded();
            var matches = Strings(r);
            Assert.Contains(expected, matches);
            Assert.DoesNotContain("api", matches); // only values starting with the typed prefix
        }

        [Fact]
        public void CompletesFromTheDefaultStoreWhenNoStoreIsTyped()
        {
            var store = StorePath("fs", "default-for-completion");
            Run("New-MoaiPattern -Id cmp-1 -Type TaskCompletion -Data (TaskData) -Tag backend | Save-MoaiPattern -Store $store", store).AssertSucceeded();
            var r = Run(@"$env:MOAI_PATTERN_STORE = $store
try { $line = 'Find-MoaiPattern -Tag ba'; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText }
finally { $env:MOAI_PATTERN_STORE = $null }", store).AssertSucceeded();
            Assert.Contains("backend", Strings(r));
        }

        [Fact]
        public void MissingStoreOffersNothingAndCreatesNothing()
        {
            var r = Run(@"$line = ""Find-MoaiPattern -Store 'nowhere' -Tag b""
@((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches).Count
[IO.Directory]::Exists([IO.Path]::Combine($temp, 'nowhere'))").AssertSucceeded();
            Assert.Equal(new[] { "0", "False" }, Strings(r));
        }
    }
}
