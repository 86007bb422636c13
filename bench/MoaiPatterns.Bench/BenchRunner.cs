using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Bench.Original;
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

        /// <summary>The backends one size runs on: SQLite alone for the extra sizes; --backends narrows the rest.</summary>
        private StoreBackend[] Backends(bool sqliteOnly, bool postgres) =>
            (sqliteOnly ? new[] { StoreBackend.Sqlite }
                : postgres ? new[] { StoreBackend.FileSystem, StoreBackend.Sqlite, StoreBackend.PostgreSql }
                : new[] { StoreBackend.FileSystem, StoreBackend.Sqlite }).Where(_o.Runs).ToArray();

        /// <summary>Returns the results; exit code 1 when a query was not exact or a cmdlet step failed.</summary>
        public ResultSet Run(TextWriter log, Action<ResultSet>? afterEachSize = null)
        {
            var results = new ResultSet();
            var repo = RepoPaths.FindRoot();
            // Always a fresh folder of our own inside --work: it is deleted at the end, --work itself never is.
            var work = Path.Combine(Path.GetFullPath(_o.WorkDir ?? Path.GetTempPath()), "moai-bench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(work);
            var now = DateTimeOffset.UtcNow;
            var generator = new WorkloadGenerator(_o.Seed, now);
            var engine = new EngineBenchmark(results, work);
            var baseline = new BaselineBenchmark(results, work);
            var errors = new ErrorLookupBenchmark(results, work);
            CmdletBenchmark? cmdlets = null;
            if (_o.Cmdlets)
            {
                var manifest = _o.Module ?? Path.Combine(repo, "out", "MoaiPatterns", "MoaiPatterns.psd1");
                if (!File.Exists(manifest)) throw new FileNotFoundException("No built module: run `dotnet build PatternsModule.sln -c Release` first (or pass --module / --no-cmdlets).", manifest);
                cmdlets = CmdletBenchmark.Create(results, work, repo, _o.Pwsh, Path.GetFullPath(manifest), log);
            }
            using var originalSource = _o.Original == null ? null : OriginalSource.Resolve(_o.Original);
            var original = originalSource == null ? null : OriginalBenchmark.Create(results, work, repo, _o, originalSource, log);
            results.Notes.Add($"Workload: seed {_o.Seed}, timestamps spread over {WorkloadGenerator.SpanDays} days before the run's start; {_o.Lookups} random ids per lookup; {_o.OneCall} one-call saves into each store of N (N if smaller).");

            // PostgreSQL beside the others, on a private cluster this run starts (build/pg-cluster.sh) and stops.
            MoaiPatterns.Tests.Postgres.PostgresTestCluster? pg = null;
            if (_o.Backends != null) results.Notes.Add("Backends: " + string.Join(", ", _o.Backends) + " only (--backends).");
            else if (!MoaiPatterns.Tests.Postgres.PostgresTestCluster.BinariesPresent())
            {
                const string skipped = "PostgreSQL skipped: no server binaries (initdb, pg_ctl) on this machine; apt-get install -y postgresql to include it.";
                log.WriteLine(skipped);
                results.Notes.Add(skipped);
            }
            else
            {
                pg = MoaiPatterns.Tests.Postgres.PostgresTestCluster.Shared;
                results.Notes.Add($"PostgreSQL: a private cluster on this machine (127.0.0.1, fsync off like a test server); engine only, no cmdlets and no memory probe.");
            }

            var all = _o.Sizes.Select(n => (n, sqliteOnly: false)).Concat(_o.SqliteExtraSizes.Where(n => !_o.Sizes.Contains(n)).Select(n => (n, sqliteOnly: true)));
            var total = Stopwatch.StartNew();
            try
            {
                foreach (var (n, sqliteOnly) in all)
                {
                    log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] N={n}: generating rows");
                    var repeats = _o.ErrorsOnly ? 0 : _o.RepeatsFor(n, sqliteOnly);
                    if (_o.Errors || _o.ErrorsOnly)
                        foreach (var backend in Backends(sqliteOnly, pg != null))
                        {
                            log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] N={n} {backend}: error lookups");
                            errors.Run(backend, n, _o.Seed, Math.Min(_o.Lookups, 300),
                                backend == StoreBackend.PostgreSql ? pg!.Address(MoaiPatterns.Tests.Postgres.PostgresTestCluster.NewSchema("bencherr")) : null);
                        }
                    if (_o.ErrorsOnly) continue;
                    var w = new WorkloadSet(generator, n, Math.Min(n, _o.OneCall), Math.Min(n, _o.Lookups));
                    var runCmdlets = cmdlets != null && n <= _o.CmdletMax;
                    var runOriginal = original != null && n <= _o.OriginalMax;
                    string? workloadFile = null;
                    if (runCmdlets || runOriginal)
                    {
                        workloadFile = Path.Combine(work, "workload-" + n + ".json");
                        WorkloadFile.Write(workloadFile, generator, w);
                    }
                    for (var r = 0; r < Math.Max(repeats, runOriginal ? _o.OriginalRepeat : 0); r++)
                    {
                        foreach (var backend in Backends(sqliteOnly, pg != null))
                        {
                            if (backend == StoreBackend.PostgreSql)
                            {
                                if (r >= repeats) continue;
                                log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] N={n} run {r + 1}/{repeats} {backend}: engine");
                                engine.Run(backend, w, measureMemory: false, address: pg!.Address(MoaiPatterns.Tests.Postgres.PostgresTestCluster.NewSchema("bench")));
                                log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] N={n} run {r + 1}/{repeats} {backend}: baseline");
                                PostgresBaseline.Run(results, w, pg.ConnectionString());
                                continue;
                            }
                            if (runOriginal && r < _o.OriginalRepeat)
                            {
                                log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] N={n} run {r + 1}/{_o.OriginalRepeat} {backend}: the original (Python)");
                                original!.Run(backend, w, workloadFile!, _o.Seed);
                            }
                            if (r >= repeats) continue;
                            log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] N={n} run {r + 1}/{repeats} {backend}: engine");
                            engine.Run(backend, w, measureMemory: r == 0);
                            log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] N={n} run {r + 1}/{repeats} {backend}: baseline");
                            if (backend == StoreBackend.Sqlite) baseline.RunSqlite(w);
                            else { baseline.RunFiles(w, flush: true); baseline.RunFiles(w, flush: false); }
                            if (runCmdlets)
                            {
                                log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] N={n} run {r + 1}/{repeats} {backend}: cmdlets (pwsh)");
                                cmdlets!.Run(backend, w, workloadFile!);
                            }
                        }
                    }
                    if (cmdlets != null && n > _o.CmdletMax)
                        results.Notes.Add($"Cmdlets not run at N={n} (--cmdlet-max {_o.CmdletMax}): pwsh would hold {n} hashtables in memory.");
                    if (original != null && n > _o.OriginalMax)
                        results.Notes.Add($"The original not run at N={n} (--original-max {_o.OriginalMax}).");
                    if (workloadFile != null) StoreFiles.Delete(workloadFile);
                    afterEachSize?.Invoke(results);
                }
                if (_o.WatchSaves > 0)
                {
                    var watch = new WatchBenchmark(results, work);
                    foreach (var backend in Backends(false, pg != null))
                    {
                        log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] watch {backend}: {_o.WatchIdleSeconds} s idle, then {_o.WatchSaves} saves by a writer process");
                        watch.Run(backend, _o.WatchSaves, _o.WatchIdleSeconds,
                            backend == StoreBackend.PostgreSql ? pg!.Address(MoaiPatterns.Tests.Postgres.PostgresTestCluster.NewSchema("watch")) : null);
                    }
                    results.Notes.Add($"Watch: a watcher process (PatternWatch.Follow, as Watch-MoaiPattern) warms up {WatchBenchmark.WarmUp.TotalSeconds:0} s and idles {_o.WatchIdleSeconds} s (its CPU time over those is the idle cost), then a writer process saves {_o.WatchSaves} patterns {WatchBenchmark.SaveIntervalMs} ms apart; latency from the Save returning to the watcher receiving it (same machine clock). A negative latency is real: the save is visible (and the watch can emit it) before the saving call returns (filesystem: while the Save still brings index.json up to date under the lock; PostgreSQL: while the commit's reply travels back).");
                }
            }
            finally
            {
                StoreFiles.Delete(work);
                pg?.Stop();
            }
            log.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] done");
            return results;
        }
    }
}
