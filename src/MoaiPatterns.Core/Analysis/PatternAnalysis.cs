using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Analysis
{
    /// <summary>The analysis entry points on any store: the backend's own answer when it has one, else the engine's from Find.</summary>
    public static class PatternAnalysis
    {
        public static IReadOnlyList<PatternStatistics> Measure(this IPatternStore store, MeasureQuery query) =>
            store is IPatternAnalysisStore own ? own.Measure(query) : MeasureByFind(store, query);

        public static IEnumerable<PatternFacts> Facts(this IPatternStore store, PatternQuery filter) =>
            store is IPatternAnalysisStore own ? own.Facts(filter) : FactsByFind(store, filter);

        /// <summary>The reference: every matching pattern streamed through the accumulator, one at a time.</summary>
        public static IReadOnlyList<PatternStatistics> MeasureByFind(IPatternStore store, MeasureQuery query) =>
            MeasureFacts(FactsByFind(store, query.Filter), query);

        public static List<PatternStatistics> MeasureFacts(IEnumerable<PatternFacts> facts, MeasureQuery query)
        {
            var acc = new StatisticsAccumulator(query);
            foreach (var f in facts) acc.Add(f);
            return acc.Results();
        }

        public static IEnumerable<PatternFacts> FactsByFind(IPatternStore store, PatternQuery filter) =>
            store.Find(filter.WithoutPaging()).Select(PatternFacts.Of);
    }
}
