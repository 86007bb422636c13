using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// Follows the index journal (<see cref="IndexJournal"/>) by offset. Writers append to it only under the store
    /// lock, one batch after another, so its line order is the commit order. The feed keeps its generation's journal
    /// open: a checkpoint (compaction, a rebuild, Repair) renames a new journal into place under the lock, after which
    /// the old file never grows, so the feed reads the old one to its end and then goes on at the new one's first line
    /// (the new header names the generation it replaced; one checkpoint further back is kept as index.journal.prev; a
    /// longer gap is reported, never papered over). Lines that only move a file (Compress) are no saves. A set line is
    /// written before its file is renamed into place: a file not there yet is read again after taking the lock once
    /// (its writer has then finished). Saves made by the original Python library never reach the journal: a feed
    /// cannot see them and says so once when it notices that index.json changed under it.
    /// </summary>
    internal sealed class FileSystemPatternFeed : IPatternFeed
    {
        public const string PositionPrefix = "fs:";
        /// <summary>Journal bytes one read takes at most (about 4,000 lines), so a lagging feed's batches stay bounded.</summary>
        private const int MaxBytesPerRead = 1 << 20;

        private readonly FileSystemPatternStore _store;
        private readonly StoreLayout _layout;
        private readonly PatternMatcher _matcher;
        private readonly ChangeWaker _waker;
        private readonly List<StoreWarning> _warnings = new List<StoreWarning>();
        private FileStream _journal = null!; // set by the constructor (OpenAtEnd / OpenAt)
        private string _generation = "";
        private long _offset;
        private FileStamp _export;
        private FileStamp _pathStamp;
        private FileStamp? _foreignIndexJson, _warnedIndexJson;
        private Stopwatch? _foreignSince;
        private static readonly TimeSpan ForeignGrace = TimeSpan.FromSeconds(1);
        private byte[] _buffer = new byte[64 * 1024];

        public FileSystemPatternFeed(FileSystemPatternStore store, PatternQuery filter, string? resumeFrom)
        {
            _store = store;
            _layout = store.Layout;
            _matcher = new PatternMatcher(filter ?? throw new ArgumentNullException(nameof(filter)));
            if (resumeFrom == null) OpenAtEnd();
            else OpenAt(resumeFrom);
            _waker = new ChangeWaker(_layout.PrivateDir, "*");
        }

        public string Position => PositionPrefix + _generation + ":" + _offset.ToString(CultureInfo.InvariantCulture);

        /// <summary>"Now": the current journal, past its last complete line.</summary>
        private void OpenAtEnd()
        {
            for (var attempt = 0; ; attempt++)
            {
                _store.EnsureIndexForFeed();
                var fs = TryOpen(_layout.JournalPath);
                var headerBytes = 0;
                var header = fs == null ? null : IndexJournal.ReadHeader(fs, out headerBytes);
                if (fs == null || header == null)
                {
                    fs?.Dispose();
                    if (attempt < 5) continue; // replaced or removed between the rebuild and the open
                    throw new StoreCorruptException(_layout.Root, $"its index journal '{_layout.JournalPath}' cannot be read; run Repair-MoaiPatternStore.");
                }
                Adopt(fs, header, headerBytes);
                var skipped = new List<IndexChange>();
                while (ReadTail(_journal, skipped) > 0) skipped.Clear(); // before "now": only the export marks matter
                return;
            }
        }

        private void OpenAt(string position)
        {
            var parts = position.StartsWith(PositionPrefix, StringComparison.Ordinal) ? position.Substring(PositionPrefix.Length).Split(':') : new string[0];
            if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                throw new ArgumentException($"'{position}' is not a change-feed position of a filesystem store.", nameof(position));
            _store.EnsureIndexForFeed();
            foreach (var path in new[] { _layout.JournalPath, _layout.PreviousJournalPath })
            {
                var fs = TryOpen(path);
                if (fs == null) continue;
                var header = IndexJournal.ReadHeader(fs, out var headerBytes);
                if (header != null && header.Generation == parts[0] && offset >= headerBytes && offset <= fs.Length)
                {
                    Adopt(fs, header, offset);
                    if (path != _layout.JournalPath) _pathStamp = FileStamp.Absent; // the current journal is another: follow it next
                    return;
                }
                fs.Dispose();
            }
            throw new ArgumentException($"The position '{position}' is no longer in the store's index journal (it was checkpointed twice since).", nameof(position));
        }

        private void Adopt(FileStream fs, IndexJournal.Header header, long offset)
        {
            _journal?.Dispose();
            _journal = fs;
            _generation = header.Generation;
            _offset = offset;
            _export = header.Export;
            _pathStamp = FileStamp.Of(_layout.JournalPath);
        }

        private static FileStream? TryOpen(string path)
        {
            try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None); }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException) { return null; }
        }

        public IReadOnlyList<MoaiPattern> ReadNext()
        {
            if (!Directory.Exists(_layout.Root)) throw new StoreRemovedException(_layout.Root);
            while (true)
            {
                var changes = new List<IndexChange>();
                var read = ReadTail(_journal, changes);
                var atEnd = read < MaxBytesPerRead;
                if (atEnd) FollowCheckpoint(changes); // at the end of this generation: did another begin?
                var found = changes.Count == 0 ? new List<MoaiPattern>() : Resolve(changes);
                if (found.Count > 0 || atEnd) return found; // empty only when nothing new is left, not when the filter emptied a full read
            }
        }

        /// <summary>Appends the complete lines after the offset (at most <see cref="MaxBytesPerRead"/>); returns the bytes consumed.</summary>
        private int ReadTail(FileStream fs, List<IndexChange> into)
        {
            var length = fs.Length;
            if (length <= _offset) return 0;
            var want = (int)Math.Min(length - _offset, MaxBytesPerRead);
            if (_buffer.Length < want) _buffer = new byte[want];
            fs.Position = _offset;
            var n = 0;
            while (n < want)
            {
                var got = fs.Read(_buffer, n, want - n);
                if (got == 0) break;
                n += got;
            }
            var before = into.Count;
            var consumed = IndexJournal.ParseLines(_buffer, n, _layout, into);
            _offset += consumed;
            for (var i = before; i < into.Count; i++)
                if (into[i].Export is FileStamp e) _export = e;
            return consumed;
        }

        private void FollowCheckpoint(List<IndexChange> changes)
        {
            var stamp = FileStamp.Of(_layout.JournalPath);
            if (!stamp.Exists)
            {
                // The store is being deleted, or its index was (by hand): the next writer rebuilds the index before it
                // journals its save, and this feed follows that new generation (reporting that it has no past). A feed
                // never writes here itself: it must not bring back a folder someone is removing.
                if (!Directory.Exists(_layout.Root)) throw new StoreRemovedException(_layout.Root);
                return;
            }
            if (stamp == _pathStamp) { CheckIndexJson(); return; }
            var fs = TryOpen(_layout.JournalPath);
            var header = fs == null ? null : IndexJournal.ReadHeader(fs, out _);
            if (fs == null || header == null) { fs?.Dispose(); return; } // mid-replacement or unreadable: the next poll looks again
            if (header.Generation == _generation)
            {
                fs.Dispose();
                _pathStamp = stamp;
                CheckIndexJson();
                return;
            }
            // A checkpoint replaced our journal under the lock: nothing more is appended to it; read it to its end.
            while (ReadTail(_journal, changes) > 0) { }
            if (header.Previous != _generation && !ReadPrevious(header.Previous, changes))
                _warnings.Add(new StoreWarning(_layout.JournalPath,
                    $"The watch fell behind the store's index by more than two checkpoints (compaction, rebuild or repair); saves committed in between may not have been shown. It goes on from the store's current index."));
            IndexJournal.ReadHeader(fs, out var headerBytes);
            Adopt(fs, header, headerBytes);
            while (ReadTail(_journal, changes) > 0 && changes.Count < 4096) { }
        }

        /// <summary>The journal kept by the last checkpoint, when it is the one between ours and the current one.</summary>
        private bool ReadPrevious(string generation, List<IndexChange> changes)
        {
            var fs = TryOpen(_layout.PreviousJournalPath);
            if (fs == null) return false;
            using (fs)
            {
                var header = IndexJournal.ReadHeader(fs, out var headerBytes);
                if (header == null || header.Generation != generation || header.Previous != _generation) return false;
                var own = (_journal, _offset);
                _journal = fs;
                _offset = headerBytes;
                try { while (ReadTail(fs, changes) > 0) { } }
                finally { (_journal, _offset) = own; }
                return true;
            }
        }

        /// <summary>index.json rewritten by someone who did not journal it (the original library saved): said once per file seen.</summary>
        private void CheckIndexJson()
        {
            var now = FileStamp.Of(_layout.IndexPath);
            if (now == _export || !now.Exists) { _foreignIndexJson = null; return; }
            // A module writer renames index.json into place and journals its mark right after, under the lock: only a
            // difference that outlasts a second is someone else's.
            if (_foreignIndexJson != now) { _foreignIndexJson = now; _foreignSince = Stopwatch.StartNew(); return; }
            if (_foreignSince!.Elapsed >= ForeignGrace && _warnedIndexJson != now)
            {
                _warnedIndexJson = now;
                _warnings.Add(new StoreWarning(_layout.IndexPath,
                    $"The index '{_layout.IndexPath}' was changed outside this module (the original Python library saved into the store?): saves made that way are not shown by a watch."));
            }
        }

        /// <summary>The journal's saves as patterns: a pattern saved several times in this batch once, at its last save;
        /// removed ones not at all; moves (Compress) only update where to read.</summary>
        private List<MoaiPattern> Resolve(List<IndexChange> changes)
        {
            var saves = new List<KeyValuePair<string, IndexEntry>?>();
            var at = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var c in changes)
            {
                if (c.Export != null) continue;
                var known = at.TryGetValue(c.Id, out var i);
                if (c.Entry != null && c.Moved)
                {
                    if (known) saves[i] = new KeyValuePair<string, IndexEntry>(c.Id, c.Entry);
                    continue;
                }
                if (known) { saves[i] = null; at.Remove(c.Id); }
                if (c.Entry == null) continue;
                at[c.Id] = saves.Count;
                saves.Add(new KeyValuePair<string, IndexEntry>(c.Id, c.Entry));
            }
            var found = new List<MoaiPattern>();
            var waited = false;
            foreach (var s in saves)
            {
                if (s == null) continue;
                var (id, entry) = (s.Value.Key, s.Value.Value);
                if (!_matcher.TypeMatches(entry.Type) || !_matcher.TimeMatches(entry.UnixMs)) continue;
                var p = TryRead(entry, out var missing);
                if (p == null && missing && !waited)
                {
                    waited = true;
                    WaitForWriters();
                    p = TryRead(entry, out _);
                }
                if (p == null) continue; // removed or replaced since: its later line (if any) brings it
                if (p.PatternId != id) { _warnings.Add(PatternFileReader.IdMismatch(_layout.FullPath(entry.Path), id, p.PatternId)); continue; }
                if (_matcher.Matches(p)) found.Add(p);
            }
            return found;
        }

        private MoaiPattern? TryRead(IndexEntry entry, out bool missing)
        {
            missing = false;
            if (_layout.TryRealPath(entry.Path, out var full) && File.Exists(full)) return PatternFileReader.TryRead(full, _warnings.Add);
            if (_layout.TryRealPath(StoreLayout.Twin(entry.Path), out var twin) && File.Exists(twin)) return PatternFileReader.TryRead(twin, _warnings.Add);
            missing = true;
            return null;
        }

        /// <summary>Until the writer that journaled a line has renamed its files: it holds the lock until then.</summary>
        private void WaitForWriters()
        {
            if (_store.TryWaitForWriters()) return;
            Thread.Sleep(200); // a store this user may not lock (read-only): renames follow their line within milliseconds
        }

        public void WaitForChange(TimeSpan timeout, CancellationToken cancel) => _waker.Wait(timeout, cancel);

        public IReadOnlyList<StoreWarning> DrainWarnings()
        {
            var list = _warnings.ToArray();
            _warnings.Clear();
            return list;
        }

        public void Dispose()
        {
            _waker?.Dispose();
            _journal?.Dispose();
            _store.Dispose();
        }
    }
}
