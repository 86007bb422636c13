using System.Collections.Generic;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Analysis.Anomalies
{
    /// <summary>
    /// One kind of anomaly. A detector reads the store through the analysis entry points (<see cref="PatternAnalysis.Facts"/>,
    /// <see cref="PatternAnalysis.Measure"/>) or Find, never by loading the store; a new kind is one more class listed in
    /// <see cref="AnomalyDetectors.All"/>, and Find-MoaiAnomaly -Kind accepts it from then on.
    /// </summary>
    public interface IAnomalyDetector
    {
        /// <summary>The -Kind name and <see cref="PatternAnomaly.Kind"/>.</summary>
        string Kind { get; }

        /// <summary>The anomalies among the patterns matching <paramref name="filter"/> (paging ignored), in any order.</summary>
        IEnumerable<PatternAnomaly> Detect(IPatternStore store, PatternQuery filter);
    }
}
