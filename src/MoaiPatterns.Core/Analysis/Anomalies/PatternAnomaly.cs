using System;
using System.Collections.Generic;

namespace MoaiPatterns
{
    /// <summary>One anomaly (Find-MoaiAnomaly; in the root namespace so scripts name it [MoaiPatterns.PatternAnomaly]): what is unusual, against what was expected, and what to do about it.</summary>
    public sealed class PatternAnomaly
    {
        public PatternAnomaly(string kind, DateTimeOffset timestamp, string? patternId, string group, double value, double expected, double score, string explanation)
        {
            Kind = kind;
            Timestamp = timestamp;
            PatternId = patternId;
            Group = group;
            Value = value;
            Expected = expected;
            Score = score;
            Explanation = explanation;
        }

        /// <summary>The detector's kind: SlowRun, FailureSpike, ErrorBurst, …</summary>
        public string Kind { get; }
        /// <summary>The pattern's time, or the start (UTC) of the day that is unusual.</summary>
        public DateTimeOffset Timestamp { get; }
        /// <summary>The pattern, where one pattern is the anomaly; else null.</summary>
        public string? PatternId { get; }
        /// <summary>The group, e.g. "type=TaskCompletion, agent=coder, task_type=api".</summary>
        public string Group { get; }
        /// <summary>What was seen (a duration in ms, a failure rate, an error count).</summary>
        public double Value { get; }
        /// <summary>What the group's history leads to expect, in the same unit.</summary>
        public double Expected { get; }
        /// <summary>How unusual: a modified z-score, or −log10 of the chance of so extreme a value at the usual rate.</summary>
        public double Score { get; }
        /// <summary>One sentence a person can act on.</summary>
        public string Explanation { get; }

        public override string ToString() => Explanation;

        /// <summary>Newest first; ties by kind, group and pattern id so every backend lists them alike.</summary>
        public static int NewestFirst(PatternAnomaly a, PatternAnomaly b)
        {
            var c = b.Timestamp.CompareTo(a.Timestamp);
            if (c == 0) c = string.CompareOrdinal(a.Kind, b.Kind);
            if (c == 0) c = string.CompareOrdinal(a.Group, b.Group);
            if (c == 0) c = string.CompareOrdinal(a.PatternId, b.PatternId);
            return c;
        }

        /// <summary>"agent=coder, task_type=api" from (seed field name, value) pairs; a missing value shows as (none).</summary>
        public static string GroupText(params (string Name, string? Value)[] parts)
        {
            var list = new List<string>();
            foreach (var (name, value) in parts) list.Add(name + "=" + (value ?? "(none)"));
            return string.Join(", ", list);
        }
    }
}
