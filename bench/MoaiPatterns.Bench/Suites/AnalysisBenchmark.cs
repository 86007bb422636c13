using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Analysis;
using MoaiPatterns.Analysis.Anomalies;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Bench.Suites
{
    /// <summary>
    /// Measure-MoaiPattern -GroupBy Agent -Interval Day three ways on the same store: the engine (SQL on SQLite, the
    /// streamed fallback on the filesystem), the same answer from Find with the grouping done in memory afterwards
    /// (what a Find | Group-Object script does, minus PowerShell), and on SQLite hand-written SQL over the same table:
    /// a plain GROUP BY (count, failures, mean, max: the practical limit) and the same with exact percentiles by window.
    /// Also the anomaly detectors over the whole store.
    /// </summary>
    public static class AnalysisBenchmark
    {
        public const string EngineOp = "Measure -GroupBy Agent -Interval Day (engine)";
        public const string FindOp = "Measure -GroupBy Agent -Interval Day via Find + grouping in memory";
        public const string SqlOp = "hand-written SQL GROUP BY agent, day (count, failures, mean, max)";
        public const string SqlPercentileOp = "hand-written SQL GROUP BY agent, day with exact p50/p95 (window)";

        public static void Run(IPatternStore store, string path, StoreBackend backend, Action<string, string, double> add, Action<bool, string> check)
        {
            var query = new MeasureQuery(new PatternQuery(), new[] { AnalysisKey.Agent }, AnalysisInterval.Day);
            var ms = Timing.Ms(() => store.Measure(query), out var engine);
            add(EngineOp, "ms", ms);
            add(EngineOp + ", groups", "groups", engine.Count);

            // Whole patterns from Find, grouped afterwards: the patterns themselves go through memory one at a time.
            ms = Timing.Ms(() => PatternAnalysis.MeasureFacts(store.Find(new PatternQuery()).Select(PatternFacts.Of), query), out var byFind);
            add(FindOp, "ms", ms);
            check(engine.Select(Describe).SequenceEqual(byFind.Select(Describe)), "Measure by the engine differs from Measure over Find");

            if (backend == StoreBackend.Sqlite)
            {
                using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
                c.Open();
                const string day = "(timestamp_ms - ((timestamp_ms % 86400000) + 86400000) % 86400000)";
                ms = Timing.Ms(() => Rows(c, $"SELECT agent_norm, {day} AS d, count(*), sum(success_flag = 0), avg(duration_ms), max(duration_ms) FROM patterns GROUP BY agent_norm, d"), out var plain);
                add(SqlOp, "ms", ms);
                check(plain == engine.Count, $"hand-written SQL gave {plain} groups, the engine {engine.Count}");
                ms = Timing.Ms(() => Rows(c, $@"WITH r AS (SELECT agent_norm a, {day} d, duration_ms x,
 row_number() OVER (PARTITION BY agent_norm, {day} ORDER BY duration_ms IS NULL, duration_ms) rn,
 count(duration_ms) OVER (PARTITION BY agent_norm, {day}) n FROM patterns)
SELECT a, d, count(*), max(x), max(CASE WHEN rn = (50 * n + 99) / 100 THEN x END), max(CASE WHEN rn = (95 * n + 99) / 100 THEN x END) FROM r GROUP BY a, d"), out var windowed);
                add(SqlPercentileOp, "ms", ms);
                check(windowed == engine.Count, $"hand-written percentile SQL gave {windowed} groups, the engine {engine.Count}");
            }

            ms = Timing.Ms(() => AnomalyDetectors.Detect(store, new PatternQuery()).Count, out var anomalies);
            add("Find-MoaiAnomaly, every kind (engine)", "ms", ms);
            add("Find-MoaiAnomaly, anomalies reported", "anomalies", anomalies);
        }

        private static int Rows(SqliteConnection c, string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            var n = 0;
            while (r.Read()) n++;
            return n;
        }

        private static string Describe(PatternStatistics s) => string.Format(CultureInfo.InvariantCulture, "{0}|{1:o}|{2}|{3}|{4}|{5}|{6}|{7}|{8}|{9}",
            s.KeyValues[0], s.Period, s.Count, s.Failed, s.DurationP50, s.DurationP95, s.DurationP99, s.DurationMax, s.DurationMean, s.TokensUsed);
    }
}
