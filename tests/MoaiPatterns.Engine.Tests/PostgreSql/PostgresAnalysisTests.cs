using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MoaiPatterns.Analysis;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Storage;
using MoaiPatterns.Storage.PostgreSql;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Contract;
using MoaiPatterns.Tests.Postgres;
using Npgsql;
using Xunit;

namespace MoaiPatterns.Tests.PostgreSql
{
    /// <summary>
    /// The PostgreSQL analysis beyond the shared property test: its bucket SQL against <see cref="TimeBucket"/> at
    /// the edges, percentile_disc against <see cref="Percentile"/> on ties and tiny groups, the version 1 → 2
    /// migration that fills the facts from the JSON text, rows without facts, and repair of facts edited by hand.
    /// </summary>
    public sealed class PostgresAnalysisTests : IDisposable
    {
        private static PostgresTestCluster Cluster => PostgresTestCluster.Shared;

        private readonly List<IPatternStore> _opened = new List<IPatternStore>();

        public void Dispose()
        {
            foreach (var s in _opened) s.Dispose();
        }

        private IPatternStore Open(string schema) { var s = PatternStores.Open(Cluster.Address(schema), create: true); _opened.Add(s); return s; }

        private static object? Sql(string sql)
        {
            using var c = new NpgsqlConnection(Cluster.ConnectionString());
            c.Open();
            using var cmd = new NpgsqlCommand(sql, c);
            return cmd.ExecuteScalar();
        }

        [Fact]
        public void Buckets_in_SQL_equal_TimeBucket_at_every_edge()
        {
            var instants = new List<long>();
            foreach (var day in new[] { "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "1970-01-04T23:59:59.999Z", "1970-01-05T00:00:00Z",
                "1900-02-28T12:00:00Z", "2000-02-29T23:59:59.999Z", "2000-03-01T00:00:00Z", "2024-12-30T00:00:00Z", "2025-12-31T23:59:59.999Z",
                "2026-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "1955-06-15T07:30:00.001Z" })
            {
                var ms = DateTimeOffset.Parse(day, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
                instants.AddRange(new[] { ms - 1, ms, ms + 1 }.Where(x => x >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && x <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));
            }
            var r = new Random(5);
            for (var i = 0; i < 300; i++) instants.Add((long)(r.NextDouble() * 8e12) - 4_000_000_000_000L);
            using var c = new NpgsqlConnection(Cluster.ConnectionString());
            c.Open();
            foreach (AnalysisInterval interval in Enum.GetValues(typeof(AnalysisInterval)))
            {
                using var cmd = new NpgsqlCommand("SELECT ms, " + PostgresAnalysis.PeriodSql(interval, "ms") + " FROM unnest(@ms) AS t(ms)", c);
                cmd.Parameters.AddWithValue("ms", instants.ToArray());
                using var rd = cmd.ExecuteReader();
                while (rd.Read())
                    Assert.True(TimeBucket.Start(rd.GetInt64(0), interval) == rd.GetInt64(1),
                        $"{interval} of {TimeBucket.ToUtc(rd.GetInt64(0)):O}: expected {TimeBucket.ToUtc(TimeBucket.Start(rd.GetInt64(0), interval)):O}, SQL {TimeBucket.ToUtc(rd.GetInt64(1)):O}");
            }
        }

        [Fact]
        public void Percentiles_are_nearest_rank_on_ties_and_small_groups()
        {
            var store = Open(PostgresTestCluster.NewSchema("pct"));
            Assert.IsAssignableFrom<IPatternAnalysisStore>(store);
            var groups = new[]
            {
                new long[] { 7 }, new long[] { 5, 5 }, new long[] { 2, 1 }, new long[] { 3, 1, 2 }, new long[] { 1, 1, 2, 2, 2, 3 },
                Enumerable.Range(1, 20).Select(i => (long)i).ToArray(), Enumerable.Range(0, 100).Select(i => (long)(i / 10)).ToArray(),
                Enumerable.Range(1, 101).Select(i => (long)i * 3).Reverse().ToArray(), Enumerable.Range(0, 199).Select(i => (long)(i % 13)).ToArray(),
            };
            var n = 0;
            for (var g = 0; g < groups.Length; g++)
                foreach (var d in groups[g])
                    store.Save(new MoaiPattern("pc-" + n++, PatternType.TaskCompletion, TestPatterns.Base.AddMinutes(n),
                        new TaskCompletionData { TaskType = "g" + g.ToString("D2"), Agent = "a", DurationMs = d, Success = true }, new PatternContext()));
            var stats = store.Measure(new MeasureQuery(new PatternQuery(), new[] { AnalysisKey.TaskType }));
            Assert.Equal(groups.Length, stats.Count);
            for (var g = 0; g < groups.Length; g++)
            {
                var sorted = groups[g].OrderBy(x => x).ToList();
                var s = stats[g];
                Assert.Equal("g" + g.ToString("D2"), s.KeyValues[0]);
                Assert.Equal(Percentile.NearestRank(sorted, 50), s.DurationP50);
                Assert.Equal(Percentile.NearestRank(sorted, 95), s.DurationP95);
                Assert.Equal(Percentile.NearestRank(sorted, 99), s.DurationP99);
                Assert.Equal(sorted.Count, s.DurationCount);
            }
        }

        [Fact]
        public void A_version_1_store_is_migrated_in_place_and_its_facts_come_from_the_JSON_text()
        {
            var schema = PostgresTestCluster.NewSchema("v1");
            var gen = new Analysis.AnalysisPatterns(21);
            var store = Open(schema);
            using (var w = store.OpenWriter())
                foreach (var p in Enumerable.Range(0, 300).Select(gen.Pattern)) w.Add(p);
            store.Dispose();
            // Back to what version 1 created: no fact columns, no index, version '1'; one row's JSON edited by hand.
            Sql($"DROP INDEX {schema}.patterns_without_facts; ALTER TABLE {schema}.patterns "
                + string.Join(", ", PostgresSchema.FactColumns.Select(c => "DROP COLUMN " + c))
                + $"; UPDATE {schema}.moai_schema SET value = '1' WHERE key = 'version'; UPDATE {schema}.patterns SET data_text = 'not json' WHERE pattern_id = 'a00007'");

            var again = Open(schema);
            Assert.Equal(PostgresSchema.CurrentVersion.ToString(CultureInfo.InvariantCulture), Sql($"SELECT value FROM {schema}.moai_schema WHERE key = 'version'"));
            Assert.Equal(299L, Sql($"SELECT count(*) FROM {schema}.patterns WHERE facts_ok"));
            Assert.Equal(false, Sql($"SELECT facts_ok FROM {schema}.patterns WHERE pattern_id = 'a00007'"));
            // With the unreadable row matched the engine answers (skipping it as Find does); without it, SQL does: both equal the engine.
            var all = new MeasureQuery(new PatternQuery(), new[] { AnalysisKey.Agent, AnalysisKey.Tag }, AnalysisInterval.Week);
            Assert.Equal(Describe(PatternAnalysis.MeasureByFind(again, all)), Describe(again.Measure(all)));
            Sql($"DELETE FROM {schema}.patterns WHERE pattern_id = 'a00007'");
            foreach (var q in new[] { all, new MeasureQuery(new PatternQuery(), new[] { AnalysisKey.TaskType, AnalysisKey.Severity }, AnalysisInterval.Month),
                new MeasureQuery(new PatternQuery { Types = new[] { PatternType.AgentUsage } }, new[] { AnalysisKey.Project }) })
            {
                var expected = Describe(PatternAnalysis.MeasureByFind(again, q));
                Assert.NotEmpty(expected);
                Assert.Equal(expected, Describe(again.Measure(q)));
                Assert.Equal(PatternAnalysis.FactsByFind(again, q.Filter).Select(Describe).OrderBy(x => x, StringComparer.Ordinal),
                    again.Facts(q.Filter).Select(Describe).OrderBy(x => x, StringComparer.Ordinal));
            }
            Assert.True(again.Repair(whatIf: true).Healthy);
        }

        [Fact]
        public void A_fact_text_cannot_hold_is_answered_by_the_engine_and_a_fact_edited_by_hand_is_repaired()
        {
            var schema = PostgresTestCluster.NewSchema("nul");
            var store = Open(schema);
            for (var i = 0; i < 20; i++) store.Save(TestPatterns.Make(i));
            var nul = PatternJson.Parse("{\"pattern_id\":\"nul-1\",\"pattern_type\":\"task_completion\",\"timestamp\":\"2025-06-01T10:00:00Z\","
                + "\"data\":{\"task_type\":\"t\\u0000x\",\"agent\":\"a\",\"success\":true,\"duration_ms\":5},\"context\":{},\"version\":\"1.0\"}");
            store.Save(nul);
            Assert.Equal(false, Sql($"SELECT facts_ok FROM {schema}.patterns WHERE pattern_id = 'nul-1'"));
            var q = new MeasureQuery(new PatternQuery(), new[] { AnalysisKey.TaskType });
            var withNul = Describe(store.Measure(q));
            Assert.Equal(Describe(PatternAnalysis.MeasureByFind(store, q)), withNul);
            Assert.Contains(withNul, s => s.Contains("t\u0000x"));
            Assert.True(store.Remove("nul-1"));

            var before = Describe(store.Measure(q));
            Sql($"UPDATE {schema}.patterns SET task_type_norm = 'forged', duration_ms = 1 WHERE pattern_id = '{TestPatterns.Id(3)}'");
            Assert.NotEqual(before, Describe(store.Measure(q)));
            var check = store.Repair(whatIf: true);
            Assert.False(check.Healthy);
            Assert.Contains(check.Problems, x => x.Contains("1 pattern(s)"));
            store.Repair();
            Assert.Equal(before, Describe(store.Measure(q)));
        }

        private static List<string> Describe(IEnumerable<PatternStatistics> stats) => stats.Select(s => string.Format(CultureInfo.InvariantCulture,
            "[{0}] {1:O} n={2} ok={3} bad={4} p={5}/{6}/{7} mean={8:R} max={9} dc={10} tok={11} {12:O}..{13:O}",
            string.Join("|", s.KeyValues.Select(k => k ?? "<null>")), s.Period, s.Count, s.Succeeded, s.Failed, s.DurationP50, s.DurationP95, s.DurationP99,
            s.DurationMean, s.DurationMax, s.DurationCount, s.TokensUsed, s.First, s.Last)).ToList();

        private static string Describe(PatternFacts f) => string.Join("|", f.PatternId, f.UnixMs, f.Type, f.Agent, f.TaskType, f.ErrorType, f.Environment,
            f.Project, f.CorrectionType, f.Severity, f.Success, f.DurationMs, f.TokensUsed, string.Join(",", f.Tags));
    }
}
