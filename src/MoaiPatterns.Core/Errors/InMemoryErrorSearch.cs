using System;
using System.Collections.Generic;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Errors
{
    /// <summary>
    /// <see cref="IErrorSearch"/> over documents held in memory: the reference every backend is compared with,
    /// the search of a store without an error index of its own, and the filesystem's error cache once loaded.
    /// </summary>
    public sealed class InMemoryErrorSearch : IErrorSearch
    {
        private readonly Dictionary<string, List<ErrorDocument>> _byTerm = new Dictionary<string, List<ErrorDocument>>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<ErrorDocument>> _bySignature = new Dictionary<string, List<ErrorDocument>>(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _df = new Dictionary<string, long>(StringComparer.Ordinal);
        private readonly Dictionary<string, ErrorDocument> _byId = new Dictionary<string, ErrorDocument>(StringComparer.Ordinal);
        private readonly long[] _lengths = new long[ErrorFields.Count];
        private long _documents;
        private bool _sorted = true;

        public InMemoryErrorSearch(IEnumerable<ErrorDocument> documents)
        {
            // Posted newest first, so every posting list is in order without sorting it.
            var list = new List<ErrorDocument>();
            foreach (var d in documents) if (d.IsResolved) list.Add(d);
            list.Sort((x, y) => NewestFirst.Compare(x.UnixMs, x.PatternId, y.UnixMs, y.PatternId));
            foreach (var d in list) Add(d);
            _sorted = true;
        }

        /// <summary>Every resolved error of a store, read through its Find (the fallback for stores without an error index).</summary>
        public static InMemoryErrorSearch FromStore(IPatternStore store)
        {
            var docs = new List<ErrorDocument>();
            foreach (var p in store.Find(new PatternQuery { Types = new[] { PatternType.ErrorOccurrence } }))
            {
                var d = ErrorDocument.Of(p);
                if (d != null && d.IsResolved) docs.Add(d);
            }
            return new InMemoryErrorSearch(docs);
        }

        /// <summary>Adds a resolved document (others are ignored).</summary>
        public void Add(ErrorDocument d)
        {
            if (!d.IsResolved) return;
            _documents++;
            _byId[d.PatternId] = d;
            for (var f = 0; f < ErrorFields.Count; f++) _lengths[f] += d.FieldTerms[f].Length;
            foreach (var t in d.DistinctTerms) _df[t] = _df.TryGetValue(t, out var n) ? n + 1 : 1;
            foreach (var t in d.IndexTerms) Post(_byTerm, t, d);
            Post(_bySignature, d.Signature, d);
            _sorted = false;
        }

        private static void Post(Dictionary<string, List<ErrorDocument>> map, string key, ErrorDocument d)
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = new List<ErrorDocument>();
            list.Add(d);
        }

        public ErrorCorpusStats Statistics(IReadOnlyCollection<string> terms)
        {
            var df = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var t in terms) if (_df.TryGetValue(t, out var n)) df[t] = n;
            return new ErrorCorpusStats(_documents, (long[])_lengths.Clone(), df);
        }

        public IEnumerable<string> NewestWithTerm(string term, int limit, PatternMatcher filter) => Newest(_byTerm, term, limit, filter);

        public IEnumerable<string> NewestWithSignature(string signature, int limit, PatternMatcher filter) => Newest(_bySignature, signature, limit, filter);

        public IReadOnlyList<ErrorDocument> Documents(IReadOnlyCollection<string> ids)
        {
            var list = new List<ErrorDocument>(ids.Count);
            foreach (var id in ids) if (_byId.TryGetValue(id, out var d)) list.Add(d);
            return list;
        }

        private IEnumerable<string> Newest(Dictionary<string, List<ErrorDocument>> map, string key, int limit, PatternMatcher filter)
        {
            if (!_sorted) Sort();
            if (!map.TryGetValue(key, out var list)) yield break;
            var n = 0;
            foreach (var d in list)
            {
                if (n >= limit) yield break;
                if (!ErrorFilter.Matches(filter, d)) continue;
                n++;
                yield return d.PatternId;
            }
        }

        private void Sort()
        {
            Comparison<ErrorDocument> newest = (x, y) => NewestFirst.Compare(x.UnixMs, x.PatternId, y.UnixMs, y.PatternId);
            foreach (var l in _byTerm.Values) l.Sort(newest);
            foreach (var l in _bySignature.Values) l.Sort(newest);
            _sorted = true;
        }
    }
}
