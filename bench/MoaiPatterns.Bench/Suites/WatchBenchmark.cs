using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Query;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Bench.Suites
{
    /// <summary>
    /// Watch-MoaiPattern's latency and idle cost with real processes: a watcher process (this program with
    /// <see cref="WatcherVerb"/>) follows the store with <see cref="PatternWatch.Follow"/>, as the cmdlet does; after an
    /// idle window (its CPU time over that window is the idle cost) a writer process (<see cref="WriterVerb"/>) saves one
    /// pattern every <see cref="SaveIntervalMs"/> ms. Latency = the watcher's receipt time − the moment the writer's Save
    /// returned (the same wall clock: both processes run on this machine).
    /// </summary>
    public sealed class WatchBenchmark
    {
        public const string WatcherVerb = "--child-watch-watcher";
        public const string WriterVerb = "--child-watch-writer";
        public const int SaveIntervalMs = 50;
        public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);

        private readonly ResultSet _results;
        private readonly string _work;

        public WatchBenchmark(ResultSet results, string work)
        {
            _results = results;
            _work = work;
        }

        /// <summary><paramref name="address"/>: a PostgreSQL store's address (the others get a fresh path under the work folder).</summary>
        public void Run(StoreBackend backend, int saves, int idleSeconds, string? address = null)
        {
            var path = address ?? Path.Combine(_work, "watch-" + Guid.NewGuid().ToString("N").Substring(0, 8) + (backend == StoreBackend.Sqlite ? ".db" : ""));
            using (var s = PatternStores.Open(path, backend, create: true)) s.Save(Pattern("seed"));
            var self = typeof(WatchBenchmark).Assembly.Location;
            using var watcher = Start(self, WatcherVerb, backend.ToString(), path, saves.ToString(CultureInfo.InvariantCulture));
            if (!WaitForLine(watcher, "READY", TimeSpan.FromMinutes(2))) throw new InvalidOperationException("The watcher did not start: " + watcher.StandardError.ReadToEnd());
            Thread.Sleep(WarmUp + TimeSpan.FromSeconds(idleSeconds));
            var written = ParseTimes(ChildProcess.RunDll(self, new[] { WriterVerb, backend.ToString(), path, saves.ToString(CultureInfo.InvariantCulture) }));
            string? result = null;
            string? line;
            while ((line = watcher.StandardOutput.ReadLine()) != null)
                if (line.StartsWith(ChildProcess.ResultMarker, StringComparison.Ordinal)) result = line.Substring(ChildProcess.ResultMarker.Length);
            if (!watcher.WaitForExit(120_000)) { watcher.Kill(true); throw new TimeoutException("The watcher did not finish."); }
            _results.Check(result != null, $"watch {backend}: the watcher reported no result ({watcher.StandardError.ReadToEnd()})");
            if (result == null) return;
            using var doc = JsonDocument.Parse(result);
            var idleCpu = doc.RootElement.GetProperty("idleCpuPercent").GetDouble();
            var received = doc.RootElement.GetProperty("received").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
            _results.Check(received.Count == saves && written.Keys.All(received.ContainsKey), $"watch {backend}: the watcher received {received.Count} of {saves} saves");
            var latencies = written.Where(kv => received.ContainsKey(kv.Key)).Select(kv => (received[kv.Key] - kv.Value) / (double)TimeSpan.TicksPerMillisecond).OrderBy(v => v).ToArray();
            if (latencies.Length == 0) return;
            var name = backend.ToString();
            _results.Add("watch", name, saves, "latency p50 (save returned → emitted)", "ms", Percentile(latencies, 50));
            _results.Add("watch", name, saves, "latency p95", "ms", Percentile(latencies, 95));
            _results.Add("watch", name, saves, "latency max", "ms", latencies[latencies.Length - 1]);
            _results.Add("watch", name, saves, $"idle watcher CPU ({idleSeconds} s idle)", "% of one core", idleCpu);
        }

        /// <summary>Nearest rank: the smallest value with at least p% of the values at or below it.</summary>
        private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];

        private static MoaiPattern Pattern(string id) =>
            new MoaiPattern(id, PatternType.ErrorOccurrence, DateTimeOffset.UtcNow,
                new ErrorOccurrenceData { ErrorType = "BenchError", ErrorMessage = "watch latency " + id }, new PatternContext { Tags = new[] { "bench" } });

        private static Process Start(string dll, params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(dll);
            foreach (var a in args) psi.ArgumentList.Add(a);
            return Process.Start(psi) ?? throw new InvalidOperationException("Could not start the watcher.");
        }

        private static bool WaitForLine(Process p, string text, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            string? line;
            while (clock.Elapsed < timeout && (line = p.StandardOutput.ReadLine()) != null)
                if (line == text) return true;
            return false;
        }

        private static Dictionary<string, long> ParseTimes(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        }

        /// <summary>The child processes: watcher (reports idle CPU and each id's receipt time) and writer (each id's Save-return time).</summary>
        public static int ChildMain(string[] args)
        {
            var backend = (StoreBackend)Enum.Parse(typeof(StoreBackend), args[1]);
            var count = int.Parse(args[3], CultureInfo.InvariantCulture);
            using var store = PatternStores.Open(args[2], backend, create: false);
            var times = new Dictionary<string, long>();
            if (args[0] == WriterVerb)
            {
                for (var i = 0; i < count; i++)
                {
                    var id = "lat-" + i.ToString("D5", CultureInfo.InvariantCulture);
                    store.Save(Pattern(id));
                    times[id] = DateTime.UtcNow.Ticks;
                    Thread.Sleep(SaveIntervalMs);
                }
                Console.WriteLine(ChildProcess.ResultMarker + JsonSerializer.Serialize(times));
                return 0;
            }
            using var feed = ((IWatchableStore)store).OpenFeed(new PatternQuery { Tags = new[] { "bench" } });
            var self = Process.GetCurrentProcess();
            Console.WriteLine("READY");
            Console.Out.Flush();
            // The idle window starts after WarmUp (the runtime finishes compiling and tiering the loop first), so it
            // shows what an idle watch costs for as long as it runs; the parent idles WarmUp + the window.
            var cpu0 = self.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            using var warmUp = new Timer(_ =>
            {
                var now = Process.GetCurrentProcess().TotalProcessorTime;
                lock (self) { cpu0 = now; wall.Restart(); }
            }, null, WarmUp, Timeout.InfiniteTimeSpan);
            double? idleCpu = null;
            foreach (var p in PatternWatch.Follow(feed, count, TimeSpan.FromMinutes(10), CancellationToken.None))
            {
                var at = DateTime.UtcNow.Ticks;
                if (idleCpu == null)
                {
                    // Everything before the first save was idle watching (the writer starts after the idle window).
                    var now = Process.GetCurrentProcess().TotalProcessorTime;
                    lock (self) idleCpu = (now - cpu0).TotalMilliseconds / wall.Elapsed.TotalMilliseconds * 100;
                }
                times[p.PatternId] = at;
            }
            Console.WriteLine(ChildProcess.ResultMarker + JsonSerializer.Serialize(new { idleCpuPercent = idleCpu ?? double.NaN, received = times }));
            return 0;
        }
    }
}
