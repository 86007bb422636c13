using System;
using System.Collections.Generic;

namespace MoaiPatterns.Bench.Workload
{
    /// <summary>
    /// One generated pattern in a neutral shape (no engine types), so the cmdlet host, which must not
    /// reference the engine, builds exactly the same rows as the engine benchmark.
    /// </summary>
    public sealed class WorkloadRow
    {
        public string Id { get; set; } = "";
        /// <summary>The seed's wire name: task_completion, error_occurrence, agent_usage, user_correction.</summary>
        public string Type { get; set; } = "";
        public DateTimeOffset Timestamp { get; set; }
        /// <summary>The seed's data fields in order: string, long, double, bool or string[] values.</summary>
        public List<KeyValuePair<string, object>> Data { get; } = new List<KeyValuePair<string, object>>();
        public string ProjectName { get; set; } = "";
        public string Environment { get; set; } = "";
        public string[] Tags { get; set; } = Array.Empty<string>();

        /// <summary>ISO 8601 as the seed writes it (seconds precision is not enough: milliseconds keep ids apart in order).</summary>
        public string TimestampText => Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
    }
}
