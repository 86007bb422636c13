using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MoaiPatterns.Analysis;
using MoaiPatterns.Analysis.Anomalies;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Differential;
using Xunit;
using Xunit.Abstractions;

namespace MoaiPatterns.Tests.Analysis
{
    /// <summary>
    /// The detectors on synthetic stores: steady ones must raise nothing, ones with planted anomalies must report every
    /// planted one and nothing else. Precision and recall over several seeds are written to the test output.
    /// </summary>
    public sealed class AnomalyDetectionTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-anom-" + Guid.NewGuid().ToString("N"));
        private readonly ITestOutputHelper _out;

        public AnomalyDetectionTests(ITestOutputHelper output)
        {
            _out = output;
            Directory.CreateDirectory(_dir);
        }

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        private IPatternStore Store(string backend, SyntheticOperations ops, string name) => Store(backend, ops.Patterns, name);

        private IPatternStore Store(string backend, IEnumerable<MoaiPattern> patterns, string name)
        {
            var dir = Path.Combine(_dir, name);
            Directory.CreateDirectory(dir);
            var store = BackendDifferentialTests.Backends[backend](dir);
            using (var w = store.OpenWriter()) foreach (var p in patterns) w.Add(p);
            return store;
        }

        [Fact]
        public void Planted_anomalies_are_found_and_steady_stores_raise_nothing_precision_and_recall()
        {
            int planted = 0, reported = 0, truePositives = 0, cleanAlarms = 0;
            foreach (var seed in Enumerable.Range(1, 6))
            {
                var ops = new SyntheticOperations(seed, plant: true);
                using (var store = Store("Sqlite", ops, "p" + seed))
                {
                    var found = AnomalyDetectors.Detect(store, new PatternQuery());
                    var keys = found.Select(SyntheticOperations.KeyOf).ToList();
                    planted += ops.Planted.Count;
                    reported += keys.Count;
                    truePositives += keys.Count(ops.Planted.Contains);
                    var missed = ops.Planted.Except(keys).ToList();
                    var extra = found.Where(a => !ops.Planted.Contains(SyntheticOperations.KeyOf(a))).Select(a => a.Explanation).ToList();
                    Assert.True(missed.Count == 0 && extra.Count == 0,
                        $"seed {seed}: missed [{string.Join("; ", missed)}], false alarms [{string.Join(" / ", extra)}]");
                }
                using (var store = Store("Sqlite", new SyntheticOperations(seed + 100, plant: false), "c" + seed))
                {
                    var alarms = AnomalyDetectors.Detect(store, new PatternQuery());
                    cleanAlarms += alarms.Count;
                    Assert.True(alarms.Count == 0, $"steady seed {seed + 100}: " + string.Join(" / ", alarms.Select(a => a.Explanation)));
                }
            }
            _out.WriteLine($"planted {planted}, reported {reported}, true positives {truePositives}: precision {(double)truePositives / reported:P1}, recall {(double)truePositives / planted:P1}; alarms on 6 steady stores: {cleanAlarms}");
        }

        public static IEnumerable<object[]> BackendNames() => BackendDifferentialTests.Backends.Keys.Select(b => new object[] { b });

        [Theory]
        [MemberData(nameof(BackendNames))]
        public void NewError_is_the_first_occurrence_of_a_group_the_history_never_had(string backend)
        {
            var t0 = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
            var patterns = new List<MoaiPattern>();
            MoaiPattern Error(string id, DateTimeOffset at, string type, string message) =>
                new MoaiPattern(id, PatternType.ErrorOccurrence, at, new ErrorOccurrenceData { ErrorType = type, ErrorMessage = message });
            // History: a timeout every day for three weeks, with other numbers each time.
            for (var d = 0; d < 21; d++) patterns.Add(Error("old-" + d, t0.AddDays(d), "TimeoutError", $"request {d} timed out after {1000 + d} ms"));
            // The last days: the known timeout again (a variant, not new), and a disk error never seen before, three times.
            patterns.Add(Error("again", t0.AddDays(24), "TimeoutError", "request 99 timed out after 5000 ms"));
            patterns.Add(Error("disk-1", t0.AddDays(23).AddHours(3), "IOError", "disk '/dev/sdb1' is full"));
            patterns.Add(Error("disk-2", t0.AddDays(24).AddHours(1), "IOError", "disk '/dev/sdc1' is full"));
            patterns.Add(Error("disk-3", t0.AddDays(24).AddHours(2), "IOError", "disk '/dev/sda2' is full"));
            using var store = Store(backend, patterns, "new-" + backend);

            var found = AnomalyDetectors.Detect(store, new PatternQuery(), new[] { "NewError" });
            var a = Assert.Single(found);
            Assert.Equal("NewError", a.Kind);
            Assert.Equal("disk-1", a.PatternId);
            Assert.Equal(t0.AddDays(23).AddHours(3), a.Timestamp);
            Assert.Equal(3, a.Value);
            Assert.Contains("IOError", a.Explanation);
            Assert.Contains("first seen 2026-11-24 12:00 UTC (3 times since)", a.Explanation);

            // With -After after the disk error's first day, it is history, not new; the whole store as range has no history.
            Assert.Empty(AnomalyDetectors.Detect(store, new PatternQuery { After = t0.AddDays(24) }, new[] { "NewError" }));
            Assert.Empty(AnomalyDetectors.Detect(store, new PatternQuery { After = t0.AddDays(-1) }, new[] { "NewError" }));
            // A filter that leaves errors out reports none.
            Assert.Empty(AnomalyDetectors.Detect(store, new PatternQuery { Types = new[] { PatternType.TaskCompletion } }, new[] { "NewError" }));
        }

        [Fact]
        public void Every_backend_reports_the_same_anomalies_newest_first_with_explanations()
        {
            var ops = new SyntheticOperations(7, plant: true, days: 14, runsPerDay: 6);
            var answers = new List<List<PatternAnomaly>>();
            foreach (var backend in BackendDifferentialTests.Backends.Keys)
                using (var store = Store(backend, ops, backend))
                    answers.Add(AnomalyDetectors.Detect(store, new PatternQuery()));
            var first = answers[0];
            Assert.NotEmpty(first);
            foreach (var other in answers.Skip(1))
                Assert.Equal(first.Select(a => a.Explanation), other.Select(a => a.Explanation));
            Assert.Equal(first.Select(a => a.Timestamp).OrderByDescending(t => t), first.Select(a => a.Timestamp));
            var slow = first.First(a => a.Kind == "SlowRun");
            Assert.Matches(@"^\w+ by \w+ took [\d.]+ (s|min), \d+× its median of [\d.]+ s over \d+ runs: look at pattern run\d+ for what made this run slow\.$", slow.Explanation);
            Assert.Contains(first, a => a.Kind == "ErrorBurst" && a.Explanation.Contains("its daily median of"));
            Assert.Contains(first, a => a.Kind == "FailureSpike" && a.Explanation.Contains("on its other days"));
        }

        /// <summary>Unbounded (log-normal) jitter: the SlowRun rule (z > 3.5) flags a Gaussian tail of about 2 in 10,000 runs by
        /// construction; this measures it, so the rate is a known figure rather than a surprise.</summary>
        [Fact]
        public void Slow_run_alarms_on_log_normal_jitter_stay_at_the_rules_tail_rate()
        {
            var r = new Random(42);
            var day0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var patterns = new List<MoaiPattern>();
            for (var i = 0; i < 20_000; i++)
            {
                // Box–Muller: ln(duration) ~ N(ln 2000, 0.3²).
                var z = Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
                patterns.Add(new MoaiPattern("ln" + i, PatternType.TaskCompletion, day0.AddMinutes(i),
                    new TaskCompletionData { TaskType = "build", Agent = "agent" + (i % 4), DurationMs = (long)Math.Exp(Math.Log(2000) + 0.3 * z), Success = true }));
            }
            var ops = new SyntheticOperations(1, plant: false, days: 1, runsPerDay: 0);
            ops.Patterns.Clear();
            ops.Patterns.AddRange(patterns);
            using var store = Store("Sqlite", ops, "lognormal");
            var alarms = AnomalyDetectors.Detect(store, new PatternQuery(), new[] { "SlowRun" }).Count;
            var logs = patterns.Select(p => Math.Log(1 + ((TaskCompletionData)p.Data).DurationMs!.Value)).OrderBy(x => x).ToList();
            var med = logs[logs.Count / 2];
            var mad = logs.Select(x => Math.Abs(x - med)).OrderBy(x => x).ElementAt(logs.Count / 2);
            var beyond = logs.Count(x => 0.6745 * (x - med) / mad > 3.5);
            _out.WriteLine($"(pooled over the 4 groups: {beyond} runs beyond z 3.5, max z {0.6745 * (logs[logs.Count - 1] - med) / mad:0.00})");
            _out.WriteLine($"SlowRun on 20,000 log-normal runs (sigma 0.3): {alarms} alarms ({alarms / 20_000.0:P3}); the normal tail beyond 3.5 is 0.023%");
            Assert.InRange(alarms, 0, 20);  // 0.1%: a few times the tail rate, never a flood
        }

        [Fact]
        public void Kinds_are_chosen_and_unknown_ones_refused()
        {
            var ops = new SyntheticOperations(3, plant: true, days: 14, runsPerDay: 6);
            using var store = Store("Sqlite", ops, "k");
            var bursts = AnomalyDetectors.Detect(store, new PatternQuery(), new[] { "errorburst" });
            Assert.NotEmpty(bursts);
            Assert.All(bursts, a => Assert.Equal("ErrorBurst", a.Kind));
            Assert.Throws<ArgumentException>(() => AnomalyDetectors.Detect(store, new PatternQuery(), new[] { "Nope" }));
            // A filter for types without errors or durations: nothing to find, no failure.
            Assert.Empty(AnomalyDetectors.Detect(store, new PatternQuery { Types = new[] { PatternType.UserCorrection } }));
        }

        [Fact]
        public void Distribution_tails_match_known_values()
        {
            // Binomial(10, 0.5): P(X >= 8) = 56/1024; Poisson(2): P(X >= 5) = 1 - e^-2 (1 + 2 + 2 + 4/3 + 2/3).
            Assert.Equal(56.0 / 1024, Distributions.BinomialUpperTail(8, 10, 0.5), 12);
            Assert.Equal(1 - Math.Exp(-2) * 7, Distributions.PoissonUpperTail(5, 2), 12);
            Assert.Equal(1.0, Distributions.BinomialUpperTail(0, 10, 0.3));
            Assert.Equal(Math.Log(24), Distributions.LogGamma(5), 12);
        }
    }
}
