using System;
using System.Collections.Generic;

namespace MoaiPatterns.Analysis
{
    /// <summary>Nearest-rank percentiles: the smallest value v with at least p% of the values ≤ v (exact, no interpolation).</summary>
    public static class Percentile
    {
        /// <summary>The 1-based rank of the p-th percentile among n sorted values: ceil(p·n/100), at least 1. SQL backends use the same integer formula.</summary>
        public static long Rank(long n, int p)
        {
            if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
            var k = (p * n + 99) / 100;
            return k < 1 ? 1 : k;
        }

        /// <summary>The p-th percentile of values sorted ascending.</summary>
        public static long NearestRank(IReadOnlyList<long> sorted, int p) => sorted[(int)(Rank(sorted.Count, p) - 1)];

        /// <summary>The nearest-rank median of unsorted values (sorted in place); null for none. Resolution times use it.</summary>
        public static long? NearestRankMedian(List<long> values)
        {
            if (values.Count == 0) return null;
            values.Sort();
            return NearestRank(values, 50);
        }

        /// <summary>The median of values sorted ascending (the mean of the two middle ones for an even count).</summary>
        public static double Median(IReadOnlyList<double> sorted)
        {
            var n = sorted.Count;
            if (n == 0) throw new ArgumentOutOfRangeException(nameof(sorted));
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        }
    }
}
