using System.Collections.Generic;

namespace MoaiPatterns.Errors
{
    internal static class NearestRank
    {
        /// <summary>The smallest value v with at least half of the values ≤ v; null for none.</summary>
        public static long? Median(List<long> values)
        {
            if (values.Count == 0) return null;
            values.Sort();
            var rank = (values.Count + 1) / 2;  // ceil(0.5 * n)
            return values[rank - 1];
        }
    }
}
