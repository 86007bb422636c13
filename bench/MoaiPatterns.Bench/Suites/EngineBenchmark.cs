using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Bench.Workload;
using MoaiPatterns.Query;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Bench.Suites
{
    /// <summary>
    /// One run of every operation through the engine API (Core + Storage) on a fresh store of N rows.
    /// Order: bulk save, size, queries, memory (child process), one-call saves, retention, compression.
    /// </summary>
    public sealed class EngineBenchmark
    {
        public const string Suite = "engine";
        private readonly ResultSet _results;
        private readonly string _workDir;

        public EngineBenchmark(ResultSet results, string workDir)
        {
            _results = results;
            _workDir = workDir;
        }

        public void Run(StoreBackend backend, WorkloadSet w, bool measureMemory)
        {
            var b = backend.ToString();
            var path = Path.Combine(_workDir, "engine-" + b + "-" + w.N + "-" + Guid.NewGuid().ToString("N").Substring(0, 8) + (backend == StoreBackend.Sqlite ? ".db" : ""));
            void Add(string op, string unit, double v) => _results.Add(Suite, b, w.N, op, unit, v);
            void Check(bool ok, string what) => _results.Check(ok, $"{Suite} {b} N={w.N}: {what}");
            try
            {
                using (var store = PatternStores.Open(path, backend, create: true))
                {
                    var bulkMs = Timing.Ms(() =>
                    {
                        using var writer = store.OpenWriter();
                        for (var i = 0; i < w.N; i++) writer.Add(w.Patterns[i]);
                    });
                    Add("save, one pipeline (OpenWriter)", "ms", bulkMs);
                    Add("save, one pipeline (OpenWriter) rate", "patterns/s", w.N / (bulkMs / 1000));
                    Add("bytes on disk", "bytes", DiskUsage.Of(path));

                    var lookupMs = Timing.Ms(() =>
                    {
                        foreach (var id in w.LookupIds) Check(store.Get(id) != null, "Get returned null for a saved id");
                    });
                    Add("load by id", "ms/op", lookupMs / w.LookupIds.Length);

                    RunQueries(store, w, Add, Check);
                    AnalysisBenchmark.Run(store, path, backend, Add, Check);
                    store.Release();
                }

                if (measureMemory)
                {
                    var probe = MemoryProbe.Run(backend, path);
                    Add("Find all, peak working set (child process)", "MB", probe.PeakWorkingSetMB);
                    Add("Find all, working set after open (child process)", "MB", probe.WorkingSetAfterOpenMB);
                    Check(probe.Count == w.N, $"memory probe enumerated {probe.Count}, expected {w.N}");
                }

                using (var store = PatternStores.Open(path, backend))
                {
                    var extra = w.Patterns.Skip(w.N).ToList();
                    var saveMs = Timing.Ms(() => { foreach (var p in extra) store.Save(p); });
                    Add($"save, one call each ({extra.Count} into a store of N)", "ms/op", saveMs / extra.Count);

                    var cutoff = w.Now.AddDays(-90);
                    var retentionMs = Timing.Ms(() => store.RemoveOlderThan(cutoff), out var retention);
                    Add("RemoveOlderThan(90 days)", "ms", retentionMs);
                    var expectedRemoved = w.AllExpected.Count - w.AllExpected.CountSince(cutoff);
                    Check(retention.RemovedCount == expectedRemoved, $"retention removed {retention.RemovedCount}, expected {expectedRemoved}");

                    var compressMs = Timing.Ms(() => store.Compress(w.Now.AddDays(-30)), out var compression);
                    Add("Compress(30 days)", "ms", compressMs);
                    Add("bytes on disk after retention + compression", "bytes", compression.BytesAfter);
                    store.Release();
                }
            }
            finally
            {
                StoreFiles.Delete(path);
            }
        }

        private static void RunQueries(IPatternStore store, WorkloadSet w, Action<string, string, double> add, Action<bool, string> check)
        {
            var e = w.Expected;

            // The selective queries: median of 3 calls, as ref_bench.py times the original's (the first call apart).
            double first;
            void AddQuery(string op, double median, double firstCall) { add(op, "ms", median); add(op + ", first of 3 calls", "ms", firstCall); }
            var ms = Timing.MedianMs(() => store.Find(new PatternQuery { Types = new[] { PatternType.TaskCompletion }, First = 100 }).Select(p => p.PatternId).ToList(), 3, out var byType, out first);
            AddQuery("Find by type, First 100", ms, first);
            check(byType.SequenceEqual(e.Top(t => t == "task_completion", false, 100)), "Find by type: not the expected 100 newest");

            ms = Timing.MedianMs(() => store.Find(new PatternQuery { Tags = WorkloadGenerator.TwoTags, First = 100 }).Select(p => p.PatternId).ToList(), 3, out var byTags, out first);
            AddQuery("Find by two tags, First 100", ms, first);
            check(byTags.SequenceEqual(e.Top(_ => true, true, 100)), $"Find by two tags: {byTags.Count} returned, not the expected newest {Math.Min(100, e.CountBothTags())}");

            var after = w.Now.AddDays(-7);
            ms = Timing.MedianMs(() => store.Find(new PatternQuery { After = after }).Count(), 3, out var recent, out first);
            AddQuery("Find by date range (last 7 days), all", ms, first);
            check(recent == e.CountSince(after), $"date range returned {recent}, expected {e.CountSince(after)}");
            add("Find by date range (last 7 days), result count", "patterns", recent);

            ms = Timing.MedianMs(() => store.Find(new PatternQuery { After = after, First = 100 }).Count(), 3, out var recent100, out first);
            AddQuery("Find by date range (last 7 days), First 100", ms, first);
            check(recent100 == Math.Min(100, e.CountSince(after)), "date range First 100 count");

            ms = Timing.MedianMs(() => store.Find(new PatternQuery { Text = WorkloadGenerator.TextQuery, First = 100 }).Count(), 3, out var text, out first);
            AddQuery("Find full-text (one word), First 100", ms, first);
            check(text == Math.Min(100, e.CountText()), $"full-text returned {text}, expected {Math.Min(100, e.CountText())}");

            ms = Timing.Ms(() => store.Find(PatternQuery.All).Count(), out var all);
            add("Find all, one full enumeration", "ms", ms);
            check(all == w.N, $"full enumeration returned {all}, expected {w.N}");

            if (w.N <= 10_000)
            {
                ms = Timing.Ms(() =>
                {
                    long seen = 0;
                    for (long skip = 0; ; skip += 100)
                    {
                        var page = store.Find(new PatternQuery { Skip = skip, First = 100 }).Count();
                        seen += page;
                        if (page < 100) break;
                    }
                    return seen;
                }, out var paged);
                add("paging through everything (Skip/First pages of 100)", "ms", ms);
                check(paged == w.N, $"paging saw {paged}, expected {w.N}");
            }
            ms = Timing.Ms(() => store.Find(new PatternQuery { Skip = w.N / 2, First = 100 }).Count(), out var deep);
            add("one deep page (Skip N/2, First 100)", "ms", ms);
            check(deep == Math.Min(100, w.N - w.N / 2), "deep page count");
        }
    }
}
