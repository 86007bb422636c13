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

        private IPatternStore Store(string backend, SyntheticOperations ops, string name)
        {
            var dir = Path.Combine(_dir, name);
            Directory.CreateDirectory(dir);
            var store = BackendDifferentialTests.Backends[backend](dir);
            using (var w = store.OpenWriter()) foreach (var p in ops.Patterns) w.Add(p);
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
