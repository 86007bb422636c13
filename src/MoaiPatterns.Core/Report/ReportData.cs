using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Analysis;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Report
{
    /// <summary>
    /// Everything the report shows, as the analysis engine computes it (<see cref="PatternStatistics"/> from
    /// <see cref="StatisticsAccumulator"/> or a backend's own Measure): the report draws these numbers and computes none.
    /// </summary>
    public sealed class ReportData
    {
        public string Title { get; set; } = HtmlReport.DefaultTitle;
        /// <summary>Where the patterns came from (the store's address), shown in the header.</summary>
        public string? Source { get; set; }
        public PatternQuery Filter { get; set; } = PatternQuery.All;
        public DateTimeOffset Generated { get; set; }
        /// <summary>The -Interval of the time charts (chosen from the range when not given).</summary>
        public AnalysisInterval Interval { get; set; }
        /// <summary>All matching patterns together; Count 0 means the "no patterns" page.</summary>
        public PatternStatistics? Overall { get; set; }
        public IReadOnlyList<PatternStatistics> ByType { get; set; } = Array.Empty<PatternStatistics>();
        public IReadOnlyList<PatternStatistics> OverTime { get; set; } = Array.Empty<PatternStatistics>();
        public IReadOnlyList<PatternStatistics> ByAgent { get; set; } = Array.Empty<PatternStatistics>();
        /// <summary>Error occurrences by error type (null when the filter excludes errors).</summary>
        public IReadOnlyList<PatternStatistics>? ErrorsByType { get; set; }
        /// <summary>User corrections by correction type and severity (null when the filter excludes corrections).</summary>
        public IReadOnlyList<PatternStatistics>? CorrectionsByTypeAndSeverity { get; set; }

        public long Count => Overall?.Count ?? 0;

        /// <summary>
        /// Measures everything the report needs from <paramref name="store"/>. A backend with its own Measure answers each
        /// question itself; otherwise the matching patterns are streamed once and fed to every accumulator together.
        /// Without an <paramref name="interval"/>, the one that gives at most about 120 periods over the matched range is used.
        /// </summary>
        public static ReportData Measure(IPatternStore store, PatternQuery filter, AnalysisInterval? interval, DateTimeOffset now)
        {
            if (store == null) throw new ArgumentNullException(nameof(store));
            filter = (filter ?? PatternQuery.All).WithoutPaging();
            var intervals = interval != null ? new[] { interval.Value } : AutoCandidates;

            var overall = new MeasureQuery(filter);
            var byType = new MeasureQuery(filter, new[] { AnalysisKey.Type });
            var byAgent = new MeasureQuery(filter, new[] { AnalysisKey.Agent });
            var errors = Restricted(filter, PatternType.ErrorOccurrence, AnalysisKey.ErrorType);
            var corrections = Restricted(filter, PatternType.UserCorrection, AnalysisKey.CorrectionType, AnalysisKey.Severity);
            var overTime = intervals.Select(i => new MeasureQuery(filter, null, i)).ToArray();

            var all = new List<MeasureQuery> { overall, byType, byAgent };
            if (errors != null) all.Add(errors);
            if (corrections != null) all.Add(corrections);
            all.AddRange(overTime);
            var results = MeasureAll(store, all);

            var data = new ReportData
            {
                Filter = filter,
                Generated = now,
                Overall = results[overall].FirstOrDefault(),
                ByType = results[byType],
                ByAgent = results[byAgent],
                ErrorsByType = errors == null ? null : results[errors],
                CorrectionsByTypeAndSeverity = corrections == null ? null : results[corrections],
            };
            var chosen = interval != null ? overTime[0] : overTime.FirstOrDefault(q => results[q].Count <= MaxAutoPeriods) ?? overTime[overTime.Length - 1];
            data.Interval = chosen.Interval!.Value;
            data.OverTime = results[chosen];
            return data;
        }

        /// <summary>The auto interval: the finest of these that keeps the time charts readable.</summary>
        private static readonly AnalysisInterval[] AutoCandidates = { AnalysisInterval.Day, AnalysisInterval.Week, AnalysisInterval.Month };
        private const int MaxAutoPeriods = 120;

        /// <summary>The filter narrowed to one pattern type, grouped by keys; null when the filter's types exclude it.</summary>
        private static MeasureQuery? Restricted(PatternQuery filter, PatternType type, params AnalysisKey[] keys)
        {
            if (filter.Types != null && filter.Types.Count > 0 && !filter.Types.Contains(type)) return null;
            var narrowed = filter.WithoutPaging();
            narrowed.Types = new[] { type };
            return new MeasureQuery(narrowed, keys);
        }

        private static Dictionary<MeasureQuery, IReadOnlyList<PatternStatistics>> MeasureAll(IPatternStore store, IReadOnlyList<MeasureQuery> queries)
        {
            var results = new Dictionary<MeasureQuery, IReadOnlyList<PatternStatistics>>();
            if (store is IPatternAnalysisStore)
            {
                foreach (var q in queries) results[q] = store.Measure(q);
                return results;
            }
            // One pass for all: every query shares the report's filter, narrowed at most to one type.
            var accumulators = queries.Select(q => new StatisticsAccumulator(q)).ToArray();
            var only = queries.Select(q => q.Filter.Types != null && q.Filter.Types.Count == 1 ? q.Filter.Types.First() : (PatternType?)null).ToArray();
            foreach (var f in store.Facts(queries[0].Filter))
            {
                for (var i = 0; i < accumulators.Length; i++)
                {
                    if (only[i] == null || only[i] == f.Type) accumulators[i].Add(f);
                }
            }
            for (var i = 0; i < queries.Count; i++) results[queries[i]] = accumulators[i].Results();
            return results;
        }
    }
}
