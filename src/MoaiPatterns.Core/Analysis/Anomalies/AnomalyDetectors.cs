using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Analysis.Anomalies
{
    /// <summary>The registered detectors, and running some of them.</summary>
    public static class AnomalyDetectors
    {
        /// <summary>Every kind Find-MoaiAnomaly knows, in the order they run.</summary>
        public static readonly IReadOnlyList<IAnomalyDetector> All = new IAnomalyDetector[]
        {
            new SlowRunDetector(),
            new FailureSpikeDetector(),
            new ErrorBurstDetector(),
            new NewErrorDetector(),
        };

        public static IReadOnlyList<string> Kinds => All.Select(d => d.Kind).ToList();

        /// <summary>The detector of a kind (case-insensitive), or null.</summary>
        public static IAnomalyDetector? Find(string kind) =>
            All.FirstOrDefault(d => string.Equals(d.Kind, kind, StringComparison.OrdinalIgnoreCase));

        /// <summary>The anomalies of the given kinds (all when none), newest first.</summary>
        public static List<PatternAnomaly> Detect(IPatternStore store, PatternQuery filter, IEnumerable<string>? kinds = null)
        {
            var wanted = kinds == null ? All : kinds.Select(k => Find(k) ?? throw new ArgumentException("Unknown anomaly kind '" + k + "'.", nameof(kinds))).Distinct().ToList();
            if (wanted.Count == 0) wanted = All;
            var list = new List<PatternAnomaly>();
            foreach (var d in wanted) list.AddRange(d.Detect(store, filter.WithoutPaging()));
            list.Sort(PatternAnomaly.NewestFirst);
            return list;
        }
    }
}
