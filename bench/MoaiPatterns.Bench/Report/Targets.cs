using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Bench.Suites;
using O = MoaiPatterns.Bench.Suites.OriginalBenchmark;

namespace MoaiPatterns.Bench.Report
{
    /// <summary>Every issue's measurable targets, judged from this run's medians.</summary>
    public static class Targets
    {
        public sealed class Verdict
        {
            public string Operation { get; set; } = "";
            public string Original { get; set; } = "";
            public string Target { get; set; } = "";
            public string Measured { get; set; } = "";
            /// <summary>met, not met, or not measured (the size was not part of this run).</summary>
            public string Status { get; set; } = "";
        }

        private const string E = EngineBenchmark.Suite;
        private const string C = CmdletBenchmark.Suite;

        public static List<Verdict> Evaluate(ResultSet r, bool quick)
        {
            var v = new List<Verdict>();
            var oneCall = r.Measurements.FirstOrDefault(m => m.Suite == E && m.Operation.StartsWith("save, one call each", StringComparison.Ordinal))?.Operation ?? "save, one call each";
            double? M(string suite, string backend, int n, string op) => r.Median(suite, backend, n, op);

            var fs10k = M(E, "FileSystem", 10_000, oneCall);
            var fs1k = M(E, "FileSystem", 1_000, oneCall);
            var fs100k = M(E, "FileSystem", 100_000, oneCall);
            v.Add(Judge("filesystem save, one call each", Orig(r, "14 ms per save at 10,000, growing linearly with N", ("FS", "FileSystem", O.SaveAtN)),
                "≤ 0.7 ms per save at 10,000; per-save cost at 100,000 ≤ 1.5× that at 1,000",
                fs10k == null || fs1k == null || fs100k == null ? null : (fs10k <= 0.7 && fs100k <= 1.5 * fs1k),
                $"{Ms(fs10k)} at 10,000; {Ms(fs1k)} at 1,000, {Ms(fs100k)} at 100,000 ({Ratio(fs100k, fs1k)})"));

            var sq10k = M(E, "Sqlite", 10_000, oneCall);
            v.Add(Judge("SQLite save, one call each", Orig(r, "0.73 ms at 10,000 (one commit per save)", ("SQLite", "Sqlite", O.SaveAtN)), "≤ 0.73 ms",
                sq10k == null ? (bool?)null : sq10k <= 0.73, $"{Ms(sq10k)} at 10,000"));

            var cmdletRate = M(C, "Sqlite", 100_000, CmdletBenchmark.SaveRate);
            var engineRatio = Ratios.Get(r, "Sqlite", 100_000, "engine", BaselineBenchmark.SqliteInsert);
            v.Add(Judge("SQLite save as one pipeline of 100,000", Orig(r, "no bulk save", ("SQLite, N save() calls", "Sqlite", O.SaveLoopRate)),
                "≥ 40,000 patterns/s through the cmdlet; engine ≤ 3× the raw insert baseline",
                cmdletRate == null || engineRatio == null ? null : (cmdletRate >= 40_000 && engineRatio <= 3),
                $"cmdlet {Rate(cmdletRate)}; engine {Rate(M(E, "Sqlite", 100_000, Ratios.EngineBulk + " rate"))} = {X(engineRatio)} the raw insert time"));

            var fsBulk = LargestN(r, "FileSystem", n => Ratios.Get(r, "FileSystem", n, "engine", BaselineBenchmark.FileWriteFlush));
            v.Add(Judge("filesystem save, engine bulk", "–", "≤ 2× the raw file-write baseline (write + flush + rename)",
                fsBulk.value == null ? null : fsBulk.value <= 2,
                fsBulk.value == null ? "–" : $"{X(fsBulk.value)} at {fsBulk.n:N0} (no-flush baseline: {X(Ratios.Get(r, "FileSystem", fsBulk.n, "engine", BaselineBenchmark.FileWriteNoFlush))})"));

            var fsGet = M(E, "FileSystem", 100_000, "load by id");
            var sqGetN = r.Sizes(E, "Sqlite").DefaultIfEmpty(0).Max();
            var sqGet = M(E, "Sqlite", sqGetN, "load by id");
            v.Add(Judge("load by id", Orig(r, "FS 5.3 ms, SQLite 0.017 ms", ("FS", "FileSystem", O.Load), ("SQLite", "Sqlite", O.Load)), "FS ≤ 0.1 ms at 100,000; SQLite ≤ 0.05 ms",
                fsGet == null || sqGet == null ? null : (fsGet <= 0.1 && sqGet <= 0.05),
                $"FS {Ms(fsGet)} at 100,000; SQLite {Ms(sqGet)} at {sqGetN:N0}"));

            var tags1m = M(E, "Sqlite", 1_000_000, "Find by two tags, First 100");
            var exact = !r.ExactnessFailures.Any(f => f.Contains("two tags"));
            v.Add(Judge("two tags, First 100", Orig(r, "SQLite 26 ms, and wrong (4 of 100 found)", ("FS", "FileSystem", O.ByTags), ("SQLite", "Sqlite", O.ByTags)), "exact, ≤ 5 ms on SQLite at 1,000,000",
                tags1m == null ? (bool?)null : (exact && tags1m <= 5),
                $"{Ms(tags1m)} at 1,000,000; {(exact ? "exact at every N and backend" : "NOT exact")}"));

            var dateFs = M(E, "FileSystem", 100_000, "Find by date range (last 7 days), all");
            var dateSq = M(E, "Sqlite", 1_000_000, "Find by date range (last 7 days), all");
            v.Add(Judge("date range, last 7 days (all results)", Orig(r, "FS 176 ms, SQLite 10 ms", ("FS", "FileSystem", O.Date), ("SQLite", "Sqlite", O.Date)), "FS ≤ 20 ms at 100,000; SQLite ≤ 5 ms at 1,000,000",
                dateFs == null || dateSq == null ? null : (dateFs <= 20 && dateSq <= 5),
                $"FS {Ms(dateFs)} at 100,000; SQLite {Ms(dateSq)} at 1,000,000 ({Count(r, 1_000_000)} results)"));

            var ret = M(E, "FileSystem", 10_000, "RemoveOlderThan(90 days)");
            v.Add(Judge("retention, 90 days", Orig(r, "FS 59 s, SQLite 20 ms", ("FS", "FileSystem", O.Retention), ("SQLite", "Sqlite", O.Retention)), "FS ≤ 0.6 s at 10,000",
                ret == null ? (bool?)null : ret <= 600, $"FS {Ms(ret)} at 10,000; SQLite {Ms(M(E, "Sqlite", 10_000, "RemoveOlderThan(90 days)"))} at 10,000"));

            const string peak = "Find all, peak working set (child process)";
            var mem10k = M(E, "Sqlite", 10_000, peak);
            var mem1m = M(E, "Sqlite", 1_000_000, peak);
            v.Add(Judge("memory: Find streaming over 1,000,000", "–", "peak within 50 MB of the same Find over 10,000",
                mem10k == null || mem1m == null ? null : mem1m - mem10k <= 50,
                $"SQLite peak {Mb(mem1m)} at 1,000,000 vs {Mb(mem10k)} at 10,000 (+{Mb(mem1m - mem10k)}); FS {Mb(M(E, "FileSystem", 100_000, peak))} at 100,000 vs {Mb(M(E, "FileSystem", 10_000, peak))} at 10,000"));

            // Issue 16.
            var eng100k = Ratios.Get(r, "Sqlite", 100_000, "engine", BaselineBenchmark.SqliteInsert);
            var eng1m = Ratios.Get(r, "Sqlite", 1_000_000, "engine", BaselineBenchmark.SqliteInsert);
            v.Add(Judge("SQLite engine pipeline against the raw insert (issue 16)", "–", "≤ 3× the raw insert at 100,000; ≤ 4× at 1,000,000",
                eng100k == null || eng1m == null ? null : (eng100k <= 3 && eng1m <= 4), $"{X(eng100k)} at 100,000; {X(eng1m)} at 1,000,000"));

            var pwshRate = M(C, "Sqlite", 100_000, CmdletBenchmark.SaveRate);
            var overNaive = M(C, "Sqlite", 100_000, CmdletBenchmark.SaveOverNaive);
            v.Add(Judge("Save-MoaiPattern pipeline of 100,000 hashtables into SQLite, real pwsh (issue 16)", Orig(r, "–", ("N save() calls", "Sqlite", O.SaveLoopRate)),
                "≥ 40,000 patterns/s and ≥ 1.4× the naive `ConvertTo-Json -Compress | Set-Content` log of the same rows, same pwsh",
                pwshRate == null || overNaive == null ? null : (pwshRate >= 40_000 && overNaive >= 1.4),
                $"{Rate(pwshRate)}; {X(overNaive)} the naive log ({Rate(M(C, "Sqlite", 100_000, CmdletBenchmark.NaiveRate))})"));

            var fsTags = M(E, "FileSystem", 100_000, "Find by two tags, First 100");
            v.Add(Judge("filesystem two tags, First 100, at 100,000 (issue 16)", Orig(r, "–", ("FS", "FileSystem", O.ByTags)), "≤ 5 ms",
                fsTags == null ? (bool?)null : fsTags <= 5 && exact, $"{Ms(fsTags)}"));
            v.Add(Judge("filesystem last 7 days (all results) at 100,000 (issue 16)", Orig(r, "–", ("FS", "FileSystem", O.Date)), "≤ 20 ms",
                dateFs == null ? (bool?)null : dateFs <= 20, $"{Ms(dateFs)}"));

            var plain = M(BaselineBenchmark.Suite, "Sqlite", 1_000_000, BaselineBenchmark.SqlitePlainRange);
            v.Add(Judge("SQLite date range (all results) at 1,000,000 (issue 16)", "–", "within 2× of a plain query reading the same rows' JSON",
                dateSq == null || plain == null ? null : dateSq <= 2 * plain, $"{Ms(dateSq)} vs plain query {Ms(plain)} ({Ratio(dateSq, plain)})"));
            var pgCopy = Ratios.Get(r, "PostgreSql", 100_000, "engine", Suites.PostgresBaseline.Copy);
            v.Add(Judge("PostgreSQL save as one pipeline of 100,000", "not available", "≤ 3× the raw binary COPY of the same rows",
                pgCopy == null ? (bool?)null : pgCopy <= 3, $"{Rate(M(E, "PostgreSql", 100_000, Ratios.EngineBulk + " rate"))} = {X(pgCopy)} the COPY time"));
            var pgQueries = new[] { "load by id", "Find by two tags, First 100", "Find by date range (last 7 days), all" };
            var worst = pgQueries.Select(q => Ratio(M(E, "PostgreSql", 100_000, q), M(E, "Sqlite", 100_000, q))).ToList();
            var worstValue = pgQueries.Select(q => { var a = M(E, "PostgreSql", 100_000, q); var b = M(E, "Sqlite", 100_000, q); return a == null || b == null || b == 0 ? (double?)null : a / b; }).ToList();
            v.Add(Judge("PostgreSQL queries at 100,000 (by id, two tags First 100, last 7 days)", "not available", "≤ 2× the SQLite backend's",
                worstValue.Any(x => x == null) ? (bool?)null : worstValue.All(x => x <= 2), string.Join("; ", pgQueries.Select((q, i) => q + " " + worst[i]))));

            // Issue 11: analysis in the store, against the pipeline a user would write and the hand-written SQL.
            const string measureCmd = "Measure-MoaiPattern -GroupBy Agent -Interval Day";
            const string groupCmd = "Find-MoaiPattern piped to Group-Object agent, day (count, p95)";
            double? Speedup(string backend) { var a = M(C, backend, 100_000, groupCmd); var b = M(C, backend, 100_000, measureCmd); return a == null || b == null || b == 0 ? null : a / b; }
            var sqSpeed = Speedup("Sqlite");
            var fsSpeed = Speedup("FileSystem");
            v.Add(Judge("Measure-MoaiPattern at 100,000 against Find-MoaiPattern | Group-Object, real pwsh (issue 11)", "–",
                "≥ 20× faster on SQLite, ≥ 5× on the filesystem",
                sqSpeed == null || fsSpeed == null ? null : sqSpeed >= 20 && fsSpeed >= 5,
                $"SQLite {X(sqSpeed)} ({Ms(M(C, "Sqlite", 100_000, measureCmd))} vs {Ms(M(C, "Sqlite", 100_000, groupCmd))}); filesystem {X(fsSpeed)} ({Ms(M(C, "FileSystem", 100_000, measureCmd))} vs {Ms(M(C, "FileSystem", 100_000, groupCmd))})"));
            var measureSizes = r.Sizes(E, "Sqlite").Where(n => M(E, "Sqlite", n, AnalysisBenchmark.SqlPercentileOp) != null).ToList();
            var measureN = measureSizes.Contains(100_000) ? 100_000 : measureSizes.DefaultIfEmpty(0).Max();
            var engineMeasure = M(E, "Sqlite", measureN, AnalysisBenchmark.EngineOp);
            var sqlMeasure = M(E, "Sqlite", measureN, AnalysisBenchmark.SqlPercentileOp);
            v.Add(Judge($"Measure on SQLite against hand-written SQL with the same percentiles, at {measureN:N0} (issue 11)", "–", "within 3×",
                engineMeasure == null || sqlMeasure == null ? null : engineMeasure <= 3 * sqlMeasure,
                $"{Ms(engineMeasure)} vs {Ms(sqlMeasure)} ({Ratio(engineMeasure, sqlMeasure)}); without percentiles the SQL takes {Ms(M(E, "Sqlite", measureN, AnalysisBenchmark.SqlOp))}"));

            // Issue 12: resolution lookups.
            const string Err = ErrorLookupBenchmark.Suite;
            var sqP95 = M(Err, "Sqlite", 100_000, "lookup p95 (search open)");
            var fsFirst = M(Err, "FileSystem", 100_000, "open the search (first Find-MoaiResolution call)") + M(Err, "FileSystem", 100_000, "first lookup (search open)");
            v.Add(Judge("Find-MoaiResolution against 100,000 error patterns (issue 12)", "–",
                "SQLite p95 < 50 ms; filesystem first lookup (search opened) well under a second (≤ 500 ms)",
                sqP95 == null || fsFirst == null ? null : sqP95 < 50 && fsFirst <= 500,
                $"SQLite p95 {Ms(sqP95)}; filesystem open + first lookup {Ms(fsFirst)}, then p95 {Ms(M(Err, "FileSystem", 100_000, "lookup p95 (search open)"))}"));

            // Issue 14: watch latency and idle cost, per backend.
            foreach (var backend in new[] { "FileSystem", "Sqlite", "PostgreSql" })
            {
                var saves = r.Sizes("watch", backend).DefaultIfEmpty(0).Max();
                if (saves == 0) continue;
                var p50 = M("watch", backend, saves, "latency p50 (save returned → emitted)");
                var p95 = M("watch", backend, saves, "latency p95");
                var idleOp = r.Measurements.FirstOrDefault(m => m.Suite == "watch" && m.Backend == backend && m.Operation.StartsWith("idle watcher CPU", StringComparison.Ordinal))?.Operation;
                var idle = idleOp == null ? null : M("watch", backend, saves, idleOp);
                v.Add(Judge($"Watch-MoaiPattern on {backend} (issue 14)", "–", "p95 ≤ 1 s, typically (p50) ≤ 250 ms; idle ≤ 1% of a core",
                    p50 == null || p95 == null || idle == null ? null : p95 <= 1000 && p50 <= 250 && idle <= 1,
                    $"p50 {Ms(p50)}, p95 {Ms(p95)} over {saves} saves; idle {(idle == null ? "–" : idle.Value.ToString("0.00", CultureInfo.InvariantCulture) + "% of a core")}"));
            }

            if (quick) foreach (var x in v) x.Status = "not judged (--quick)";
            return v;
        }

        /// <summary>The original's figures at 10,000 measured in this run, else the first round's figure (marked).</summary>
        private static string Orig(ResultSet r, string firstRound, params (string label, string backend, string op)[] ops)
        {
            var parts = ops.Select(o => (o.label, text: OriginalComparison.Measured(r, o.backend, 10_000, o.op))).Where(x => x.text != null).ToList();
            return parts.Count == 0 ? "first round: " + firstRound : "this run: " + string.Join("; ", parts.Select(x => x.label + " " + x.text));
        }

        private static (int n, double? value) LargestN(ResultSet r, string backend, Func<int, double?> f)
        {
            foreach (var n in r.Sizes(E, backend).OrderByDescending(x => x))
            {
                var value = f(n);
                if (value != null) return (n, value);
            }
            return (0, null);
        }

        private static string Count(ResultSet r, int n)
        {
            var c = r.Median(E, "Sqlite", n, "Find by date range (last 7 days), result count");
            return c == null ? "–" : c.Value.ToString("N0", CultureInfo.InvariantCulture);
        }

        private static Verdict Judge(string op, string original, string target, bool? met, string measured) => new Verdict
        {
            Operation = op, Original = original, Target = target, Measured = measured,
            Status = met == null ? "not measured" : met.Value ? "met" : "NOT met",
        };

        internal static string Ms(double? ms) => ms == null ? "–" : ms.Value < 1 ? ms.Value.ToString("0.000", CultureInfo.InvariantCulture) + " ms"
            : ms.Value < 100 ? ms.Value.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : ms.Value.ToString("N0", CultureInfo.InvariantCulture) + " ms";
        private static string Rate(double? v) => v == null ? "–" : v.Value.ToString("N0", CultureInfo.InvariantCulture) + " patterns/s";
        private static string X(double? v) => v == null ? "–" : v.Value.ToString("0.00", CultureInfo.InvariantCulture) + "×";
        private static string Ratio(double? a, double? b) => a == null || b == null || b == 0 ? "–" : (a.Value / b.Value).ToString("0.00", CultureInfo.InvariantCulture) + "×";
        private static string Mb(double? v) => v == null ? "–" : v.Value.ToString("0.0", CultureInfo.InvariantCulture) + " MB";
    }
}
