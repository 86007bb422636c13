using System.Collections.Generic;
using MoaiPatterns.Query;

namespace MoaiPatterns.Analysis
{
    /// <summary>What Measure-MoaiPattern asks: the Find filters (paging ignored), the group keys and an optional interval.</summary>
    public sealed class MeasureQuery
    {
        public MeasureQuery(PatternQuery filter, IEnumerable<AnalysisKey>? groupBy = null, AnalysisInterval? interval = null)
        {
            Filter = filter.WithoutPaging();
            GroupBy = AnalysisKeys.Distinct(groupBy);
            Interval = interval;
        }

        public PatternQuery Filter { get; }
        public AnalysisKey[] GroupBy { get; }
        public AnalysisInterval? Interval { get; }
    }
}
