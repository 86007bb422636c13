using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using MoaiPatterns.Errors;
using MoaiPatterns.Query;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// <see cref="IErrorSearch"/> over the error cache's text as read: what <see cref="InMemoryErrorSearch"/> holds
    /// (document count, words per field, document frequencies, postings newest first), built straight from the
    /// stored field words with each distinct word allocated once. A document is made
    /// (<see cref="ErrorDocument"/>) only when a lookup filters or scores it, so opening the search costs one
    /// pass over the words instead of a document, a sort and a dictionary entry per word of every error.
    /// </summary>
    internal sealed class ErrorCacheSearch : IErrorSearch
    {
        /// <summary>A resolved error: a cache line (its start, end and the start of its word fields) or a document read from its file.</summary>
        internal struct Source
        {
            public string Id;
            public long UnixMs;
            public int Start, End, WordsStart;
            public ErrorDocument? Doc;
        }

        private readonly string _text;
        private readonly Source[] _docs;  // newest first
        private readonly ErrorDocument?[] _made;
        private readonly Dictionary<string, int> _byId;
        private readonly TermTable _terms = new TermTable();
        private readonly TermTable _signatures = new TermTable();
        private int[] _df = new int[1024];
        private List<int>?[] _postings = new List<int>?[1024];
        private readonly List<List<int>> _bySignature = new List<List<int>>();
        private readonly long[] _lengths = new long[ErrorFields.Count];

        [MethodImpl(ErrorCache.Hot)]
        public ErrorCacheSearch(string text, List<Source> sources)
        {
            _text = text;
            sources.Sort((x, y) => NewestFirst.Compare(x.UnixMs, x.Id, y.UnixMs, y.Id));
            _docs = sources.ToArray();
            _made = new ErrorDocument?[_docs.Length];
            _byId = new Dictionary<string, int>(_docs.Length, StringComparer.Ordinal);
            var seenAll = new int[1024];
            var seenIndex = new int[1024];
            for (var i = 0; i < _docs.Length; i++)
            {
                _byId[_docs[i].Id] = i;
                var stamp = i + 1;
                var d = _docs[i].Doc;
                if (d != null)
                {
                    _made[i] = d;
                    for (var f = 0; f < ErrorFields.Count; f++)
                    {
                        _lengths[f] += d.FieldTerms[f].Length;
                        foreach (var w in d.FieldTerms[f]) Count(_terms.Intern(w, 0, w.Length), f, i, stamp, ref seenAll, ref seenIndex);
                    }
                    PostSignature(d.Signature, 0, d.Signature.Length, i);
                    continue;
                }
                // The five word fields, tab-separated, then the signature to the end of the line (see ErrorCache.Line).
                var p = _docs[i].WordsStart;
                for (var f = 0; f < ErrorFields.Count; f++)
                {
                    var end = text.IndexOf('\t', p, _docs[i].End - p);
                    if (end > p)
                    {
                        if (f == (int)ErrorField.Message)
                        {
                            // As string.Split(' '): every piece between spaces is a word (a field's text is never empty here).
                            var w = p;
                            for (var j = p; j <= end; j++)
                            {
                                if (j < end && text[j] != ' ') continue;
                                _lengths[f]++;
                                Count(_terms.Intern(text, w, j - w), f, i, stamp, ref seenAll, ref seenIndex);
                                w = j + 1;
                            }
                        }
                        else
                        {
                            // Type, template, file and function repeat across a store: their words are split once per distinct text.
                            var words = Words(text, p, end);
                            _lengths[f] += words.Length;
                            foreach (var t in words) Count(t, f, i, stamp, ref seenAll, ref seenIndex);
                        }
                    }
                    p = end + 1;
                }
                PostSignature(text, p, _docs[i].End - p, i);
            }
        }

        private readonly TermTable _fieldTexts = new TermTable();
        private readonly List<int[]> _fieldWords = new List<int[]>();

        /// <summary>The word ids of a field text (as string.Split(' ')), split and interned the first time the text is seen.</summary>
        private int[] Words(string text, int start, int end)
        {
            var id = _fieldTexts.Intern(text, start, end - start);
            if (id < _fieldWords.Count) return _fieldWords[id];
            var words = new List<int>();
            var w = start;
            for (var j = start; j <= end; j++)
            {
                if (j < end && text[j] != ' ') continue;
                words.Add(_terms.Intern(text, w, j - w));
                w = j + 1;
            }
            var ids = words.ToArray();
            _fieldWords.Add(ids);
            return ids;
        }

        [MethodImpl(ErrorCache.Hot)]
        private void Count(int term, int field, int doc, int stamp, ref int[] seenAll, ref int[] seenIndex)
        {
            if (term >= _df.Length)
            {
                var size = Math.Max(_df.Length * 2, term + 1);
                Array.Resize(ref _df, size);
                Array.Resize(ref _postings, size);
                Array.Resize(ref seenAll, size);
                Array.Resize(ref seenIndex, size);
            }
            if (seenAll[term] != stamp)
            {
                seenAll[term] = stamp;
                _df[term]++;
            }
            // Index words are those of every field but the raw message (ErrorDocument.IndexTerms).
            if (field != (int)ErrorField.Message && seenIndex[term] != stamp)
            {
                seenIndex[term] = stamp;
                (_postings[term] ??= new List<int>()).Add(doc);
            }
        }

        private void PostSignature(string text, int start, int length, int doc)
        {
            var id = _signatures.Intern(text, start, length);
            if (id == _bySignature.Count) _bySignature.Add(new List<int>());
            _bySignature[id].Add(doc);
        }

        public ErrorCorpusStats Statistics(IReadOnlyCollection<string> terms)
        {
            var df = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var t in terms)
            {
                var id = _terms.Find(t);
                if (id >= 0) df[t] = _df[id];
            }
            return new ErrorCorpusStats(_docs.Length, (long[])_lengths.Clone(), df);
        }

        public IEnumerable<string> NewestWithTerm(string term, int limit, PatternMatcher filter)
        {
            var id = _terms.Find(term);
            return Newest(id < 0 ? null : _postings[id], limit, filter);
        }

        public IEnumerable<string> NewestWithSignature(string signature, int limit, PatternMatcher filter)
        {
            var id = _signatures.Find(signature);
            return Newest(id < 0 ? null : _bySignature[id], limit, filter);
        }

        public IReadOnlyList<ErrorDocument> Documents(IReadOnlyCollection<string> ids)
        {
            var list = new List<ErrorDocument>(ids.Count);
            foreach (var id in ids) if (_byId.TryGetValue(id, out var i)) list.Add(Doc(i));
            return list;
        }

        private IEnumerable<string> Newest(List<int>? docs, int limit, PatternMatcher filter)
        {
            if (docs == null) yield break;
            var n = 0;
            foreach (var i in docs)
            {
                if (n >= limit) yield break;
                if (!ErrorFilter.Matches(filter, Doc(i))) continue;
                n++;
                yield return _docs[i].Id;
            }
        }

        private ErrorDocument Doc(int i)
        {
            var d = _made[i];
            if (d != null) return d;
            // The line was checked whole when the cache was read, so it parses.
            if (!ErrorCache.TryParse(_text, _docs[i].Start, _docs[i].End, out _, out _, out d))
                throw new InvalidOperationException("error cache line no longer parses");
            return _made[i] = d;
        }
    }
}
