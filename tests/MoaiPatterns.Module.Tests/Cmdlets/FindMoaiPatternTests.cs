using System.Linq;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    public sealed class FindMoaiPatternTests : CmdletTestBase
    {
        public FindMoaiPatternTests(PowerShellFixture ps) : base(ps) { }

        /// <summary>Five patterns, t1 oldest .. t5 newest, with distinct types, tags, agents and text.</summary>
        private const string SeedScript = @"
New-MoaiPattern -Id t1 -Timestamp '2024-05-01T10:00:00Z' -Type TaskCompletion -Data (TaskData -Agent alpha) -Tag backend, api
New-MoaiPattern -Id t2 -Timestamp '2024-05-02T10:00:00Z' -Type ErrorOccurrence -Data (ErrData -Type KeyError -Message 'missing key user_id') -Tag backend
New-MoaiPattern -Id t3 -Timestamp '2024-05-03T10:00:00+02:00' -Type AgentUsage -Data (UsageData -Agent beta) -Tag frontend
New-MoaiPattern -Id t4 -Timestamp '2024-05-04T10:00:00Z' -Type UserCorrection -Data (FixData -Agent alpha) -Tag backend, api
New-MoaiPattern -Id t5 -Timestamp '2024-05-05T10:00:00Z' -Type ErrorOccurrence -Data (ErrData -Message 'unsupported operand type') -Context @{ project_name = 'shop'; tags = @('API') }
";

        private string Seeded(string backend)
        {
            var store = StorePath(backend);
            Run("& { " + SeedScript + " } | Save-MoaiPattern -Store $store", store).AssertSucceeded();
            return store;
        }

        private string Ids(string store, string args) =>
            Strings(Run($"(Find-MoaiPattern -Store $store {args} | ForEach-Object PatternId) -join ','", store).AssertSucceeded())[0];

        [Theory]
        [MemberData(nameof(Backends))]
        public void EachFilterAndPaging(string backend)
        {
            var store = Seeded(backend);
            var r = Run(@"function ids { ($input | ForEach-Object PatternId) -join ',' }
Find-MoaiPattern -Store $store | ids
Find-MoaiPattern -Store $store -Type ErrorOccurrence | ids
Find-MoaiPattern -Store $store -Type error_occurrence, agent_usage | ids
Find-MoaiPattern ErrorOccurrence -Store $store | ids
Find-MoaiPattern -Store $store -Tag backend | ids
Find-MoaiPattern -Store $store -Tag BACKEND, api | ids
Find-MoaiPattern -Store $store -Tag api | ids
Find-MoaiPattern -Store $store -Agent ALPHA | ids
Find-MoaiPattern -Store $store -Agent beta | ids
Find-MoaiPattern -Store $store -Text 'missing user' | ids
Find-MoaiPattern -Store $store -Text 'unsupp' | ids
Find-MoaiPattern -Store $store -After '2024-05-03T08:00:00Z' | ids
Find-MoaiPattern -Store $store -After '2024-05-03T08:00:01Z' | ids
Find-MoaiPattern -Store $store -Before '2024-05-03T08:00:00Z' | ids
Find-MoaiPattern -Store $store -After '2024-05-02T12:00:00+02:00' -Before '2024-05-04T10:00:00Z' | ids
Find-MoaiPattern -Store $store -First 2 | ids
Find-MoaiPattern -Store $store -Skip 1 -First 2 | ids
Find-MoaiPattern -Store $store -Type ErrorOccurrence -Tag backend -After '2024-05-01T00:00:00Z' | ids
Find-MoaiPattern -Store $store -Tag nothing-has-this | ids", store).AssertSucceeded();
            Assert.Equal(new[]
            {
                "t5,t4,t3,t2,t1",
                "t5,t2",
                "t5,t3,t2",
                "t5,t2",
                "t4,t2,t1",
                "t4,t1",
                "t5,t4,t1",
                "t4,t1",
                "t3",
                "t2",
                "t5",
                "t5,t4,t3",
                "t5,t4",
                "t2,t1",
                "t3,t2",
                "t5,t4",
                "t4,t3",
                "t2",
                "",
            }, Strings(r));
        }

        [Theory]
        [MemberData(nameof(Backends))]
        public void IncludeTotalCountComesFirst(string backend)
        {
            var store = Seeded(backend);
            var r = Run(@"$out = @(Find-MoaiPattern -Store $store -Tag backend -First 1 -IncludeTotalCount)
$out.Count; $out[0].GetType().Name; [long]$out[0]; $out[1].PatternId", store).AssertSucceeded();
            Assert.Equal("2", Strings(r)[0]);
            Assert.Equal("3", Strings(r)[2]);
            Assert.Equal("t4", Strings(r)[3]);
        }

        [Fact]
        public void AfterNotBeforeBeforeIsATerminatingInvalidArgument()
        {
            var store = Seeded("fs");
            var r = Run("try { Find-MoaiPattern -Store $store -After '2024-05-05' -Before '2024-05-01'; 'not thrown' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }", store).AssertSucceeded();
            Assert.Equal("InvalidArgument,MoaiPatterns.Commands.FindMoaiPatternCommand", Strings(r)[0]);
            Assert.Contains("-After", Strings(r)[1]);
        }

        [Fact]
        public void StreamsFromAFolderStoreOneAtATime()
        {
            // Deleting the store's files when the first result arrives: a buffered Find would still
            // return all 600, a streaming one cannot return the patterns it had not read yet (it reads
            // ahead a bounded batch of at most 128 files).
            var store = StorePath("fs");
            Seed(store, 600);
            var r = Run(@"$n = 0
Find-MoaiPattern -Store $store -WarningAction SilentlyContinue | ForEach-Object {
    $n++
    if ($n -eq 1) { foreach ($d in [IO.Directory]::GetDirectories($store)) { [IO.Directory]::Delete($d, $true) } }
}
$n", store);
            Assert.Null(r.Terminating);
            var n = int.Parse(Strings(r).Last());
            Assert.InRange(n, 1, 599);
        }

        [Theory]
        [MemberData(nameof(Backends))]
        public void StopsEarlyWithoutErrorAndReleasesTheStore(string backend)
        {
            var store = StorePath(backend);
            Seed(store, 30);
            var r = Run(@"$n = 0
do { Find-MoaiPattern -Store $store | ForEach-Object { $n++; if ($n -eq 3) { break } } } while ($false)
$n
New-MoaiPattern -Id after-stop -Type TaskCompletion -Data (TaskData) | Save-MoaiPattern -Store $store
(Get-MoaiPattern -Store $store -Id after-stop).PatternId", store).AssertSucceeded();
            Assert.Equal(new[] { "3", "after-stop" }, Strings(r));
        }

        [Theory]
        [InlineData("fs", "sqlite")]
        [InlineData("sqlite", "fs")]
        public void MigrationBetweenBackendsKeepsEveryField(string from, string to)
        {
            var a = StorePath(from, "a");
            var b = StorePath(to, "b");
            Run("& { " + SeedScript + " } | Save-MoaiPattern -Store $store", a).AssertSucceeded();
            var r = Run(@"Find-MoaiPattern -Store $a | Save-MoaiPattern -Store $b
$x = Find-MoaiPattern -Store $a; $y = Find-MoaiPattern -Store $b
$x.Count; $y.Count
for ($i = 0; $i -lt $x.Count; $i++) {
    $p = $x[$i]; $q = $y[$i]
    '{0}|{1}|{2}|{3}|{4}|{5}|{6}|{7}' -f ([MoaiPatterns.Serialization.PatternJson]::ToJson($p, $false) -ceq [MoaiPatterns.Serialization.PatternJson]::ToJson($q, $false)), ($p.PatternId -eq $q.PatternId), ($p.PatternType -eq $q.PatternType), ($p.Timestamp.ToString('o') -eq $q.Timestamp.ToString('o')),
        ($p.Summary -eq $q.Summary), (($p.Tags -join ',') -eq ($q.Tags -join ',')), ($p.Context.ProjectName -eq $q.Context.ProjectName), ($p.Agent -eq $q.Agent)
}", null, null, new System.Collections.Generic.Dictionary<string, object> { ["a"] = a, ["b"] = b }).AssertSucceeded();
            var s = Strings(r);
            Assert.Equal("5", s[0]);
            Assert.Equal("5", s[1]);
            Assert.All(s.Skip(2), line => Assert.Equal("True|True|True|True|True|True|True|True", line));
        }
    }
}
