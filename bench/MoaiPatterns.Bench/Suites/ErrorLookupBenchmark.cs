using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Errors;
using MoaiPatterns.Storage;
using MoaiPatterns.Tests.Errors;

namespace MoaiPatterns.Bench.Suites
{
    /// <summary>
    /// Find-MoaiResolution's engine on a store of N error patterns (the evaluation's error families, their
    /// variable parts drawn afresh for every pattern): opening the search (what each cmdlet call pays first:
    /// nothing on SQLite, the error cache on the filesystem), then per-lookup latency over held-out variants
    /// (p50, p95), and recall@1 on them as the exactness check.
    /// </summary>
    public sealed class ErrorLookupBenchmark
    {
        public const string Suite = "errors";
        private readonly ResultSet _results;
        private readonly string _workDir;

        public ErrorLookupBenchmark(ResultSet results, string workDir)
        {
            _results = results;
            _workDir = workDir;
        }

        /// <param name="address">PostgreSQL: the address of a fresh schema on the bench's own cluster.</param>
        public void Run(StoreBackend backend, int n, int seed, int lookups, string? address = null)
        {
            var b = backend.ToString();
            void Add(string op, string unit, double v) => _results.Add(Suite, b, n, op, unit, v);
            var phrasings = ErrorFamily.All.Sum(f => f.Phrasings.Length);
            // Whole families only (a cut family would have variants with no history): up to N patterns.
            var eval = new ResolutionEvaluation(seed, historyPerPhrasing: Math.Max(1, n / phrasings),
                variantsPerFamily: Math.Max(1, lookups / ErrorFamily.All.Length));
            var history = eval.History.Take(n).ToList();
            var server = backend == StoreBackend.PostgreSql;
            var path = server ? address ?? throw new ArgumentNullException(nameof(address))
                : Path.Combine(_workDir, "errors-" + b + "-" + n + "-" + Guid.NewGuid().ToString("N").Substring(0, 8) + (backend == StoreBackend.Sqlite ? ".db" : ""));
            try
            {
                using (var store = PatternStores.Open(path, backend, create: true))
                {
                    Add("save error patterns, one pipeline", "ms", Timing.Ms(() =>
                    {
                        using var w = store.OpenWriter();
                        foreach (var p in history) w.Add(p);
                    }));
                    store.Release();
                }
                using (var store = PatternStores.Open(path, backend))
                {
                    IErrorSearch? search = null;
                    Add("open the search (first Find-MoaiResolution call)", "ms", Timing.Ms(() => search = ResolutionFinder.SearchOf(store)));
                    Add("open the search again (store unchanged, same session)", "ms", Timing.Ms(() => search = ResolutionFinder.SearchOf(store)));
                    var times = new double[eval.Variants.Count];
                    var hits = 0;
                    var resolved = 0;
                    for (var i = 0; i < eval.Variants.Count; i++)
                    {
                        var (family, query) = eval.Variants[i];
                        var sw = Stopwatch.StartNew();
                        var s = ResolutionFinder.Find(search!, ErrorDocument.Of(query), null, 5);
                        times[i] = sw.Elapsed.TotalMilliseconds;
                        if (family.Fix == null) continue;
                        resolved++;
                        if (s.Count > 0 && s[0].Resolution == family.Fix) hits++;
                    }
                    // The first lookup also makes the documents it filters and scores (the filesystem makes them lazily).
                    Add("first lookup (search open)", "ms", times[0]);
                    Array.Sort(times);
                    Add("lookup p50 (search open)", "ms", times[(int)Math.Ceiling(0.5 * times.Length) - 1]);
                    Add("lookup p95 (search open)", "ms", times[(int)Math.Ceiling(0.95 * times.Length) - 1]);
                    Add("recall@1 on held-out variants", "ratio", (double)hits / resolved);
                    // The evaluation test asserts 0.9 on its own set; a tiny store (--quick: one past error per phrasing) gets a margin.
                    var floor = n >= 10_000 ? 0.9 : 0.8;
                    _results.Check((double)hits / resolved >= floor, $"{Suite} {b} N={n}: recall@1 {(double)hits / resolved:0.000} below {floor}");
                    store.Release();
                }
            }
            finally
            {
                if (!server) StoreFiles.Delete(path);
            }
        }
    }
}
