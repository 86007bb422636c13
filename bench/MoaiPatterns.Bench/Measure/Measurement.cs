using System.Collections.Generic;
using System.Linq;

namespace MoaiPatterns.Bench.Measure
{
    /// <summary>One operation's values over the repeated runs (one value per run), summarised as median/min/max.</summary>
    public sealed class Measurement
    {
        public string Suite { get; set; } = "";     // engine, cmdlet, baseline
        public string Backend { get; set; } = "";   // FileSystem, Sqlite
        public int N { get; set; }
        public string Operation { get; set; } = "";
        public string Unit { get; set; } = "";      // ms, ms/op, patterns/s, bytes, MB
        public List<double> Values { get; set; } = new List<double>();
        public double Median => Stats.Median(Values);
        public double Min => Values.Count == 0 ? double.NaN : Values.Min();
        public double Max => Values.Count == 0 ? double.NaN : Values.Max();
    }

    public static class Stats
    {
        public static double Median(IReadOnlyList<double> values)
        {
            if (values.Count == 0) return double.NaN;
            var sorted = values.OrderBy(v => v).ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }
}
