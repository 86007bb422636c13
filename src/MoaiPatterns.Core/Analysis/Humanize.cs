using System;
using System.Globalization;

namespace MoaiPatterns.Analysis
{
    /// <summary>Numbers as a person reads them, shared by the views and the anomaly explanations.</summary>
    public static class Humanize
    {
        /// <summary>850 ms, 1.2 s, 3.5 min, 2.1 h.</summary>
        public static string Duration(double ms)
        {
            var a = Math.Abs(ms);
            if (a < 1000) return Math.Round(ms).ToString("0", CultureInfo.InvariantCulture) + " ms";
            if (a < 60_000) return (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s";
            if (a < 3_600_000) return (ms / 60_000).ToString("0.0", CultureInfo.InvariantCulture) + " min";
            return (ms / 3_600_000).ToString("0.0", CultureInfo.InvariantCulture) + " h";
        }

        /// <summary>0.125 as "12.5%".</summary>
        public static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

        /// <summary>A ratio as "50×", "2.5×".</summary>
        public static string Times(double ratio) => ratio.ToString(ratio >= 10 ? "0" : "0.#", CultureInfo.InvariantCulture) + "\u00D7";

        /// <summary>A UTC day: 2025-05-03.</summary>
        public static string Day(long unixMs) => TimeBucket.ToUtc(unixMs).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>A count without decimals.</summary>
        public static string Number(double n) => n.ToString(n == Math.Floor(n) ? "0" : "0.#", CultureInfo.InvariantCulture);
    }
}
