using System;
using System.Collections.Generic;
using System.Globalization;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Query
{
    /// <summary>The reference semantics of <see cref="PatternQuery"/> for backends that filter in memory.</summary>
    public sealed class PatternMatcher
    {
        private readonly PatternQuery _query;
        private readonly string[] _tags;
        private readonly string[] _terms;
        private readonly long? _afterMs;
        private readonly long? _beforeMs;

        public PatternMatcher(PatternQuery query)
        {
            _query = query;
            _tags = NormalizeTags(query.Tags);
            _terms = TextSearch.QueryTerms(query.Text);
            _afterMs = query.After == null ? (long?)null : IsoTimestamp.ToUnixMs(query.After.Value);
            _beforeMs = query.Before == null ? (long?)null : IsoTimestamp.ToUnixMs(query.Before.Value);
        }

        public static string NormalizeTag(string tag) => tag.ToLowerInvariant();

        public static string[] NormalizeTags(IEnumerable<string>? tags)
        {
            var list = new List<string>();
            if (tags != null) foreach (var t in tags) { var n = NormalizeTag(t); if (!list.Contains(n)) list.Add(n); }
            return list.ToArray();
        }

        /// <summary>True when the type alone can rule a pattern out (useful before reading it).</summary>
        public bool TypeMatches(PatternType type) => _query.Types == null || _query.Types.Count == 0 || Contains(_query.Types, type);

        public bool TimeMatches(long unixMs) => (_afterMs == null || unixMs >= _afterMs) && (_beforeMs == null || unixMs < _beforeMs);

        public bool Matches(MoaiPattern p)
        {
            if (!TypeMatches(p.PatternType)) return false;
            if (!TimeMatches(IsoTimestamp.ToUnixMs(p.Timestamp))) return false;
            if (_query.Agent != null && !string.Equals(p.Agent, _query.Agent, StringComparison.OrdinalIgnoreCase)) return false;
            if (_tags.Length > 0)
            {
                var have = NormalizeTags(p.Tags);
                foreach (var t in _tags) if (Array.IndexOf(have, t) < 0) return false;
            }
            return TextSearch.Matches(p, _terms);
        }

        private static bool Contains(IReadOnlyCollection<PatternType> types, PatternType t)
        {
            foreach (var x in types) if (x == t) return true;
            return false;
        }
    }

    /// <summary>Newest first by UTC millisecond, then pattern id descending (ordinal): the order every backend returns.</summary>
    public sealed class NewestFirst : IComparer<MoaiPattern>
    {
        public static readonly NewestFirst Instance = new NewestFirst();

        public int Compare(MoaiPattern? x, MoaiPattern? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x == null) return 1;
            if (y == null) return -1;
            var c = IsoTimestamp.ToUnixMs(y.Timestamp).CompareTo(IsoTimestamp.ToUnixMs(x.Timestamp));
            return c != 0 ? c : string.CompareOrdinal(y.PatternId, x.PatternId);
        }
    }
}
