using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using MoaiPatterns.Analysis;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Differential;
using Xunit;

namespace MoaiPatterns.Tests.Analysis
{
    /// <summary>
    /// Every backend's statistics against a brute-force recomputation over the same patterns: random stores,
    /// random filters, random -GroupBy and -Interval combinations; every figure of every group, in order.
    /// The brute force is written from the definitions (API.md), not with the accumulator the engine uses.
    /// </summary>
    public sealed class StatisticsPropertyTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-stats-" + Guid.NewGuid().ToString("N"));

        public StatisticsPropertyTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        public static IEnumerable<object[]> Cases() =>
            from backend in BackendDifferentialTests.Backends.Keys from seed in new[] { 11, 12 } select new object[] { backend, seed };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Statistics_equal_a_brute_force_recomputation(string backend, int seed)
        {
            var gen = new AnalysisPatterns(seed);
            var saved = new Dictionary<string, MoaiPattern>();
            using var store = BackendDifferentialTests.Backends[backend](_dir);
            // SQL backends answer in SQL (not through the engine's fallback), so the comparison tests their statement.
            if (backend == "Sqlite" || backend == "PostgreSql") Assert.IsAssignableFrom<IPatternAnalysisStore>(store);
            using (var w = store.OpenWriter())
                foreach (var p in Enumerable.Range(0, 400).Select(gen.Pattern)) { w.Add(p); saved[p.PatternId] = p; }
            // Some replaced with other keys (an upsert must leave no stale facts).
            var again = new AnalysisPatterns(seed + 500);
            foreach (var id in saved.Keys.Where((_, i) => i % 7 == 0).ToList())
            {
                var fresh = again.Pattern(0);
                var replaced = new MoaiPattern(id, fresh.PatternType, fresh.Timestamp, fresh.Data, fresh.Context);
                store.Save(replaced);
                saved[id] = replaced;
            }
            store.Release();

            var all = saved.Values.ToList();
            var failures = new List<string>();
            for (var n = 0; n < 120; n++)
            {
                var q = n == 0 ? new MeasureQuery(new PatternQuery(), Enum.GetValues(typeof(AnalysisKey)).Cast<AnalysisKey>()) : gen.Measure();
                var expected = BruteForce(all, q).ToList();
                var actual = store.Measure(q).Select(Describe).ToList();
                if (!expected.SequenceEqual(actual))
                {
                    var diff = expected.Zip(actual, (e, a) => (e, a)).FirstOrDefault(x => x.e != x.a);
                    failures.Add($"query #{n} by [{string.Join(",", q.GroupBy)}] {q.Interval}: {expected.Count} groups expected, {actual.Count} returned; first difference:\n  expected {diff.e}\n  actual   {diff.a}");
                }
            }
            Assert.True(failures.Count == 0, $"{backend} disagrees with the brute force in {failures.Count} of 120 queries:\n" + string.Join("\n", failures.Take(5)));
        }

        [Theory]
        [MemberData(nameof(BackendNames))]
        public void An_empty_store_or_no_match_gives_no_groups(string backend)
        {
            using var store = BackendDifferentialTests.Backends[backend](_dir);
            Assert.Empty(store.Measure(new MeasureQuery(new PatternQuery())));
            Assert.Empty(store.Measure(new MeasureQuery(new PatternQuery(), new[] { AnalysisKey.Tag }, AnalysisInterval.Week)));
        }

        public static IEnumerable<object[]> BackendNames() => BackendDifferentialTests.Backends.Keys.Select(b => new object[] { b });

        /// <summary>Straight from the definitions, one group at a time.</summary>
        private static IEnumerable<string> BruteForce(List<MoaiPattern> all, MeasureQuery q)
        {
            var m = new PatternMatcher(q.Filter);
            var rows = new List<(string?[] Keys, long? Period, MoaiPattern P, PatternFacts F)>();
            foreach (var p in all.Where(m.Matches))
            {
                var f = PatternFacts.Of(p);
                IEnumerable<string?[]> combos = new[] { new string?[0] };
                foreach (var key in q.GroupBy)
                {
                    var values = key == AnalysisKey.Tag
                        ? (f.Tags.Length == 0 ? new string?[] { null } : f.Tags.Cast<string?>().ToArray())
                        : new[] { AnalysisKeys.Value(f, key) };
                    combos = combos.SelectMany(c => values.Select(v => c.Concat(new[] { v }).ToArray())).ToList();
                }
                long? period = null;
                if (q.Interval != null)
                {
                    var u = p.Timestamp.UtcDateTime;
                    DateTime start;
                    switch (q.Interval.Value)
                    {
                        case AnalysisInterval.Hour: start = new DateTime(u.Year, u.Month, u.Day, u.Hour, 0, 0); break;
                        case AnalysisInterval.Day: start = u.Date; break;
                        case AnalysisInterval.Week: start = u.Date.AddDays(-(((int)u.DayOfWeek + 6) % 7)); break;
                        default: start = new DateTime(u.Year, u.Month, 1); break;
                    }
                    period = new DateTimeOffset(start, TimeSpan.Zero).ToUnixTimeMilliseconds();
                }
                foreach (var c in combos) rows.Add((c, period, p, f));
            }
            var groups = rows.GroupBy(r => string.Join("\u0001", r.Keys.Select(k => k ?? "\u0000")) + "@" + r.Period)
                .Select(g => g.ToList())
                .OrderBy(g => g[0].Keys, Comparer<string?[]>.Create(AnalysisKeys.Compare)).ThenBy(g => g[0].Period);
            foreach (var g in groups)
            {
                var durations = g.Where(r => r.F.DurationMs != null).Select(r => r.F.DurationMs!.Value).OrderBy(d => d).ToList();
                long? Pct(int pc) => durations.Count == 0 ? (long?)null : durations.First(v => durations.Count(x => x <= v) * 100L >= pc * (long)durations.Count);
                var ok = g.Count(r => r.F.Success == true);
                var bad = g.Count(r => r.F.Success == false);
                yield return Format(g[0].Keys, g[0].Period, g.Count, ok, bad, ok + bad == 0 ? (double?)null : (double)ok / (ok + bad),
                    Pct(50), Pct(95), Pct(99), durations.Count == 0 ? (double?)null : (double)durations.Sum() / durations.Count,
                    durations.Count == 0 ? (long?)null : durations.Max(), g.Sum(r => r.F.TokensUsed ?? 0),
                    g.Min(r => r.P.Timestamp.ToUnixTimeMilliseconds()), g.Max(r => r.P.Timestamp.ToUnixTimeMilliseconds()));
            }
        }

        private static string Describe(PatternStatistics s) =>
            Format(s.KeyValues, s.Period?.ToUnixTimeMilliseconds(), s.Count, s.Succeeded, s.Failed, s.SuccessRate, s.DurationP50, s.DurationP95,
                s.DurationP99, s.DurationMean, s.DurationMax, s.TokensUsed, s.First.ToUnixTimeMilliseconds(), s.Last.ToUnixTimeMilliseconds());

        private static string Format(string?[] keys, long? period, long count, long ok, long bad, double? rate, long? p50, long? p95, long? p99,
            double? mean, long? max, long tokens, long first, long last) =>
            string.Format(CultureInfo.InvariantCulture, "[{0}] {1} n={2} ok={3} bad={4} rate={5:R} p50={6} p95={7} p99={8} mean={9:R} max={10} tok={11} {12}..{13}",
                string.Join("|", keys.Select(k => k ?? "<null>")), period, count, ok, bad, rate, p50, p95, p99, mean, max, tokens, first, last);
    }
}
