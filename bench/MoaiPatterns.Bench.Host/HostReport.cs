using System.Collections.Generic;

namespace MoaiPatterns.Bench.Host
{
    /// <summary>What one cmdlet run sends back to the main benchmark (one JSON line on stdout).</summary>
    public sealed class HostReport
    {
        public List<HostMeasurement> Measurements { get; set; } = new List<HostMeasurement>();
        /// <summary>The count each timed step returned (patterns found, removed …), checked by the main benchmark.</summary>
        public Dictionary<string, long> Counts { get; set; } = new Dictionary<string, long>();
        public List<string> Failures { get; set; } = new List<string>();

        public void Add(string operation, string unit, double value) =>
            Measurements.Add(new HostMeasurement { Operation = operation, Unit = unit, Value = value });
    }

    public sealed class HostMeasurement
    {
        public string Operation { get; set; } = "";
        public string Unit { get; set; } = "";
        public double Value { get; set; }
    }
}
