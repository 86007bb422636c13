using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// The id → file index, a cache of what the files say: <c>index.json</c> (the seed's format, the
    /// snapshot) plus <c>.moai/index.journal</c> (changes since). Saving appends one journal line under
    /// <c>.moai/index.lock</c>; when the journal outgrows the snapshot both are rewritten (amortized O(1)).
    /// Every operation first reads the journal's new tail, so several processes stay in step.
    /// </summary>
    internal sealed class FileSystemIndex
    {
        /// <summary>A journal smaller than this is never compacted (a tiny store would otherwise rewrite its snapshot constantly).</summary>
        private const long MinCompactBytes = 1 << 20;

        public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

        private readonly StoreLayout _layout;
        private readonly Action<StoreWarning> _warn;
        private Dictionary<string, IndexEntry> _byId = new Dictionary<string, IndexEntry>(StringComparer.Ordinal);
        private Dictionary<string, string> _idByPath = new Dictionary<string, string>(StringComparer.Ordinal);
        private string? _generation;
        private long _offset;
        private long _snapshotLength;
        private bool _tornTail;
        private bool _lockFileSecured;
        private byte[] _readBuffer = new byte[8192];

        public FileSystemIndex(StoreLayout layout, Action<StoreWarning> warn)
        {
            _layout = layout;
            _warn = warn;
        }

        public int Count => _byId.Count;

        public IReadOnlyDictionary<string, IndexEntry> Entries => _byId;

        public IndexEntry? Find(string id) => _byId.TryGetValue(id, out var e) ? e : null;

        /// <summary>The id the index files at this relative path, or null.</summary>
        public string? IdAt(string relativePath) => _idByPath.TryGetValue(relativePath, out var id) ? id : null;

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
        /// Catches up with the journal. False when the index cannot be trusted as it is (no journal,
        /// a foreign or corrupt index.json): the caller rebuilds it from the files.
        /// </summary>
        public bool TryRefresh()
        {
            FileStream fs;
            try { fs = new FileStream(_layout.JournalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None); }
            catch (FileNotFoundException) { return false; }
            catch (DirectoryNotFoundException) { return false; }
            using (fs)
            {
                var length = fs.Length;
                var n = ReadAt(fs, 0, (int)Math.Min(length, 512));
                var header = IndexJournal.ParseHeader(_readBuffer, n, out var headerBytes);
                if (header == null) return false;
                if (header.Generation != _generation)
                {
                    if (!SnapshotMatches(header)) return false;
                    Dictionary<string, IndexEntry> map;
                    try { map = IndexSnapshot.Read(_layout.IndexPath, _layout); }
                    catch (Exception e) when (e is JsonException || e is IOException)
                    {
                        _warn(new StoreWarning(_layout.IndexPath, $"The index '{_layout.IndexPath}' is unreadable ({e.Message}); it is rebuilt from the pattern files."));
                        return false;
                    }
                    SetMap(map);
                    _generation = header.Generation;
                    _offset = headerBytes;
                    _snapshotLength = header.SnapshotLength;
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
                        var consumed = IndexJournal.ParseLines(_readBuffer, read, _layout, changes);
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
            foreach (var c in changes) Apply(c);
            if (_offset > Math.Max(_snapshotLength, MinCompactBytes)) Replace(_byId);
        }

        /// <summary>Writes a new snapshot and an empty journal of a new generation; the caller holds <see cref="Lock"/>.</summary>
        public void Replace(Dictionary<string, IndexEntry> map)
        {
            _layout.EnsureFolder(_layout.TempDir);
            FileOps.WriteAtomic(_layout.TempDir, _layout.IndexPath, IndexSnapshot.Serialize(map), _layout.Root, flushToDisk: true);
            var info = new FileInfo(_layout.IndexPath);
            var header = new IndexJournal.Header
            {
                Generation = Guid.NewGuid().ToString("N"),
                SnapshotLength = info.Length,
                SnapshotMtime = info.LastWriteTimeUtc.Ticks,
            };
            var line = IndexJournal.HeaderLine(header);
            FileOps.WriteAtomic(_layout.TempDir, _layout.JournalPath, line, _layout.Root, flushToDisk: true);
            if (!ReferenceEquals(map, _byId)) SetMap(new Dictionary<string, IndexEntry>(map, StringComparer.Ordinal));
            _generation = header.Generation;
            _offset = line.Length;
            _snapshotLength = header.SnapshotLength;
            _tornTail = false;
        }

        private bool SnapshotMatches(IndexJournal.Header header)
        {
            var info = new FileInfo(_layout.IndexPath);
            return info.Exists && info.Length == header.SnapshotLength && info.LastWriteTimeUtc.Ticks == header.SnapshotMtime;
        }

        private void Apply(IndexChange c)
        {
            if (_byId.TryGetValue(c.Id, out var old) && _idByPath.TryGetValue(old.Path, out var at) && at == c.Id) _idByPath.Remove(old.Path);
            if (c.Entry == null) _byId.Remove(c.Id);
            else
            {
                _byId[c.Id] = c.Entry;
                _idByPath[c.Entry.Path] = c.Id;
            }
        }

        private void SetMap(Dictionary<string, IndexEntry> map)
        {
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
