using System;
using System.Collections.Generic;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Query
{
    /// <summary>
    /// The reference semantics of <see cref="PatternQuery"/>: a query compared with a pattern's
    /// <see cref="PatternKeys"/>. Backends that filter in memory call it; SQL backends translate the same
    /// comparisons over the same stored keys, and the differential test holds them to this class.
    /// </summary>
    public sealed class PatternMatcher
    {
        private readonly PatternQuery _query;
        private readonly string[] _tags;
        private readonly string[] _words;
        private readonly string? _agent;
        private readonly long? _afterMs;
        private readonly long? _beforeMs;

        public PatternMatcher(PatternQuery query)
        {
            _query = query;
            _tags = Folding.FoldDistinct(query.Tags);
            _words = Folding.QueryWords(query.Text);
            _agent = query.Agent == null ? null : Folding.Fold(query.Agent);
            _afterMs = query.After == null ? (long?)null : IsoTimestamp.ToUnixMs(query.After.Value);
            _beforeMs = query.Before == null ? (long?)null : IsoTimestamp.ToUnixMs(query.Before.Value);
        }

        /// <summary>The query's tags, folded and distinct (what a backend looks up).</summary>
        public string[] Tags => _tags;

        /// <summary>The query's words, folded and distinct: each must begin some word of the pattern.</summary>
        public string[] Words => _words;

        /// <summary>The query's agent, folded, or null.</summary>
        public string? Agent => _agent;

        public long? AfterMs => _afterMs;

        public long? BeforeMs => _beforeMs;

        /// <summary>True when only type and time are asked (a backend can answer without reading content).</summary>
        public bool NeedsContent => _tags.Length > 0 || _agent != null || _words.Length > 0;

        /// <summary>True when the type alone can rule a pattern out (useful before reading it).</summary>
        public bool TypeMatches(PatternType type) => _query.Types == null || _query.Types.Count == 0 || Contains(_query.Types, type);

        public bool TimeMatches(long unixMs) => (_afterMs == null || unixMs >= _afterMs) && (_beforeMs == null || unixMs < _beforeMs);

        /// <summary>The same answer as <see cref="Matches(PatternKeys)"/> on the pattern's keys, computing only the
        /// keys the query compares (a type or time query serializes nothing; words are found only for -Text).</summary>
        public bool Matches(MoaiPattern p)
        {
            if (!TypeMatches(p.PatternType) || !TimeMatches(IsoTimestamp.ToUnixMs(p.Timestamp))) return false;
            if (!NeedsContent) return true;
            if (_words.Length > 0) return Matches(PatternKeys.Of(p));
            return AgentAndTagsMatch(PatternKeys.FoldAgent(p.Agent), PatternKeys.FoldTags(p.Tags));
        }

        public bool Matches(PatternKeys k)
        {
            if (!TypeMatches(k.Type)) return false;
            if (!TimeMatches(k.UnixMs)) return false;
            if (!AgentAndTagsMatch(k.Agent, k.Tags)) return false;
            foreach (var w in _words) if (!AnyStartsWith(k.Words, w)) return false;
            return true;
        }

        /// <summary>True when the query compares words (-Text): only the pattern's content can answer it.</summary>
        public bool NeedsWords => _words.Length > 0;

        /// <summary>The agent and tag comparisons alone, on stored keys (folded agent, folded distinct tags): what an
        /// index that keeps those keys can answer without reading the pattern.</summary>
        public bool AgentAndTagsMatch(string? agent, string[] tags)
        {
            if (_agent != null && !string.Equals(agent, _agent, StringComparison.Ordinal)) return false;
            foreach (var t in _tags) if (Array.IndexOf(tags, t) < 0) return false;
            return true;
        }

        private static bool AnyStartsWith(string[] words, string prefix)
        {
            foreach (var w in words) if (w.StartsWith(prefix, StringComparison.Ordinal)) return true;
            return false;
        }

        private static bool Contains(IReadOnlyCollection<PatternType> types, PatternType t)
        {
            foreach (var x in types) if (x == t) return true;
            return false;
        }
    }

    /// <summary>
    /// Newest first by UTC millisecond, then pattern id descending: the order every backend returns.
    /// Ids are ASCII (a validation rule), so ordinal order here equals SQL's binary collation.
    /// </summary>
    public sealed class NewestFirst : IComparer<MoaiPattern>
    {
        public static readonly NewestFirst Instance = new NewestFirst();

        public int Compare(MoaiPattern? x, MoaiPattern? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x == null) return 1;
            if (y == null) return -1;
            return Compare(IsoTimestamp.ToUnixMs(x.Timestamp), x.PatternId, IsoTimestamp.ToUnixMs(y.Timestamp), y.PatternId);
        }

        /// <summary>The order on (UTC ms, id) pairs, for backends that sort before reading patterns.</summary>
        public static int Compare(long xMs, string xId, long yMs, string yId)
        {
            var c = yMs.CompareTo(xMs);
            return c != 0 ? c : string.CompareOrdinal(yId, xId);
        }
    }
}
