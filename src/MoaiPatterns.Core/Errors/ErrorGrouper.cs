using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Query;

namespace MoaiPatterns.Errors
{
    /// <summary>
    /// Folds a stream of error documents into groups by <see cref="ErrorDocument.Signature"/>; memory grows
    /// with the groups (and their distinct agents, files and resolution times), not with the patterns.
    /// </summary>
    public sealed class ErrorGrouper
    {
        public const int MaxSamples = 5;

        private readonly Dictionary<string, Acc> _groups = new Dictionary<string, Acc>(StringComparer.Ordinal);

        public void Add(ErrorDocument doc)
        {
            if (!_groups.TryGetValue(doc.Signature, out var g)) _groups[doc.Signature] = g = new Acc(doc);
            g.Add(doc);
        }

        public void Add(MoaiPattern pattern)
        {
            var doc = ErrorDocument.Of(pattern);
            if (doc != null) Add(doc);
        }

        /// <summary>The error groups of the patterns <paramref name="filter"/> matches in <paramref name="store"/> (Group-MoaiError, the report).</summary>
        public static List<ErrorGroup> Group(Stores.IPatternStore store, PatternQuery filter)
        {
            var query = filter.WithoutPaging();
            query.Types = new[] { PatternType.ErrorOccurrence };
            var grouper = new ErrorGrouper();
            foreach (var p in store.Find(query)) grouper.Add(p);
            return grouper.Result();
        }

        /// <summary>The groups, largest first (then most recently seen, then signature).</summary>
        public List<ErrorGroup> Result() =>
            _groups.Values.Select(a => a.ToGroup())
                .OrderByDescending(g => g.Count).ThenByDescending(g => g.LastSeen.UtcTicks)
                .ThenBy(g => g.Signature, StringComparer.Ordinal).ToList();

        private sealed class Acc
        {
            private readonly ErrorDocument _first;
            private long _count, _minMs = long.MaxValue, _maxMs = long.MinValue;
            private readonly SortedSet<string> _agents = new SortedSet<string>(StringComparer.Ordinal);
            private readonly SortedSet<string> _files = new SortedSet<string>(StringComparer.Ordinal);
            private readonly Dictionary<string, ResolutionAcc> _resolutions = new Dictionary<string, ResolutionAcc>(StringComparer.Ordinal);
            private readonly List<(long Ms, string Id)> _samples = new List<(long, string)>();

            public Acc(ErrorDocument first) => _first = first;

            public void Add(ErrorDocument d)
            {
                _count++;
                _minMs = Math.Min(_minMs, d.UnixMs);
                _maxMs = Math.Max(_maxMs, d.UnixMs);
                if (d.Agent != null) _agents.Add(d.Agent);
                if (!string.IsNullOrEmpty(d.FilePath)) _files.Add(d.FilePath!);
                if (d.Resolution != null)
                {
                    if (!_resolutions.TryGetValue(d.Resolution, out var r)) _resolutions[d.Resolution] = r = new ResolutionAcc();
                    r.Count++;
                    if (d.AutoResolved == true) r.Auto++;
                    if (d.ResolutionTimeMs != null) r.Times.Add(d.ResolutionTimeMs.Value);
                }
                _samples.Add((d.UnixMs, d.PatternId));
                if (_samples.Count > MaxSamples * 4) TrimSamples();
            }

            private void TrimSamples()
            {
                _samples.Sort((x, y) => NewestFirst.Compare(x.Ms, x.Id, y.Ms, y.Id));
                if (_samples.Count > MaxSamples) _samples.RemoveRange(MaxSamples, _samples.Count - MaxSamples);
            }

            public ErrorGroup ToGroup()
            {
                TrimSamples();
                return new ErrorGroup
                {
                    Signature = _first.Signature,
                    ErrorType = _first.ErrorType,
                    Template = _first.Template,
                    Count = _count,
                    FirstSeen = DateTimeOffset.FromUnixTimeMilliseconds(_minMs),
                    LastSeen = DateTimeOffset.FromUnixTimeMilliseconds(_maxMs),
                    Agents = _agents.ToArray(),
                    Files = _files.ToArray(),
                    Resolutions = _resolutions.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                        .Select(kv => new ErrorGroupResolution
                        {
                            Resolution = kv.Key, Count = kv.Value.Count, AutoResolved = kv.Value.Auto,
                            MedianResolutionTimeMs = Analysis.Percentile.NearestRankMedian(kv.Value.Times),
                        }).ToArray(),
                    SampleIds = _samples.Select(s => s.Id).ToArray(),
                };
            }
        }

        private sealed class ResolutionAcc
        {
            public long Count, Auto;
            public readonly List<long> Times = new List<long>();
        }
    }
}
