using System;
using System.Collections.Generic;

namespace MoaiPatterns.Analysis
{
    /// <summary>
    /// One group's statistics (Measure-MoaiPattern). Every backend builds it through <see cref="Create"/> from the same
    /// raw sums and ranks, so the derived numbers (rate, mean) are computed in one place.
    /// </summary>
    public sealed class PatternStatistics
    {
        /// <summary>The -GroupBy keys, in order.</summary>
        public AnalysisKey[] GroupBy { get; private set; } = Array.Empty<AnalysisKey>();
        /// <summary>The group's value of each key (folded; Type as its PatternType name; null = the key's no-value group).</summary>
        public string?[] KeyValues { get; private set; } = Array.Empty<string?>();
        /// <summary>Bucket start (UTC) with -Interval, else null.</summary>
        public DateTimeOffset? Period { get; private set; }
        public long Count { get; private set; }
        public long Succeeded { get; private set; }
        public long Failed { get; private set; }
        /// <summary>Succeeded ÷ (Succeeded + Failed); null when both are 0.</summary>
        public double? SuccessRate { get; private set; }
        public long? DurationP50 { get; private set; }
        public long? DurationP95 { get; private set; }
        public long? DurationP99 { get; private set; }
        public double? DurationMean { get; private set; }
        public long? DurationMax { get; private set; }
        /// <summary>How many patterns had a duration.</summary>
        public long DurationCount { get; private set; }
        public long TokensUsed { get; private set; }
        public DateTimeOffset First { get; private set; }
        public DateTimeOffset Last { get; private set; }

        /// <summary>The value of one key of this group.</summary>
        public string? KeyValue(AnalysisKey key)
        {
            var i = Array.IndexOf(GroupBy, key);
            return i < 0 ? null : KeyValues[i];
        }

        public static PatternStatistics Create(AnalysisKey[] groupBy, string?[] keyValues, long? periodMs, long count, long succeeded, long failed,
            long durationCount, long durationSum, long? durationMax, long? p50, long? p95, long? p99, long tokens, long firstMs, long lastMs) =>
            new PatternStatistics
            {
                GroupBy = groupBy, KeyValues = keyValues,
                Period = periodMs == null ? (DateTimeOffset?)null : TimeBucket.ToUtc(periodMs.Value),
                Count = count, Succeeded = succeeded, Failed = failed,
                SuccessRate = succeeded + failed == 0 ? (double?)null : (double)succeeded / (succeeded + failed),
                DurationCount = durationCount,
                DurationP50 = durationCount == 0 ? null : p50,
                DurationP95 = durationCount == 0 ? null : p95,
                DurationP99 = durationCount == 0 ? null : p99,
                DurationMean = durationCount == 0 ? (double?)null : (double)durationSum / durationCount,
                DurationMax = durationCount == 0 ? null : durationMax,
                TokensUsed = tokens,
                First = TimeBucket.ToUtc(firstMs), Last = TimeBucket.ToUtc(lastMs),
            };

        /// <summary>The one result order: by the keys (no value first, then ordinal), then Period ascending.</summary>
        public static void Sort(List<PatternStatistics> list) => list.Sort((a, b) =>
        {
            var c = AnalysisKeys.Compare(a.KeyValues, b.KeyValues);
            if (c != 0) return c;
            return Nullable.Compare(a.Period, b.Period);
        });
    }
}
