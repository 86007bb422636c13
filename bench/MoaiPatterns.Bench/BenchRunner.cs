using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Bench.Report;
using MoaiPatterns.Bench.Suites;
using MoaiPatterns.Bench.Workload;

namespace MoaiPatterns.Bench
{
    /// <summary>Runs the whole suite for the options given and writes results.json and results.md.</summary>
    public sealed class BenchRunner
    {
        private readonly BenchOptions _o;

        public BenchRunner(BenchOptions options) => _o = options;

        /// <summary>Returns the results; exit code 1 when a query was not exact or a cmdlet step failed.</summary>
        public ResultSet Run(TextWriter log, Action<ResultSet>? afterEachSize = null)
        {
            var results = new ResultSet();
            var repo = RepoPaths.FindRoot();
            var work = _o.WorkDir ?? Path.Combine(Path.GetTempPath(), "moai-bench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(work);
            var now = DateTimeOffset.UtcNow;
            var generator = new WorkloadGenerator(_o.Seed, now);
            var engine = new EngineBenchmark(results, work);
            var baseline = new BaselineBenchmark(results, work);
            CmdletBenchmark? cmdlets = null;
            if (_o.Cmdlets)
            {
                var manifest = _o.Module ?? Path.Combine(repo, "out", "MoaiPatterns", "MoaiPatterns.psd1");
                if (!File.Exists(manifest)) throw new FileNotFoundException("No built module: run `dotnet build PatternsModule.sln -c Release` first (or pass --module / --no-cmdlets).", manifest);
                cmdlets = new CmdletBenchmark(results, work, RepoPaths.HostDll(repo), Path.GetFullPath(manifest));
            }
            results.Notes.Add($"Workload: seed {_o.Seed}, timestamps spread over {WorkloadGenerator.SpanDays} days before the run's start; {_o.Lookups} random ids per lookup; {_o.OneCall} one-call saves into each store of N (N if smaller).");

            var all = _o.Sizes.Select(n => (n, sqliteOnly: false)).Concat(_o.SqliteExtraSizes.Where(n => !_o.Sizes.Contains(n)).Select(n => (n, sqliteOnly: true)));
            var total = Stopwatch.StartNew();
            try
            {
                foreach (var (n, sqliteOnly) in all)
                {
                    log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] N={n}: generating rows");
                    var w = new WorkloadSet(generator, n, Math.Min(n, _o.OneCall), Math.Min(n, _o.Lookups));
                    var repeats = _o.RepeatsFor(n, sqliteOnly);
                    for (var r = 0; r < repeats; r++)
                    {
                        foreach (var backend in sqliteOnly ? new[] { StoreBackend.Sqlite } : new[] { StoreBackend.FileSystem, StoreBackend.Sqlite })
                        {
                            log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] N={n} run {r + 1}/{repeats} {backend}: engine");
                            engine.Run(backend, w, measureMemory: r == 0);
                            log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] N={n} run {r + 1}/{repeats} {backend}: baseline");
                            if (backend == StoreBackend.Sqlite) baseline.RunSqlite(w);
                            else { baseline.RunFiles(w, flush: true); baseline.RunFiles(w, flush: false); }
                            if (cmdlets != null && n <= _o.CmdletMax)
                            {
                                log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] N={n} run {r + 1}/{repeats} {backend}: cmdlets");
                                cmdlets.Run(backend, w, _o.Seed);
                            }
                        }
                    }
                    if (cmdlets != null && n > _o.CmdletMax)
                        results.Notes.Add($"Cmdlets not run at N={n} (--cmdlet-max {_o.CmdletMax}): the host would hold {n} hashtables in memory.");
                    afterEachSize?.Invoke(results);
                }
                if (_o.WatchSaves > 0)
                {
                    var watch = new WatchBenchmark(results, work);
                    foreach (var backend in new[] { StoreBackend.FileSystem, StoreBackend.Sqlite })
                    {
                        log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] watch {backend}: {_o.WatchIdleSeconds} s idle, then {_o.WatchSaves} saves by a writer process");
                        watch.Run(backend, _o.WatchSaves, _o.WatchIdleSeconds);
                    }
                    results.Notes.Add($"Watch: a watcher process (PatternWatch.Follow, as Watch-MoaiPattern) warms up {WatchBenchmark.WarmUp.TotalSeconds:0} s and idles {_o.WatchIdleSeconds} s (its CPU time over those is the idle cost), then a writer process saves {_o.WatchSaves} patterns {WatchBenchmark.SaveIntervalMs} ms apart; latency from the Save returning to the watcher receiving it (same machine clock). A negative latency on the filesystem backend is real: the pattern file is in place (and the watch can emit it) while the Save still brings index.json up to date under the lock.");
                }
            }
            finally
            {
                StoreFiles.Delete(work);
            }
            log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] done");
            return results;
        }
    }
}
