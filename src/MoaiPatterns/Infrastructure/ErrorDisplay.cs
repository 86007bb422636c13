using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MoaiPatterns.Commands
{
    /// <summary>Renderings the error-group and suggestion views (MoaiPatterns.format.ps1xml) call.</summary>
    public static class ErrorDisplay
    {
        /// <summary>A duration in milliseconds as a person reads it: 850 ms, 12.5 s, 4.2 min, 3.1 h; empty for none.</summary>
        public static string Millis(long? ms)
        {
            if (ms == null) return "";
            var v = ms.Value;
            if (v < 1000) return v.ToString(CultureInfo.InvariantCulture) + " ms";
            if (v < 60_000) return (v / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";
            if (v < 3_600_000) return (v / 60_000.0).ToString("0.0", CultureInfo.InvariantCulture) + " min";
            return (v / 3_600_000.0).ToString("0.0", CultureInfo.InvariantCulture) + " h";
        }

        public static string Percent(double rate) => (rate * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

        public static string Score(double score) => score.ToString("0.00", CultureInfo.InvariantCulture);

        /// <summary>One line per resolution: "3× restart the db (2 auto, median 1.2 s)".</summary>
        public static string Resolutions(IEnumerable<ErrorGroupResolution>? resolutions) =>
            resolutions == null ? "" : string.Join(Environment.NewLine, resolutions.Select(r =>
                r.Count.ToString(CultureInfo.InvariantCulture) + "\u00D7 " + r.Resolution + " (" +
                r.AutoResolved.ToString(CultureInfo.InvariantCulture) + " auto" +
                (r.MedianResolutionTimeMs == null ? "" : ", median " + Millis(r.MedianResolutionTimeMs)) + ")"));

        /// <summary>The group's most used resolution, for the table; empty when none was recorded.</summary>
        public static string TopResolution(ErrorGroupResolution[]? resolutions) =>
            resolutions == null || resolutions.Length == 0 ? "" : resolutions[0].Resolution;

        public static string Join(IEnumerable<string>? items) => items == null ? "" : string.Join(", ", items);
    }
}
