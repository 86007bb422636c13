using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MoaiPatterns.Analysis;
using MoaiPatterns.Query;
using MoaiPatterns.Tests.Differential;
using Xunit;

namespace MoaiPatterns.Tests.Analysis
{
    /// <summary>Theil–Sen and Mann–Kendall against values computed independently (the textbook formulas in Python's math.erfc),
    /// and trends end to end on both backends.</summary>
    public sealed class TrendTestsTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-trend-" + Guid.NewGuid().ToString("N"));

        public TrendTestsTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        [Theory]
        [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 45, 8.303070332644999e-05)]
        [InlineData(new double[] { 1, 2, 2, 3, 3, 3, 4, 5, 5, 1 }, 23, 0.043134047617136906)]  // ties
        [InlineData(new double[] { 5, 3, 4, 3, 2, 2, 1, 1, 0 }, -31, 0.001472782846766125)]
        public void Mann_Kendall_matches_the_formula_with_tie_correction(double[] y, long s, double p)
        {
            var (actualS, actualP) = TrendTests.MannKendall(y);
            Assert.Equal(s, actualS);
            Assert.Equal(p, actualP!.Value, 6);  // relative to the erfc approximation's 1.2e-7
        }

        [Fact]
        public void Mann_Kendall_of_a_flat_or_short_series()
        {
            Assert.Equal(1.0, TrendTests.MannKendall(new double[] { 3, 3, 3, 3 }).PValue);
            Assert.Null(TrendTests.MannKendall(new double[] { 1, 2 }).PValue);
        }

        [Fact]
        public void Theil_Sen_ignores_an_outlier_and_works_in_days()
        {
            var x = Enumerable.Range(0, 11).Select(i => (double)i).ToList();
            var y = x.Select(v => 2 * v + 1).ToList();
            y[7] = 1000;
            Assert.Equal(2.0, TrendTests.TheilSenSlope(x, y));
            Assert.Null(TrendTests.TheilSenSlope(new double[] { 1 }, new double[] { 5 }));
        }

        public static IEnumerable<object[]> BackendNames() => BackendDifferentialTests.Backends.Keys.Select(b => new object[] { b });

        [Theory]
        [MemberData(nameof(BackendNames))]
        public void A_steadily_slower_agent_is_Increasing_a_steady_one_None_and_seven_days_never_decide(string backend)
        {
            using var store = BackendDifferentialTests.Backends[backend](_dir);
            var day0 = new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero);
            var r = new Random(5);
            var n = 0;
            using (var w = store.OpenWriter())
                for (var d = 0; d < 12; d++)
                    for (var k = 0; k < 5; k++)
                    {
                        var at = day0.AddDays(d).AddHours(1 + k);
                        w.Add(new MoaiPattern("s" + n++, PatternType.TaskCompletion, at, new TaskCompletionData { TaskType = "build", Agent = "slow", DurationMs = 1000 + 100 * d + r.Next(50), Success = true }));
                        w.Add(new MoaiPattern("f" + n++, PatternType.TaskCompletion, at, new TaskCompletionData { TaskType = "build", Agent = "flat", DurationMs = 1000 + r.Next(400), Success = true }));
                    }
            var trends = PatternTrend.FromStatistics(store.Measure(new MeasureQuery(new PatternQuery(), new[] { AnalysisKey.Agent }, AnalysisInterval.Day)), TrendMetric.DurationP50);
            var slow = trends.Single(t => t.KeyValues[0] == "slow");
            Assert.Equal(TrendDirection.Increasing, slow.Direction);
            Assert.Equal(12, slow.Periods);
            Assert.InRange(slow.SlopePerDay!.Value, 90, 110);
            Assert.True(slow.PValue < 0.001);
            Assert.Equal(TrendDirection.None, trends.Single(t => t.KeyValues[0] == "flat").Direction);

            // The same rise over 7 days: significant, but too few periods to name a direction.
            var week = PatternTrend.FromStatistics(store.Measure(new MeasureQuery(new PatternQuery { Agent = "slow", Before = day0.AddDays(7) }, null, AnalysisInterval.Day)), TrendMetric.DurationP50);
            Assert.True(week.Single().PValue < 0.05);
            Assert.Equal(TrendDirection.None, week.Single().Direction);
        }
    }
}
