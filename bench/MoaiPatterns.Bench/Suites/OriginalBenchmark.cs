using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Bench.Original;
using MoaiPatterns.Bench.Workload;

namespace MoaiPatterns.Bench.Suites
{
    /// <summary>
    /// The original Python implementation on the same rows, in the same session: each (backend, N,
    /// run) is one fresh `python3 bench/scripts/run_original.py` process, which calls ref_bench.py's
    /// worker (its measurements, unchanged) on the bench's workload file. A failure of the original is
    /// a note, never a failed bench run.
    /// </summary>
    public sealed class OriginalBenchmark
    {
        public const string Suite = "original";

        // Operation names, shared with the report's side-by-side table.
        public const string SaveLoopRate = "save, one call each, N in a row rate";
        public const string SaveMean = "save, one call each (mean over the N saves)";
        public const string SaveAtN = "save, one call each, at N (mean of the last 200)";
        public const string Saved = "patterns saved within the time budget";
        public const string Load = "load by id";
        public const string ByType = "Find by type, First 100";
        public const string ByTags = "Find by two tags, First 100";
        public const string Date = "Find by date range (last 7 days), at most 1,000";
        public const string Retention = "RemoveOlderThan(90 days)";
        public const string Compress = "Compress(30 days)";
        public const string Bytes = "bytes on disk";
        public const string Returned = ", returned";
        public const string Expected = ", expected";

        private readonly ResultSet _results;
        private readonly string _workDir;
        private readonly string _python;
        private readonly string _refBench;
        private readonly string _driver;
        private readonly OriginalSource _source;
        private readonly double _budgetSeconds;

        private OriginalBenchmark(ResultSet results, string workDir, string python, string refBench, string driver, OriginalSource source, double budgetSeconds)
        {
            _results = results; _workDir = workDir; _python = python; _refBench = refBench; _driver = driver; _source = source; _budgetSeconds = budgetSeconds;
        }

        /// <summary>The suite, or null with the reason in the notes (no python3, no ref_bench.py, no source).</summary>
        public static OriginalBenchmark? Create(ResultSet results, string workDir, string repo, BenchOptions o, OriginalSource source, TextWriter log)
        {
            string? why = null;
            var refBench = o.RefBench ?? Environment.GetEnvironmentVariable("MOAI_REF_BENCH") ?? Path.GetFullPath(Path.Combine(repo, "..", "shared", "bench", "ref_bench.py"));
            var python = o.Python;
            string version = "";
            if (source.Unavailable != null) why = "the original's source is unavailable (" + source.Unavailable + ")";
            else if (!File.Exists(refBench)) why = "ref_bench.py not found at " + refBench + " (pass --ref-bench or set MOAI_REF_BENCH)";
            else
            {
                try { version = ChildProcess.Run(python, new[] { "-c", "import sys; print('BENCH-RESULT ' + sys.version.split()[0])" }, timeout: TimeSpan.FromSeconds(30)); }
                catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is InvalidOperationException || e is TimeoutException) { why = python + " is not available (" + e.Message.Split('\n')[0] + ")"; }
            }
            if (why != null)
            {
                var note = "The original was NOT run: " + why + ". Every \"original\" figure is absent from this run.";
                results.Notes.Add(note);
                log.WriteLine(note);
                return null;
            }
            results.Notes.Add($"Original: {source.Description}; run by {Path.GetFileName(refBench)} ({refBench}) through bench/scripts/run_original.py under Python {version}; save phase stopped after {o.OriginalBudgetSeconds:0} s (--original-budget).");
            return new OriginalBenchmark(results, workDir, python, refBench, Path.Combine(repo, "bench", "scripts", "run_original.py"), source, o.OriginalBudgetSeconds);
        }

        public void Run(StoreBackend backend, WorkloadSet w, string workloadFile, int seed)
        {
            var b = backend.ToString();
            void Add(string op, string unit, double? v) { if (v != null) _results.Add(Suite, b, w.N, op, unit, v.Value); }
            string json;
            try
            {
                json = ChildProcess.Run(_python, new[]
                {
                    _driver, "--ref-bench", _refBench, "--ref", _source.SrcDir!, "--rows", workloadFile,
                    "--backend", backend == StoreBackend.Sqlite ? "sqlite" : "filesystem",
                    "--n", w.N.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture),
                    "--tmp", _workDir, "--save-budget-s", _budgetSeconds.ToString(CultureInfo.InvariantCulture),
                    "--loads", w.LookupIds.Length.ToString(CultureInfo.InvariantCulture),
                }, timeout: TimeSpan.FromSeconds(_budgetSeconds * 4 + 900));
            }
            catch (Exception e) when (e is InvalidOperationException || e is TimeoutException || e is System.ComponentModel.Win32Exception)
            {
                _results.Notes.Add($"The original {b} N={w.N} failed, no figures from that run: {e.Message.Split('\n')[0]}");
                return;
            }

            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            double? D(params string[] path)
            {
                var e = r;
                foreach (var p in path) if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e)) return null;
                return e.ValueKind == JsonValueKind.Number ? e.GetDouble() : (double?)null;
            }
            var saved = D("save", "count") ?? 0;
            Add(SaveLoopRate, "patterns/s", D("save", "ops_per_s"));
            Add(SaveMean, "ms/op", D("save", "mean_ms"));
            Add(SaveAtN, "ms/op", D("save", "growth", w.N.ToString(CultureInfo.InvariantCulture), "mean_ms_per_save_last_200"));
            Add(Saved, "patterns", saved);
            if (saved < w.N)
                _results.Notes.Add($"The original {b} N={w.N}: its save phase stopped after {saved:N0} patterns ({_budgetSeconds:0} s budget); its later figures are on a store of {saved:N0}, not {w.N:N0}.");
            var failures = D("save_failures");
            if (failures > 0) _results.Notes.Add($"The original {b} N={w.N}: {failures} save() calls returned False.");
            Add(Load, "ms/op", D("load", "ms_per_op"));
            Add(ByType, "ms", D("query_type", "median_ms"));
            Add(ByTags, "ms", D("query_tags", "median_ms"));
            Add(ByTags + Returned, "patterns", D("query_tags", "returned", string.Join("+", WorkloadGenerator.TwoTags)));
            Add(ByTags + Expected, "patterns", D("query_tags", "expected", string.Join("+", WorkloadGenerator.TwoTags)));
            Add(Date, "ms", D("query_date", "median_ms"));
            Add(Date + Returned, "patterns", D("query_date", "returned"));
            Add(Date + Expected, "patterns", D("query_date", "expected"));
            var del = D("delete_old", "total_s");
            Add(Retention, "ms", del * 1000);
            Add(Retention + ", removed", "patterns", D("delete_old", "deleted"));
            Add(Retention + Expected, "patterns", D("delete_old", "expected"));
            Add(Compress, "ms", D("compress_aged", "total_s") * 1000);
            Add(Bytes, "bytes", D("disk_after_save", "apparent_bytes"));
            Add("peak RSS (process holding all N rows)", "MB", D("rss_kib", "peak") / 1024);
        }
    }
}
