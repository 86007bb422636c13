using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using MoaiPatterns.Analysis;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// Answers a query by walking date folders newest first: folders outside After/Before (with a
    /// one-day margin for the original's local-clock folders) are never opened, types are ruled out
    /// by file name, index entries give exact time and id without reading, and a file is read only
    /// when it is emitted (or when the index does not know it); the index's facts (folded tags and agent) rule files
    /// out without reading them, so only -Text needs content. A heap holds at most a few folders'
    /// candidates: an item is emitted once no unread folder can hold anything newer.
    /// </summary>
    internal sealed class QueryWalker
    {
        private readonly StoreLayout _layout;
        private readonly FileSystemIndex _index;
        private readonly Action<StoreWarning> _warn;
        private readonly PatternQuery _query;
        private readonly PatternMatcher _matcher;
        private readonly long? _afterMs;
        private readonly long? _beforeMs;
        private readonly RawTextFilter? _filter;
        private readonly object _warnLock = new object();

        /// <summary>Files read at once when every candidate is emitted (no content filter); the batch is emitted in order.</summary>
        private const int ReadAheadPlain = 128;

        /// <summary>Files read at once when a content filter may reject them (bounds the reads wasted past First).</summary>
        private const int ReadAheadFiltered = 32;

        private readonly FolderListings _listings;

        public QueryWalker(StoreLayout layout, FileSystemIndex index, Action<StoreWarning> warn, PatternQuery query, FolderListings listings)
        {
            _layout = layout;
            _listings = listings;
            _index = index;
            _warn = w => { lock (_warnLock) warn(w); }; // reads run on several threads
            _query = query;
            _matcher = new PatternMatcher(query);
            _afterMs = query.After == null ? (long?)null : IsoTimestamp.ToUnixMs(query.After.Value);
            _beforeMs = query.Before == null ? (long?)null : IsoTimestamp.ToUnixMs(query.Before.Value);
            var filter = new RawTextFilter(_matcher);
            _filter = filter.IsActive ? filter : null;
        }

        public IEnumerable<MoaiPattern> Find()
        {
            var skip = _query.Skip;
            var left = _query.First ?? long.MaxValue;
            if (left <= 0) yield break;
            var heap = new BinaryHeap<FindCandidate>(CandidateOrder.Instance);
            var batch = new List<FindCandidate>();
            var loaded = new List<MoaiPattern?>();
            foreach (var (safeFrom, candidates) in Horizons())
            {
                foreach (var c in candidates) heap.Push(c);
                while (heap.Count > 0 && heap.Peek().UnixMs >= safeFrom)
                {
                    TakeBatch(heap, safeFrom, Needed(skip, left), batch);
                    MaterializeAll(batch, loaded);
                    foreach (var p in loaded)
                    {
                        if (p == null) continue;
                        if (skip > 0) { skip--; continue; }
                        yield return p;
                        if (--left == 0) yield break;
                    }
                }
            }
        }

        /// <summary>
        /// Each folder's candidates with the instant from which the buffered ones may be emitted
        /// (unread folders are older: nothing they hold is at or after day+1); then everything left.
        /// </summary>
        private IEnumerable<(long SafeFrom, List<FindCandidate> Candidates)> Horizons()
        {
            foreach (var (day, candidates) in Folders())
                yield return (day.MaxUnixMsExclusive - (long)TimeSpan.FromDays(1).TotalMilliseconds, candidates);
            yield return (long.MinValue, new List<FindCandidate>());
        }

        private static long Needed(long skip, long left) => left > long.MaxValue - skip ? long.MaxValue : skip + left;

        /// <summary>The next candidates in order (all at or after safeFrom), at most what may still be needed.</summary>
        private void TakeBatch(BinaryHeap<FindCandidate> heap, long safeFrom, long needed, List<FindCandidate> batch)
        {
            batch.Clear();
            var max = NeedsContent ? ReadAheadFiltered : (int)Math.Min(ReadAheadPlain, Math.Max(1, needed));
            while (batch.Count < max && heap.Count > 0 && heap.Peek().UnixMs >= safeFrom) batch.Add(heap.Pop());
        }

        /// <summary>Reads a batch of files on several threads; results stay in the batch's order.</summary>
        private void MaterializeAll(List<FindCandidate> batch, List<MoaiPattern?> loaded)
        {
            loaded.Clear();
            if (batch.Count < 4)
            {
                foreach (var c in batch) loaded.Add(Materialize(c));
                return;
            }
            var results = new MoaiPattern?[batch.Count];
            Parallel.For(0, batch.Count, i => results[i] = Materialize(batch[i]));
            loaded.AddRange(results);
        }

        public long Count()
        {
            long n = 0;
            foreach (var (_, candidates) in Folders())
                foreach (var c in candidates)
                    if (c.Certain || Materialize(c) != null) n++;
            return n;
        }

        /// <summary>
        /// The facts of every match, in folder order: from the index when it knows them (no file read), else from
        /// the file. What Measure, trends and anomalies read on this backend.
        /// </summary>
        public IEnumerable<PatternFacts> Facts()
        {
            var uncertain = new List<FindCandidate>();
            var loaded = new List<MoaiPattern?>();
            foreach (var (_, candidates) in Folders())
            {
                uncertain.Clear();
                foreach (var c in candidates)
                {
                    if (c.Certain && c.Facts != null) yield return c.Facts;
                    else uncertain.Add(c);
                }
                MaterializeAll(uncertain, loaded);
                foreach (var p in loaded)
                    if (p != null) yield return PatternFacts.Of(p);
            }
        }

        /// <summary>Files may be read and then rejected (a text filter, or tags/agent the index could not answer).</summary>
        private bool NeedsContent => _matcher.NeedsWords || (_matcher.NeedsContent && _uncertainSeen);

        private bool _uncertainSeen;

        /// <summary>The pattern of a candidate, if it is still readable and matches every filter.</summary>
        private MoaiPattern? Materialize(FindCandidate c)
        {
            var p = c.Loaded ?? PatternFileReader.TryRead(c.FullPath, _warn, c.Certain ? null : _filter); // the prefilter only pays when the file may not match
            if (p == null) return null;
            if (p.PatternId != c.Id)
            {
                _warn(PatternFileReader.IdMismatch(c.FullPath, c.Id, p.PatternId));
                return null;
            }
            if (!_matcher.Matches(p)) return null;
            return p;
        }

        private IEnumerable<(DayFolder, List<FindCandidate>)> Folders()
        {
            DateTime? minDate = _query.After == null ? (DateTime?)null : _query.After.Value.UtcDateTime.Date.AddDays(-2);
            DateTime? maxDate = _query.Before == null ? (DateTime?)null : _query.Before.Value.UtcDateTime.Date.AddDays(1);
            foreach (var day in StoreScanner.DayFolders(_layout.Root, newestFirst: true, minDate, maxDate))
            {
                if (_afterMs != null && day.MaxUnixMsExclusive <= _afterMs) yield break;
                if (_beforeMs != null && day.MinUnixMs >= _beforeMs) continue;
                yield return (day, Candidates(day));
            }
        }

        private List<FindCandidate> Candidates(DayFolder day)
        {
            var list = new List<FindCandidate>();
            var strays = new List<string>();
            var names = _listings.PatternFileNames(day.FullPath, strays);
            if (names.Count == 0 && strays.Count == 0) return list;
            HashSet<string>? nameSet = null; // built only for a file the index does not know (rare)
            var prefix = _layout.RelativePath(day.FullPath) + "/";
            foreach (var name in names)
            {
                if (!StoreLayout.TryParseType(name, out var type) || !_matcher.TypeMatches(type)) continue;
                AddCandidate(list, day, prefix, name, names, ref nameSet);
            }
            // Files named by hand or another tool: the type is unknown until read (Repair renames them).
            foreach (var name in strays) AddCandidate(list, day, prefix, name, names, ref nameSet);
            return list;
        }

        private void AddCandidate(List<FindCandidate> list, DayFolder day, string prefix, string name, List<string> names, ref HashSet<string>? nameSet)
        {
            var rel = prefix + name;
            var id = _index.IdAt(rel);
            if (id == null)
            {
                nameSet ??= new HashSet<string>(names, StringComparer.Ordinal);
                if (!nameSet.Contains(StoreLayout.Twin(name))) id = _index.IdAt(StoreLayout.Twin(rel));
            }
            var entry = id == null ? null : _index.Find(id);
            if (entry != null)
            {
                if (!_matcher.TypeMatches(entry.Type) || !_matcher.TimeMatches(entry.UnixMs)) return;
                // The index's facts answer tags and agent without reading the file; only -Text needs the content.
                var facts = entry.Facts;
                if (facts != null && !_matcher.AgentAndTagsMatch(facts.Agent, facts.Tags)) return;
                var certain = !_matcher.NeedsContent || (facts != null && !_matcher.NeedsWords);
                if (!certain) _uncertainSeen = true;
                list.Add(new FindCandidate(entry.UnixMs, id!, day.FullPath, name, null, certain, facts));
                return;
            }
            _uncertainSeen = true;
            var full = Path.Combine(day.FullPath, name);
            var p = PatternFileReader.TryRead(full, _warn);
            if (p == null || !_matcher.Matches(p)) return;
            var known = _index.Find(p.PatternId);
            if (known != null && known.Path != rel && _layout.TryFullPath(known.Path, out var knownFull) && File.Exists(knownFull)) return; // a stale second copy
            list.Add(new FindCandidate(IsoTimestamp.ToUnixMs(p.Timestamp), p.PatternId, day.FullPath, name, p, certain: true, facts: null));
        }
    }
}
