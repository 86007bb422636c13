using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using MoaiPatterns.StressWorker;
using MoaiPatterns.Stores;
using Xunit;
using Xunit.Abstractions;

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>
    /// kill -9 a worker at a random moment during a save, a pipeline batch, compress, retention or
    /// repair; after each kill the store opens, every pattern whose save returned is whole, Find yields
    /// only whole patterns without warnings, and old leftovers are cleaned on the next open.
    /// </summary>
    public sealed class CrashSafetyTests
    {
        private static readonly string[] Scenarios = { "save", "pipeline", "compress", "retention", "repair" };
        private readonly ITestOutputHelper _out;

        public CrashSafetyTests(ITestOutputHelper output) => _out = output;

        [Theory]
        [InlineData("filesystem")]
        [InlineData("sqlite")]
        [InlineData("postgresql")]
        public void KilledWritersNeverLoseAReturnedSaveNorLeaveAPartialPattern(string backend)
        {
            using var temp = new TempStore(backend);
            var rng = new Random(backend == "sqlite" ? 6061 : 6060);
            var mustStay = new HashSet<string>(StringComparer.Ordinal);
            var killedDuring = new Dictionary<string, int>();
            var clock = Stopwatch.StartNew();
            for (var kill = 0; kill < Scale.KillsPerBackend; kill++)
            {
                var scenario = Scenarios[kill % Scenarios.Length];
                var prefix = "k" + kill;
                using var worker = StartScenario(scenario, temp.Path_, prefix);
                // Kill once the worker is inside its operation: maintenance right after its old patterns are seeded
                // (a first pass lasts tens of ms), saves at a random point after the first returned.
                var maintenance = scenario == "compress" || scenario == "retention";
                Assert.True(maintenance ? worker.WaitForLine(l => l == "# seeded", TimeSpan.FromSeconds(60)) : worker.WaitForFirstLine(TimeSpan.FromSeconds(30)),
                    $"{scenario}: no output. {worker.StdErr}");
                Thread.Sleep(rng.Next(0, maintenance ? 60 : 250));
                worker.Kill();
                var context = $"{backend} kill {kill} during {scenario}";
                Assert.True(worker.StdErr.Length == 0, context + ": worker failed before the kill: " + worker.StdErr);
                killedDuring[scenario] = killedDuring.TryGetValue(scenario, out var n) ? n + 1 : 1;

                // Retention may legitimately remove its own old patterns; everything else saved must stay.
                if (scenario != "retention") foreach (var id in worker.SavedIds) mustStay.Add(id);

                using var store = temp.Open(create: false);
                StoreChecks.AllIntact(store, worker.SavedIds.Where(mustStay.Contains), context);
                var found = StoreChecks.FindAllWhole(store, context);
                Assert.Empty(mustStay.Except(found));
                store.Release();
            }
            _out.WriteLine($"{backend}: {Scale.KillsPerBackend} kills ({string.Join(", ", killedDuring.Select(k => k.Key + " " + k.Value))}), "
                + $"{mustStay.Count} returned saves verified after every kill, {clock.Elapsed.TotalSeconds:0.0} s");

            using (var last = temp.Open(create: false))
            {
                StoreChecks.AllIntact(last, mustStay, backend + " final");
                Assert.True(last.Repair(whatIf: true).Problems.All(p => !p.Contains("unreadable", StringComparison.OrdinalIgnoreCase)));
                last.Release();
            }
            AssertLeftoversCleanedOnOpen(temp);
        }

        private static WorkerProcess StartScenario(string scenario, string store, string prefix)
        {
            switch (scenario)
            {
                case "save": return WorkerProcess.Start("save", "--store", store, "--prefix", prefix);
                case "pipeline": return WorkerProcess.Start("pipeline", "--store", store, "--prefix", prefix, "--batch", "40");
                case "compress": return WorkerProcess.Start("compress", "--store", store, "--prefix", prefix, "--seed-old", "60", "--old-ts", "2021-06-01T00:00:00Z", "--older-than", "2023-01-01T00:00:00Z", "--loop");
                case "retention": return WorkerProcess.Start("retention", "--store", store, "--prefix", prefix, "--seed-old", "60", "--old-ts", "2020-01-01T00:00:00Z", "--cutoff", "2021-01-01T00:00:00Z", "--loop");
                default: return WorkerProcess.Start("repair", "--store", store, "--prefix", prefix, "--save-between", "10", "--loop");
            }
        }

        /// <summary>Temp files older than the grace period go on the next open; SQLite's WAL is recovered into a clean file.</summary>
        private static void AssertLeftoversCleanedOnOpen(TempStore temp)
        {
            if (temp.Backend == StoreBackend.FileSystem)
            {
                var tmp = Path.Combine(temp.Path_, ".moai", "tmp");
                Directory.CreateDirectory(tmp);
                // A temp file as a killed writer leaves it (half a pattern), aged past the grace period.
                var orphan = Path.Combine(tmp, ".tmp-" + Guid.NewGuid().ToString("N"));
                File.WriteAllText(orphan, "{\"pattern_id\": \"half");
                foreach (var f in Directory.GetFiles(tmp)) File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddHours(-1));
                using (var s = temp.Open(create: false)) { }
                Assert.Empty(Directory.GetFiles(tmp));
            }
            else
            {
                // After the kills a -wal may remain; opening recovers it and the data is all there (checked above).
                using var s = temp.Open(create: false);
                Assert.True(s.Repair(whatIf: true).Healthy, string.Join("; ", s.Repair(whatIf: true).Problems));
                s.Release();
            }
        }
    }
}
