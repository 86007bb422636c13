using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// The id → file index, a cache of what the files say. This module's own copy lives under <c>.moai/</c>
    /// only: <c>index.snapshot</c> (index.json's format plus each pattern's facts, <see cref="IndexFacts"/>) plus <c>index.journal</c> (changes since), appended
    /// under <c>.moai/index.lock</c>; the snapshot is rewritten when the journal outgrows it (amortized O(1)).
    /// The original's <c>index.json</c> is an export: a writer rewrites it (atomically, under the lock) at the
    /// end of a writing command once enough changes have gathered (<see cref="ExportDue"/>) and marks that in
    /// the journal; a reader never writes it, and if the store cannot be written at all a reader works from a
    /// rebuild in memory. index.json is also watched: when it is no longer the file this module last wrote or
    /// saw (the original saved into the store), the index is rebuilt with its entries as a hint. Every
    /// operation first reads the journal's new tail, so processes stay in step.
    /// </summary>
    internal sealed class FileSystemIndex
    {
        /// <summary>A journal smaller than this is never compacted mid-command (a tiny store would otherwise rewrite its snapshot constantly).</summary>
        private const long MinCompactBytes = 1 << 20;

        /// <summary>
        /// What one save may cost in rewriting: at the end of a writing command index.json is rewritten once
        /// (saves it lacks) × this ≥ its size. So the rewrite costs at most 8 KiB per save (about five times
        /// the bytes of a pattern file), whatever the store's size, and index.json lacks at most about 1/37 of the
        /// entries (an entry is ~220 bytes), and nothing in a store of up to ~37 patterns. (16 KiB measured +0.3 ms
        /// per single save at 10,000 patterns on a slow disk, mostly the flush of the rewritten file; 8 KiB halves it.)
        /// </summary>
        public const long ExportBudgetBytes = 8 * 1024;

        public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

        private readonly StoreLayout _layout;
        private readonly Action<StoreWarning> _warn;
        private Dictionary<string, IndexEntry> _byId = new Dictionary<string, IndexEntry>(StringComparer.Ordinal);
        private Dictionary<string, string> _idByPath = new Dictionary<string, string>(StringComparer.Ordinal);
        private string? _generation;
        private long _offset;
        private long _snapshotLength;
        private FileStamp _export = FileStamp.Absent;
        private long _exportLag;
        private long _sinceExport;
        private long _savesSinceExport;
        private bool _snapshotIsIndexJson;
        private bool _tornTail;
        private bool _lockFileSecured;
        private (FileStamp Journal, FileStamp IndexJson)? _inMemoryBasis;
        private byte[] _readBuffer = new byte[8192];
        private readonly IndexKeyPool _pool = new IndexKeyPool();

        public FileSystemIndex(StoreLayout layout, Action<StoreWarning> warn)
        {
            _layout = layout;
            _warn = warn;
        }

        public int Count => _byId.Count;

        public IReadOnlyDictionary<string, IndexEntry> Entries => _byId;

        /// <summary>Whether the entries came from a snapshot and journal, or a rebuild (usable as a rebuild hint).</summary>
        public bool HasEntries => _generation != null || _inMemoryBasis != null;

        /// <summary>Why the last <see cref="TryRefresh"/> returned false.</summary>
        public string StaleReason { get; private set; } = "";

        /// <summary>Changes index.json does not have yet (an upper bound: a change and its undoing count twice).</summary>
        public long Unexported => _exportLag + _sinceExport;

        /// <summary>A long command (a pipeline) checkpoints when its journal outgrows the snapshot: amortized O(1) per change.</summary>
        public bool JournalOutgrewSnapshot => _offset > Math.Max(_snapshotLength, MinCompactBytes);

        /// <summary>
        /// At the end of a writing command: index.json lacks enough saves (new or moved entries) for its rewrite to
        /// cost at most <see cref="ExportBudgetBytes"/> per save. Removals alone never call for it: the original
        /// skips an entry whose file is gone, so they wait for the next rewrite.
        /// </summary>
        public bool ExportDue
        {
            get
            {
                var lacking = _exportLag + _savesSinceExport;
                return lacking > 0 && lacking * ExportBudgetBytes >= Math.Max(0, _export.Length);
            }
        }

        /// <summary>The generation's snapshot is index.json itself (a journal of an earlier release): an export must be a full checkpoint.</summary>
        public bool SnapshotIsIndexJson => _snapshotIsIndexJson;

        /// <summary>index.json is still the file this index last wrote or saw (no one else rewrote it since).</summary>
        public bool ExportHolds() => FileStamp.Of(_layout.IndexPath) == _export;

        public IndexEntry? Find(string id) => _byId.TryGetValue(id, out var e) ? e : null;

        /// <summary>The id the index files at this relative path, or null.</summary>
        public string? IdAt(string relativePath) => _idByPath.TryGetValue(relativePath, out var id) ? id : null;

        /// <exception cref="IOException">The lock could not be created or taken (e.g. a read-only store, or a link in its place).</exception>
        /// <exception cref="UnauthorizedAccessException">The store cannot be written.</exception>
        public CrossProcessLock Lock()
        {
            _layout.EnsureFolder(_layout.PrivateDir);
            CrossProcessLock held;
            try { held = CrossProcessLock.Acquire(_layout.LockPath, LockTimeout); }
            catch (DirectoryNotFoundException)
            {
                FileOps.ForgetDirectories(_layout.PrivateDir); // deleted behind our back (e.g. by hand)
                _layout.EnsureFolder(_layout.PrivateDir);
                held = CrossProcessLock.Acquire(_layout.LockPath, LockTimeout);
                _lockFileSecured = false;
            }
            if (!_lockFileSecured) { UnixPermissions.OwnerOnlyFile(_layout.LockPath); _lockFileSecured = true; }
            return held;
        }

        /// <summary>
        /// Catches up with the journal. False when the index cannot be trusted as it is (no journal, a snapshot
        /// that is not the journal's, or an index.json rewritten by someone else): the caller rebuilds it.
        /// </summary>
        public bool TryRefresh()
        {
            if (_inMemoryBasis != null)
            {
                var basis = _inMemoryBasis.Value;
                if (FileStamp.Of(_layout.JournalPath) == basis.Journal && FileStamp.Of(_layout.IndexPath) == basis.IndexJson) return true;
                _inMemoryBasis = null; // something changed: load what is there now, or rebuild again
                _generation = null;
            }
            if (!TryCatchUp()) return false;
            if (!ExportHolds())
            {
                StaleReason = $"The index '{_layout.IndexPath}' was changed or removed outside this module (by the original library, or by hand).";
                return false;
            }
            return true;
        }

        private bool TryCatchUp()
        {
            FileStream fs;
            try { fs = new FileStream(_layout.JournalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None); }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                StaleReason = $"The module's index '{_layout.JournalPath}' is missing.";
                return false;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                StaleReason = $"The module's index '{_layout.JournalPath}' cannot be read ({e.Message}).";
                return false;
            }
            using (fs)
            {
                var length = fs.Length;
                var n = ReadAt(fs, 0, (int)Math.Min(length, 512));
                var header = IndexJournal.ParseHeader(_readBuffer, n, out var headerBytes);
                if (header == null)
                {
                    StaleReason = $"The module's index '{_layout.JournalPath}' is unreadable.";
                    return false;
                }
                if (header.Generation != _generation)
                {
                    var snapshotPath = header.SnapshotIsIndexJson ? _layout.IndexPath : _layout.SnapshotPath;
                    if (FileStamp.Of(snapshotPath) != header.Snapshot)
                    {
                        StaleReason = $"The index snapshot '{snapshotPath}' is missing or is not the one its journal extends.";
                        return false;
                    }
                    Dictionary<string, IndexEntry> map;
                    try { map = IndexSnapshot.Read(snapshotPath, _layout, withFacts: !header.SnapshotIsIndexJson, _pool); }
                    catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException)
                    {
                        _warn(new StoreWarning(snapshotPath, $"The index '{snapshotPath}' is unreadable ({e.Message}); it is rebuilt from the pattern files."));
                        StaleReason = $"The index snapshot '{snapshotPath}' is unreadable.";
                        return false;
                    }
                    SetMap(map);
                    _generation = header.Generation;
                    _offset = headerBytes;
                    _snapshotLength = header.Snapshot.Length;
                    _export = header.Export;
                    _exportLag = header.ExportLag;
                    _sinceExport = 0;
                    _savesSinceExport = 0;
                    _snapshotIsIndexJson = header.SnapshotIsIndexJson;
                    _tornTail = false;
                }
                if (length > _offset)
                {
                    var changes = new List<IndexChange>();
                    var pending = length - _offset;
                    while (pending > 0)
                    {
                        var chunk = (int)Math.Min(pending, 1 << 20);
                        var read = ReadAt(fs, _offset, chunk);
                        if (read == 0) break;
                        var consumed = IndexJournal.ParseLines(_readBuffer, read, _layout, changes, _pool);
                        if (consumed == 0) break; // a line without its newline: torn, or still being written
                        _offset += consumed;
                        pending = length - _offset;
                    }
                    foreach (var c in changes) Apply(c);
                    _tornTail = _offset < length;
                }
            }
            return true;
        }

        /// <summary>Appends changes to the journal; the caller holds <see cref="Lock"/> and has refreshed.</summary>
        public void Append(IReadOnlyList<IndexChange> changes)
        {
            if (changes.Count == 0) return;
            using (var ms = new MemoryStream(256 * changes.Count))
            {
                if (_tornTail) ms.WriteByte((byte)'\n'); // seal a crashed writer's half line so ours parses
                foreach (var c in changes) IndexJournal.AppendLine(ms, c);
                using (var fs = new FileStream(_layout.JournalPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None))
                {
                    fs.Write(ms.GetBuffer(), 0, (int)ms.Length);
                    _offset = fs.Position;
                }
            }
            _tornTail = false;
            foreach (var c in changes)
            {
                if (c.Entry?.Facts != null) _pool.Pool(c.Entry.Facts); // a fresh entry: share its strings with the others
                Apply(c);
            }
        }

        /// <summary>
        /// Rewrites index.json from the index as it stands (temp + fsync + rename) and marks that in the journal;
        /// the caller holds <see cref="Lock"/>, has refreshed, and checked <see cref="ExportHolds"/>.
        /// </summary>
        public void Export()
        {
            if (_snapshotIsIndexJson) { CheckpointCurrent(); return; } // index.json is this generation's base: replace both
            _layout.EnsureFolder(_layout.TempDir);
            FileOps.WriteAtomic(_layout.TempDir, _layout.IndexPath, IndexSnapshot.Serialize(_byId), _layout.Root, flushToDisk: true);
            Append(new[] { IndexChange.ExportMark(FileStamp.Of(_layout.IndexPath)) });
        }

        /// <summary>
        /// Starts a new generation from <paramref name="map"/>; the caller holds <see cref="Lock"/>. Writes
        /// .moai/index.snapshot, then (a writer's checkpoint, <paramref name="exportIndexJson"/>) the same entries (without facts) to
        /// index.json, then a fresh journal: each temp + rename, index.json also fsynced before its rename (the
        /// original cannot tell a torn file; the module's own files are checked against the journal header and
        /// rebuilt when they do not match). Without the export (a reader's rebuild, or compaction while index.json
        /// was changed by someone else) index.json is left as it is and recorded as <paramref name="indexJsonSeen"/>,
        /// lacking <paramref name="lag"/> changes.
        /// </summary>
        public void Checkpoint(Dictionary<string, IndexEntry> map, bool exportIndexJson, FileStamp indexJsonSeen = default, long lag = 0)
        {
            var bytes = IndexSnapshot.Serialize(map, withFacts: true);
            _layout.EnsureFolder(_layout.TempDir);
            FileOps.WriteAtomic(_layout.TempDir, _layout.SnapshotPath, bytes, _layout.Root, flushToDisk: false);
            var header = new IndexJournal.Header
            {
                Generation = Guid.NewGuid().ToString("N"),
                Snapshot = FileStamp.Of(_layout.SnapshotPath),
                Previous = KeepOutgoingJournal(),
            };
            if (exportIndexJson)
            {
                FileOps.WriteAtomic(_layout.TempDir, _layout.IndexPath, IndexSnapshot.Serialize(map), _layout.Root, flushToDisk: true); // the seed's fields only
                header.Export = FileStamp.Of(_layout.IndexPath);
                header.ExportLag = 0;
            }
            else
            {
                header.Export = indexJsonSeen;
                header.ExportLag = lag;
            }
            var line = IndexJournal.HeaderLine(header);
            FileOps.WriteAtomic(_layout.TempDir, _layout.JournalPath, line, _layout.Root, flushToDisk: false); // the switch to the new generation
            if (!ReferenceEquals(map, _byId)) SetMap(new Dictionary<string, IndexEntry>(map, StringComparer.Ordinal));
            _generation = header.Generation;
            _offset = line.Length;
            _snapshotLength = bytes.Length;
            _export = header.Export;
            _exportLag = header.ExportLag;
            _sinceExport = 0;
            _savesSinceExport = 0;
            _snapshotIsIndexJson = false;
            _tornTail = false;
            _inMemoryBasis = null;
        }

        /// <summary>
        /// Before a checkpoint replaces the journal (under the lock, so nothing is appended to it any more): keeps a
        /// copy as <c>index.journal.prev</c> and returns its generation. A change feed holds its journal open and
        /// reads it to the end itself; the copy serves one that fell behind by two checkpoints. O(journal), which is
        /// smaller than the snapshot the checkpoint writes anyway. Best effort: without it such a feed reports a gap.
        /// </summary>
        private string KeepOutgoingJournal()
        {
            var outgoing = IndexJournal.ReadHeader(_layout.JournalPath);
            if (outgoing == null) return "";
            try
            {
                var temp = Path.Combine(_layout.TempDir, FileOps.TempPrefix + Guid.NewGuid().ToString("N"));
                File.Copy(_layout.JournalPath, temp, overwrite: true);
                FileOps.ReplaceMove(temp, _layout.PreviousJournalPath, _layout.Root);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                FileOps.TryDelete(_layout.PreviousJournalPath);
            }
            return outgoing.Generation;
        }

        /// <summary>A writer's checkpoint of what the index holds now, exporting index.json.</summary>
        public void CheckpointCurrent() => Checkpoint(_byId, exportIndexJson: true);

        /// <summary>
        /// Uses a rebuild held in memory only (the store cannot be written): valid while the journal and index.json
        /// stay as they were when the rebuild began.
        /// </summary>
        public void UseInMemory(Dictionary<string, IndexEntry> map, FileStamp journalSeen, FileStamp indexJsonSeen)
        {
            SetMap(map);
            _generation = null;
            _inMemoryBasis = (journalSeen, indexJsonSeen);
            _sinceExport = 0;
            _savesSinceExport = 0;
            _exportLag = 0;
        }

        private void Apply(IndexChange c)
        {
            if (c.Export is FileStamp export)
            {
                _export = export;
                _exportLag = 0;
                _sinceExport = 0;
                _savesSinceExport = 0;
                return;
            }
            _sinceExport++;
            Version++;
            if (c.Entry != null) _savesSinceExport++;
            if (_byId.TryGetValue(c.Id, out var old) && _idByPath.TryGetValue(old.Path, out var at) && at == c.Id) _idByPath.Remove(old.Path);
            if (c.Entry == null) _byId.Remove(c.Id);
            else
            {
                _byId[c.Id] = c.Entry;
                _idByPath[c.Entry.Path] = c.Id;
            }
        }

        /// <summary>Changes whenever the entries may have changed (a change applied, a map loaded): what derived caches key on.</summary>
        public long Version { get; private set; }

        private void SetMap(Dictionary<string, IndexEntry> map)
        {
            Version++;
            _byId = map;
            _idByPath = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
            foreach (var kv in map) _idByPath[kv.Value.Path] = kv.Key;
        }

        private int ReadAt(FileStream fs, long position, int count)
        {
            if (_readBuffer.Length < count) _readBuffer = new byte[Math.Max(count, _readBuffer.Length * 2)];
            fs.Position = position;
            var total = 0;
            while (total < count)
            {
                var n = fs.Read(_readBuffer, total, count - total);
                if (n == 0) break;
                total += n;
            }
            return total;
        }
    }
}
