using System;

namespace MoaiPatterns.Analysis
{
    /// <summary>-Interval: bucket widths, all in UTC.</summary>
    public enum AnalysisInterval
    {
        Hour,
        Day,
        /// <summary>ISO week: Monday 00:00 UTC.</summary>
        Week,
        /// <summary>The 1st of the month, 00:00 UTC.</summary>
        Month,
    }

    /// <summary>The start of the UTC bucket holding an instant; the one rule SQL backends reproduce (and the property test checks).</summary>
    public static class TimeBucket
    {
        public const long HourMs = 3_600_000L;
        public const long DayMs = 24 * HourMs;
        public const long WeekMs = 7 * DayMs;
        /// <summary>1970-01-01 was a Thursday: Mondays are 4 days after a multiple of 7 days (3 days before).</summary>
        public const long MondayShiftMs = 3 * DayMs;

        public static long Start(long unixMs, AnalysisInterval interval)
        {
            switch (interval)
            {
                case AnalysisInterval.Hour: return Floor(unixMs, HourMs);
                case AnalysisInterval.Day: return Floor(unixMs, DayMs);
                case AnalysisInterval.Week: return Floor(unixMs + MondayShiftMs, WeekMs) - MondayShiftMs;
                case AnalysisInterval.Month:
                    var t = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
                    return new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
                default: throw new ArgumentOutOfRangeException(nameof(interval));
            }
        }

        /// <summary>The start of the bucket after the one starting at <paramref name="startMs"/>.</summary>
        public static long Next(long startMs, AnalysisInterval interval)
        {
            switch (interval)
            {
                case AnalysisInterval.Hour: return startMs + HourMs;
                case AnalysisInterval.Day: return startMs + DayMs;
                case AnalysisInterval.Week: return startMs + WeekMs;
                default: return DateTimeOffset.FromUnixTimeMilliseconds(startMs).AddMonths(1).ToUnixTimeMilliseconds();
            }
        }

        public static DateTimeOffset ToUtc(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);

        private static long Floor(long value, long width)
        {
            var r = value % width;
            return r < 0 ? value - r - width : value - r;
        }
    }
}
