using System.Collections.Generic;
using MoaiPatterns.Query;

namespace MoaiPatterns.Analysis
{
    /// <summary>
    /// What a backend may answer itself, faster than the engine's fallback (<see cref="PatternAnalysis"/>), which
    /// streams every matching pattern through Find. A backend without it is still exact: the fallback is the reference.
    /// </summary>
    public interface IPatternAnalysisStore
    {
        /// <summary>The statistics of <paramref name="query"/>, in the result order (<see cref="PatternStatistics.Sort"/>).</summary>
        IReadOnlyList<PatternStatistics> Measure(MeasureQuery query);

        /// <summary>The facts of every pattern matching <paramref name="filter"/> (paging ignored), streamed, in no particular order.</summary>
        IEnumerable<PatternFacts> Facts(PatternQuery filter);
    }
}
