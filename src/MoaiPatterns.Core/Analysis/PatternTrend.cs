using System;
using System.Collections.Generic;
using System.Linq;

namespace MoaiPatterns.Analysis
{
    /// <summary>What Measure-MoaiPatternTrend follows over the periods.</summary>
    public enum TrendMetric
    {
        DurationP50,
        DurationP95,
        SuccessRate,
        Count,
    }

    public enum TrendDirection
    {
        None,
        Increasing,
        Decreasing,
    }

    /// <summary>One group's trend (Measure-MoaiPatternTrend).</summary>
    public sealed class PatternTrend
    {
        /// <summary>Fewer periods than this never get a direction, whatever the p-value.</summary>
        public const int MinPeriodsForDirection = 8;
        public const double Significance = 0.05;

        public AnalysisKey[] GroupBy { get; private set; } = Array.Empty<AnalysisKey>();
        public string?[] KeyValues { get; private set; } = Array.Empty<string?>();
        public TrendMetric Metric { get; private set; }
        /// <summary>Periods in which the metric has a value.</summary>
        public int Periods { get; private set; }
        public DateTimeOffset From { get; private set; }
        public DateTimeOffset To { get; private set; }
        public TrendDirection Direction { get; private set; }
        /// <summary>Theil–Sen slope of the metric per day (metric units: ms, a rate 0–1, or patterns); null with one period.</summary>
        public double? SlopePerDay { get; private set; }
        /// <summary>Two-sided Mann–Kendall p-value; null with fewer than 3 periods.</summary>
        public double? PValue { get; private set; }
        /// <summary>The metric per period, oldest first (what the slope and the test were computed from).</summary>
        public IReadOnlyList<double> Values { get; private set; } = Array.Empty<double>();

        public static double? MetricOf(PatternStatistics s, TrendMetric metric)
        {
            switch (metric)
            {
                case TrendMetric.DurationP50: return s.DurationP50;
                case TrendMetric.DurationP95: return s.DurationP95;
                case TrendMetric.SuccessRate: return s.SuccessRate;
                case TrendMetric.Count: return s.Count;
                default: throw new ArgumentOutOfRangeException(nameof(metric));
            }
        }

        /// <summary>Trends from per-period statistics in the result order (keys, then Period): one per group.</summary>
        public static List<PatternTrend> FromStatistics(IEnumerable<PatternStatistics> statistics, TrendMetric metric)
        {
            var list = new List<PatternTrend>();
            List<PatternStatistics>? current = null;
            foreach (var s in statistics)
            {
                if (current != null && AnalysisKeys.Compare(current[0].KeyValues, s.KeyValues) != 0)
                {
                    Add(list, current, metric);
                    current = null;
                }
                (current ??= new List<PatternStatistics>()).Add(s);
            }
            if (current != null) Add(list, current, metric);
            return list;
        }

        private static void Add(List<PatternTrend> list, List<PatternStatistics> group, TrendMetric metric)
        {
            var points = group.Where(s => s.Period != null && MetricOf(s, metric) != null)
                .Select(s => (Ms: s.Period!.Value.ToUnixTimeMilliseconds(), Y: MetricOf(s, metric)!.Value)).ToList();
            if (points.Count == 0) return;
            var x = points.Select(p => p.Ms / (double)TimeBucket.DayMs).ToList();
            var y = points.Select(p => p.Y).ToList();
            var (s, p) = TrendTests.MannKendall(y);
            var direction = points.Count >= MinPeriodsForDirection && p != null && p.Value < Significance && s != 0
                ? (s > 0 ? TrendDirection.Increasing : TrendDirection.Decreasing) : TrendDirection.None;
            list.Add(new PatternTrend
            {
                GroupBy = group[0].GroupBy, KeyValues = group[0].KeyValues, Metric = metric, Periods = points.Count,
                From = TimeBucket.ToUtc(points[0].Ms), To = TimeBucket.ToUtc(points[points.Count - 1].Ms),
                Direction = direction, SlopePerDay = TrendTests.TheilSenSlope(x, y), PValue = p, Values = y,
            });
        }
    }
}
