using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Analysis.Anomalies
{
    /// <summary>
    /// ErrorBurst: a UTC day on which an error type occurred far more often than its daily median. The days are every day
    /// from the start of the range (-After, else the first error) to the last error, days without that error counting 0;
    /// at least 7 days are needed. "Far" is a Poisson control limit: expecting max(median, 1) a day, the chance of at least
    /// that day's count must be below 1% divided by the number of (type, day) pairs tested (Bonferroni), and the count at
    /// least 3× the expectation, so an ordinary busy day (or a noisy type) does not alarm.
    /// </summary>
    public sealed class ErrorBurstDetector : IAnomalyDetector
    {
        public const int MinDays = 7;
        public const double MinRatio = 3;
        public const double FamilyAlpha = 0.01;

        public string Kind => "ErrorBurst";

        public IEnumerable<PatternAnomaly> Detect(IPatternStore store, PatternQuery filter)
        {
            if (filter.Types != null && filter.Types.Count > 0 && !filter.Types.Contains(PatternType.ErrorOccurrence)) yield break;
            var errors = filter.WithoutPaging();
            errors.Types = new[] { PatternType.ErrorOccurrence };
            var stats = store.Measure(new MeasureQuery(errors, new[] { AnalysisKey.ErrorType }, AnalysisInterval.Day));
            if (stats.Count == 0) yield break;
            var first = filter.After != null ? TimeBucket.Start(IsoTimestamp.ToUnixMs(filter.After.Value), AnalysisInterval.Day)
                                             : stats.Min(s => s.Period!.Value.ToUnixTimeMilliseconds());
            var last = stats.Max(s => s.Period!.Value.ToUnixTimeMilliseconds());
            var days = (int)((last - first) / TimeBucket.DayMs) + 1;
            if (days < MinDays) yield break;
            var byType = stats.GroupBy(s => s.KeyValues[0] ?? "\u0000").ToList();
            var alpha = FamilyAlpha / ((double)byType.Count * days);
            foreach (var type in byType)
            {
                var counts = type.ToDictionary(s => s.Period!.Value.ToUnixTimeMilliseconds(), s => s.Count);
                var series = Enumerable.Range(0, days).Select(i => counts.TryGetValue(first + i * TimeBucket.DayMs, out var c) ? (double)c : 0.0).ToList();
                series.Sort();
                var median = Percentile.Median(series);
                var expected = Math.Max(median, 1);
                foreach (var day in type)
                {
                    var c = day.Count;
                    if (c < MinRatio * expected) continue;
                    var chance = Distributions.PoissonUpperTail(c, expected);
                    if (chance >= alpha) continue;
                    var name = day.KeyValues[0] ?? "errors without a type";
                    var text = $"{name} occurred {c} times on {Humanize.Day(day.Period!.Value.ToUnixTimeMilliseconds())}, " +
                               $"{Humanize.Times(c / expected)} its daily median of {Humanize.Number(median)} over {days} days: look at that day's {name} messages for what changed.";
                    yield return new PatternAnomaly(Kind, day.Period!.Value, null, PatternAnomaly.GroupText(("error_type", day.KeyValues[0])),
                        c, median, -Math.Log10(Math.Max(chance, 1e-300)), text);
                }
            }
        }
    }
}
