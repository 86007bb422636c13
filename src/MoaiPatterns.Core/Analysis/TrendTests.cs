using System;
using System.Collections.Generic;

namespace MoaiPatterns.Analysis
{
    /// <summary>The trend statistics: Theil–Sen slope and the two-sided Mann–Kendall test with tie correction.</summary>
    public static class TrendTests
    {
        /// <summary>Above this many points the slopes of a deterministic, evenly spread subset of the pairs are used (memory stays ~16 MB).</summary>
        public const int MaxExactPairs = 2_000_000;

        /// <summary>Theil–Sen: the median of the slopes (y_j − y_i)/(x_j − x_i) over all pairs with different x; null with fewer than 2 such points.</summary>
        public static double? TheilSenSlope(IReadOnlyList<double> x, IReadOnlyList<double> y)
        {
            var n = x.Count;
            long pairs = (long)n * (n - 1) / 2;
            var stride = pairs <= MaxExactPairs ? 1 : (int)Math.Ceiling(pairs / (double)MaxExactPairs);
            var slopes = new List<double>((int)Math.Min(pairs, MaxExactPairs) + 1);
            long k = 0;
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++, k++)
                {
                    if (stride > 1 && k % stride != 0) continue;
                    var dx = x[j] - x[i];
                    if (dx != 0) slopes.Add((y[j] - y[i]) / dx);
                }
            if (slopes.Count == 0) return null;
            slopes.Sort();
            return Percentile.Median(slopes);
        }

        /// <summary>Mann–Kendall over a series in time order: S, and the two-sided p-value of the normal approximation with the
        /// tie-corrected variance and continuity correction; p is null with fewer than 3 points, 1 when the variance is 0.</summary>
        public static (long S, double? PValue) MannKendall(IReadOnlyList<double> y)
        {
            var n = y.Count;
            long s = 0;
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++)
                    s += Math.Sign(y[j] - y[i]);
            if (n < 3) return (s, null);
            var ties = new Dictionary<double, long>();
            foreach (var v in y) ties[v] = ties.TryGetValue(v, out var c) ? c + 1 : 1;
            double tieTerm = 0;
            foreach (var t in ties.Values) tieTerm += t * (t - 1.0) * (2 * t + 5.0);
            var variance = (n * (n - 1.0) * (2 * n + 5.0) - tieTerm) / 18.0;
            if (variance <= 0) return (s, 1.0);
            var z = s > 0 ? (s - 1) / Math.Sqrt(variance) : s < 0 ? (s + 1) / Math.Sqrt(variance) : 0.0;
            return (s, Math.Min(1.0, 2 * NormalUpperTail(Math.Abs(z))));
        }

        /// <summary>P(Z ≥ z) for a standard normal Z: erfc(z/√2)/2.</summary>
        public static double NormalUpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

        /// <summary>Complementary error function (Chebyshev fit, fractional error below 1.2e-7 everywhere).</summary>
        public static double Erfc(double x)
        {
            var z = Math.Abs(x);
            var t = 1.0 / (1.0 + 0.5 * z);
            var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
            return x >= 0 ? r : 2.0 - r;
        }
    }
}
