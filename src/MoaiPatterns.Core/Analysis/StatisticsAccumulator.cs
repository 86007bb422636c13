using System;
using System.Collections.Generic;
using System.Linq;

namespace MoaiPatterns.Analysis
{
    /// <summary>
    /// Statistics from a stream of <see cref="PatternFacts"/>: memory grows with the number of groups, plus the durations
    /// each group needs for exact percentiles (8 bytes a duration), never with whole patterns.
    /// </summary>
    public sealed class StatisticsAccumulator
    {
        private readonly MeasureQuery _query;
        private readonly Dictionary<string, Group> _groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        private readonly string?[] _current;

        public StatisticsAccumulator(MeasureQuery query)
        {
            _query = query;
            _current = new string?[query.GroupBy.Length];
        }

        public void Add(PatternFacts f)
        {
            long? period = _query.Interval == null ? (long?)null : TimeBucket.Start(f.UnixMs, _query.Interval.Value);
            AddCombinations(f, period, 0);
        }

        private void AddCombinations(PatternFacts f, long? period, int depth)
        {
            if (depth == _current.Length)
            {
                var id = Id(_current, period);
                if (!_groups.TryGetValue(id, out var g))
                {
                    g = new Group((string?[])_current.Clone(), period);
                    _groups.Add(id, g);
                }
                g.Add(f);
                return;
            }
            foreach (var v in AnalysisKeys.Values(f, _query.GroupBy[depth]))
            {
                _current[depth] = v;
                AddCombinations(f, period, depth + 1);
            }
        }

        /// <summary>An unambiguous text id of a group: each value length-prefixed (null as "-").</summary>
        private static string Id(string?[] values, long? period)
        {
            var parts = values.Select(v => v == null ? "-" : v.Length + ":" + v);
            return string.Join("|", parts) + "@" + (period?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        /// <summary>The statistics of every group, in the result order.</summary>
        public List<PatternStatistics> Results()
        {
            var list = _groups.Values.Select(g => g.ToStatistics(_query.GroupBy)).ToList();
            PatternStatistics.Sort(list);
            return list;
        }

        private sealed class Group
        {
            private readonly string?[] _keys;
            private readonly long? _period;
            private readonly List<long> _durations = new List<long>();
            private long _count, _succeeded, _failed, _durationSum, _tokens;
            private long _first = long.MaxValue, _last = long.MinValue;

            public Group(string?[] keys, long? period)
            {
                _keys = keys;
                _period = period;
            }

            public void Add(PatternFacts f)
            {
                _count++;
                if (f.Success == true) _succeeded++;
                else if (f.Success == false) _failed++;
                if (f.DurationMs != null)
                {
                    _durations.Add(f.DurationMs.Value);
                    _durationSum += f.DurationMs.Value;
                }
                if (f.TokensUsed != null) _tokens += f.TokensUsed.Value;
                if (f.UnixMs < _first) _first = f.UnixMs;
                if (f.UnixMs > _last) _last = f.UnixMs;
            }

            public PatternStatistics ToStatistics(AnalysisKey[] groupBy)
            {
                _durations.Sort();
                var n = _durations.Count;
                long? P(int p) => n == 0 ? (long?)null : Percentile.NearestRank(_durations, p);
                return PatternStatistics.Create(groupBy, _keys, _period, _count, _succeeded, _failed, n, _durationSum,
                    n == 0 ? (long?)null : _durations[n - 1], P(50), P(95), P(99), _tokens, _first, _last);
            }
        }
    }
}
