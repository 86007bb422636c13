using System;
using System.Collections.Generic;
using System.Linq;

namespace MoaiPatterns.Bench.Workload
{
    /// <summary>
    /// What each benchmark query must return, computed from the rows themselves (not from a store), so
    /// every timed query is also checked for exactness. Keeps a compact key per row, not the patterns.
    /// </summary>
    public sealed class ExpectedResults
    {
        private readonly List<Key> _keys = new List<Key>();

        private readonly struct Key
        {
            public Key(string id, long ms, string type, bool bothTags, bool textHit)
            {
                Id = id; Ms = ms; Type = type; BothTags = bothTags; TextHit = textHit;
            }
            public string Id { get; }
            public long Ms { get; }
            public string Type { get; }
            public bool BothTags { get; }
            public bool TextHit { get; }
        }

        public void Add(WorkloadRow row)
        {
            var both = WorkloadGenerator.TwoTags.All(t => Array.IndexOf(row.Tags, t) >= 0);
            var text = row.Type == "error_occurrence" && row.Data.Any(kv => kv.Key == "error_message" && ((string)kv.Value).StartsWith(WorkloadGenerator.TextQuery + " ", StringComparison.Ordinal));
            _keys.Add(new Key(row.Id, row.Timestamp.ToUnixTimeMilliseconds(), row.Type, both, text));
        }

        public int Count => _keys.Count;

        public IReadOnlyList<string> Ids => _keys.Select(k => k.Id).ToList();

        public long CountOfType(string type) => _keys.LongCount(k => k.Type == type);
        public long CountBothTags() => _keys.LongCount(k => k.BothTags);
        public long CountText() => _keys.LongCount(k => k.TextHit);
        public long CountSince(DateTimeOffset after) { var ms = after.ToUnixTimeMilliseconds(); return _keys.LongCount(k => k.Ms >= ms); }

        /// <summary>The first <paramref name="first"/> ids, newest first then id descending (the contract's order), of rows matching.</summary>
        public IReadOnlyList<string> Top(Func<string, bool> typeFilter, bool bothTags, int first) =>
            _keys.Where(k => typeFilter(k.Type) && (!bothTags || k.BothTags))
                .OrderByDescending(k => k.Ms).ThenByDescending(k => k.Id, StringComparer.Ordinal)
                .Take(first).Select(k => k.Id).ToList();
    }
}
