using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Bench.Suites;
using O = MoaiPatterns.Bench.Suites.OriginalBenchmark;

namespace MoaiPatterns.Bench.Report
{
    /// <summary>The issue's targets, judged from this run's medians.</summary>
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
