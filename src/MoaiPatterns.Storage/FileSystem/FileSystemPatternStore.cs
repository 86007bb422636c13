using MoaiPatterns.Input;
using System;
using System.Collections.Generic;
using System.IO;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// The seed's filesystem store: one JSON file per pattern under <c>YYYY/MM/DD/</c>, some gzipped, with
    /// an id cache in <c>.moai/</c> (see <see cref="FileSystemIndex"/>) that writers also export to the
    /// original's <c>index.json</c>. Files are always the truth. Readers (Find, Get, Count, GetInfo, Suggest*)
    /// never write a file the original could have written: only <c>.moai/</c>, and nothing at all when the
    /// store cannot be written.
    /// </summary>
    public sealed partial class FileSystemPatternStore : IPatternStore, Analysis.IPatternAnalysisStore, Errors.IErrorSearchProvider, IWatchableStore
    {
        /// <summary>Temp files younger than this may belong to a live writer and are left alone.</summary>
        internal static readonly TimeSpan TempFileGrace = TimeSpan.FromMinutes(1);

        private readonly StoreLayout _layout;
        private readonly FileSystemIndex _index;
        private readonly WarningLog _warnings = new WarningLog();
        private readonly FolderListings _listings = new FolderListings(); // the store object lives across a session's commands
        private bool _disposed;

        private FileSystemPatternStore(string root)
        {
            _layout = new StoreLayout(root);
            _index = new FileSystemIndex(_layout, _warnings.Add);
        }

        /// <summary>
        /// Opens the store folder; creates it (owner-only) when <paramref name="create"/>. On open, old temp
        /// files are removed and a missing, corrupt, foreign or stale index is rebuilt from the files.
        /// </summary>
        public static FileSystemPatternStore Open(string path, bool create)
        {
            var full = Path.GetFullPath(path);
            if (File.Exists(full)) throw new StoreCorruptException(full, "it is a file, not a store folder.");
            if (!Directory.Exists(full))
            {
                if (!create) throw new StoreNotFoundException(full);
                FileOps.EnsureDirectory(full);
            }
            var store = new FileSystemPatternStore(full);
            store.CleanOldTempFiles(null);
            store.EnsureIndex();
            return store;
        }

        public string Location => _layout.Root;

        public StoreBackend Backend => StoreBackend.FileSystem;

        /// <summary>
        /// When false, pattern files are not flushed to disk before their rename, nor folders at a writer's Flush
        /// (faster; a power cut may then lose recent saves or leave them empty). Default true.
        /// </summary>
        public bool FlushEachSave { get; set; } = true;

        /// <summary>Where a batch of changes ends, which decides whether index.json is brought up to date (see <see cref="AfterChangesLocked"/>).</summary>
        internal enum ChangeEnd
        {
            /// <summary>A batch inside a longer command (a pipeline's 512): checkpoint only when the journal outgrew the snapshot.</summary>
            Batch,
            /// <summary>The end of a Save, Remove or pipeline: export when the lag is worth its cost.</summary>
            Command,
            /// <summary>The end of retention, Compress or Repair: export whatever index.json lacks.</summary>
            Maintenance,
        }

        public void Save(ValidatedPattern valid)
        {
            if (valid == null) throw new ArgumentNullException(nameof(valid));
            ThrowIfDisposed();
            var pattern = valid.Pattern;
            var rel = StoreLayout.RelativePathFor(pattern);
            var target = _layout.FullPath(rel);
            EnsureWritableFolder(Path.GetDirectoryName(target)!);
            EnsureWritableFolder(_layout.TempDir);
            var bytes = PatternJson.ToUtf8Bytes(pattern);
            // Flushed (its own fsync) before the rename, so the name never shows an empty or partial file after a power cut.
            var temp = FileOps.WriteTemp(_layout.TempDir, bytes, bytes.Length, FlushEachSave, _layout.Root);
            try
            {
                CommitBatch(new[] { new PendingFile(pattern, rel, target, temp) }, ChangeEnd.Command);
            }
            catch
            {
                FileOps.TryDelete(temp);
                throw;
            }
        }

        public IPatternWriter OpenWriter()
        {
            ThrowIfDisposed();
            return new FileSystemPatternWriter(this);
        }

        public MoaiPattern? Get(string patternId)
        {
            ThrowIfDisposed();
            if (!StoreLayout.IsSafeId(patternId)) return null;
            Refresh();
            var entry = _index.Find(patternId);
            if (entry == null) return null;
            if (!_layout.TryRealPath(entry.Path, out var full)) return null; // outside the store, or behind a linked folder
            var p = PatternFileReader.TryRead(full, _warnings.Add)
                ?? (_layout.TryRealPath(StoreLayout.Twin(entry.Path), out var twin) ? PatternFileReader.TryRead(twin, _warnings.Add) : null);
            if (p != null && p.PatternId != patternId) { _warnings.Add(PatternFileReader.IdMismatch(full, patternId, p.PatternId)); return null; }
            return p;
        }

        public bool Remove(string patternId)
        {
            ThrowIfDisposed();
            if (!StoreLayout.IsSafeId(patternId)) return false;
            using (_index.Lock())
            {
                RefreshLocked();
                var entry = _index.Find(patternId);
                if (entry == null) return false;
                DeleteWithTwin(entry.Path);
                _index.Append(new[] { new IndexChange(patternId, null) });
                AfterChangesLocked(ChangeEnd.Command);
                return true;
            }
        }

        public IEnumerable<MoaiPattern> Find(PatternQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            ThrowIfDisposed();
            Refresh();
            return new QueryWalker(_layout, _index, _warnings.Add, query, _listings).Find();
        }

        /// <summary>The engine's statistics over the facts the index holds (files are read only for -Text or unknown facts).</summary>
        public IReadOnlyList<Analysis.PatternStatistics> Measure(Analysis.MeasureQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            return Analysis.PatternAnalysis.MeasureFacts(Facts(query.Filter), query);
        }

        public IEnumerable<Analysis.PatternFacts> Facts(PatternQuery filter)
        {
            if (filter == null) throw new ArgumentNullException(nameof(filter));
            ThrowIfDisposed();
            Refresh();
            return new QueryWalker(_layout, _index, _warnings.Add, filter.WithoutPaging(), _listings).Facts();
        }

        /// <summary>Find-MoaiResolution's search: the error cache under .moai/ checked against the index (see <see cref="ErrorCache"/>).</summary>
        public Errors.IErrorSearch OpenErrorSearch()
        {
            ThrowIfDisposed();
            Refresh();
            // The store object outlives a command (StoreRegistry): while the index is unchanged, later lookups reuse the search.
            if (_errorSearch == null || _errorSearchVersion != _index.Version)
            {
                _errorSearch = ErrorCache.Load(_layout, _index.Entries, _warnings.Add);
                _errorSearchVersion = _index.Version;
            }
            return _errorSearch;
        }

        private Errors.IErrorSearch? _errorSearch;
        private long _errorSearchVersion = -1;

        public long Count(PatternQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            ThrowIfDisposed();
            Refresh();
            return new QueryWalker(_layout, _index, _warnings.Add, query, _listings).Count();
        }

        public IReadOnlyList<StoreWarning> DrainWarnings() => _warnings.Drain();

        /// <summary>A feed following the index journal (see <see cref="FileSystemPatternFeed"/>), on its own store instance.</summary>
        public IPatternFeed OpenFeed(PatternQuery filter, string? resumeFrom = null)
        {
            ThrowIfDisposed();
            var own = Open(_layout.Root, create: false);
            try { return new FileSystemPatternFeed(own, filter, resumeFrom); }
            catch
            {
                own.Dispose();
                throw;
            }
        }

        /// <summary>For a feed: the index caught up with (or rebuilt, like any reader would).</summary>
        internal void EnsureIndexForFeed() => Refresh();

        /// <summary>For a feed: takes and drops the lock, so every writer that journaled before has renamed its files.
        /// False when this user cannot take it (a read-only store).</summary>
        internal bool TryWaitForWriters()
        {
            try
            {
                using (_index.Lock()) { }
                return true;
            }
            catch (Exception e) when (CannotWrite(e)) { return false; }
        }

        /// <summary>
        /// The end of a command. Nothing stays open between calls (every file is opened and closed within an
        /// operation); a file may be warned about again, and folders are checked for links again, by the next command.
        /// </summary>
        public void Release()
        {
            _warnings.EndCommand();
            _layout.ForgetCheckedFolders();
        }

        public void Dispose()
        {
            Release();
            _disposed = true;
        }

        /// <summary>A pattern written to a temp file and waiting to be renamed into place.</summary>
        internal readonly struct PendingFile
        {
            public PendingFile(MoaiPattern pattern, string relativePath, string target, string temp)
            {
                Pattern = pattern;
                RelativePath = relativePath;
                Target = target;
                Temp = temp;
            }

            public MoaiPattern Pattern { get; }
            public string RelativePath { get; }
            public string Target { get; }
            public string Temp { get; }
        }

        /// <summary>
        /// Under the lock: journal the new paths first, then rename each temp file (already flushed to disk)
        /// into place and delete a previous copy at another path (an upsert with a new timestamp), so no stale
        /// copy remains; then bring index.json up to date if <paramref name="end"/> calls for it.
        /// </summary>
        internal void CommitBatch(IReadOnlyList<PendingFile> files, ChangeEnd end)
        {
            using (_index.Lock())
            {
                RefreshLocked();
                var changes = new List<IndexChange>(files.Count);
                var previous = new List<string>();
                var inBatch = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var f in files)
                {
                    var oldPath = inBatch.TryGetValue(f.Pattern.PatternId, out var p) ? p : _index.Find(f.Pattern.PatternId)?.Path;
                    if (oldPath != null && oldPath != f.RelativePath) previous.Add(oldPath);
                    inBatch[f.Pattern.PatternId] = f.RelativePath;
                    changes.Add(new IndexChange(f.Pattern.PatternId, IndexEntry.For(f.Pattern, f.RelativePath)));
                }
                _index.Append(changes);
                ErrorCache.Append(_layout, files);
                foreach (var f in files)
                {
                    FileOps.ReplaceMove(f.Temp, f.Target, _layout.Root);
                    var gz = f.Target + ".gz";
                    if (File.Exists(gz)) FileOps.TryDelete(gz); // an older compressed copy at the same name
                }
                if (previous.Count > 0 && FlushEachSave)
                {
                    // The new copies' folder entries reach the disk before an old copy's removal can.
                    foreach (var dir in DistinctFolders(files)) FileOps.SyncDirectory(dir);
                }
                foreach (var rel in previous)
                {
                    var stillUsed = _index.IdAt(rel) != null;
                    if (!stillUsed) DeleteWithTwin(rel);
                }
                AfterChangesLocked(end);
            }
        }

        /// <summary>The end of a writing command whose changes were already committed (a pipeline's Dispose with nothing left to add).</summary>
        internal void EndWritingCommand()
        {
            using (_index.Lock())
            {
                RefreshLocked();
                AfterChangesLocked(ChangeEnd.Command);
            }
        }

        /// <summary>The folders the files of a batch were renamed into.</summary>
        internal static HashSet<string> DistinctFolders(IReadOnlyList<PendingFile> files)
        {
            var dirs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in files) dirs.Add(Path.GetDirectoryName(f.Target)!);
            return dirs;
        }

        /// <summary>A folder inside the store to write into: created if missing; a link there makes the store unusable for writing.</summary>
        internal void EnsureWritableFolder(string dir)
        {
            try { _layout.EnsureFolder(dir); }
            catch (LinkRefusedException e)
            {
                throw new StoreCorruptException(_layout.Root,
                    $"{LinkRefusedException.Describe(e.LinkPath)}; nothing is written through it. Replace it with a real folder (move the files in) or remove it.", e);
            }
        }

        /// <summary>
        /// Under the lock, after changes were journaled. The snapshot is rewritten (with index.json and a fresh
        /// journal) whenever the journal outgrew it: amortized O(1) per change, also inside a long pipeline.
        /// index.json alone is rewritten at the end of a writing command: a Save, Remove or pipeline
        /// (<see cref="ChangeEnd.Command"/>) once the saves it lacks × 8 KiB reach its size, so a single save into
        /// 100,000 patterns does not rewrite 20 MB (see <see cref="FileSystemIndex.ExportBudgetBytes"/>);
        /// retention, Compress and Repair (<see cref="ChangeEnd.Maintenance"/>) whenever it lags. If index.json
        /// was rewritten by someone else since (the original saved), the index is rebuilt with its entries
        /// first, so the export keeps them.
        /// </summary>
        private void AfterChangesLocked(ChangeEnd end)
        {
            var exportDue = end == ChangeEnd.Command ? _index.ExportDue : end == ChangeEnd.Maintenance && _index.Unexported > 0;
            var compactDue = _index.JournalOutgrewSnapshot;
            if (!exportDue && !compactDue) return;
            if (!_index.ExportHolds()) { RebuildLocked(RebuildMode.PersistAndExport); return; }
            if (compactDue) _index.CheckpointCurrent();
            else _index.Export();
        }

        internal StoreLayout Layout => _layout;

        /// <summary>Deletes a pattern file and its .json/.json.gz twin, never through a linked folder (a link itself would only be unlinked).</summary>
        private void DeleteWithTwin(string relativePath)
        {
            if (_layout.TryRealPath(relativePath, out var full)) FileOps.TryDelete(full);
            if (_layout.TryRealPath(StoreLayout.Twin(relativePath), out var twin)) FileOps.TryDelete(twin);
        }

        /// <summary>Catches up with other writers; rebuilds the index when it cannot be trusted. For readers: writes nothing outside .moai/.</summary>
        private void Refresh()
        {
            if (_index.TryRefresh()) return;
            EnsureIndex();
        }

        /// <summary>As <see cref="Refresh"/> for a writer holding the lock.</summary>
        private void RefreshLocked()
        {
            if (_index.TryRefresh()) return;
            RebuildLocked(RebuildMode.PersistOwn);
        }

        /// <summary>
        /// A reader's rebuild: under the lock, saved to .moai/ only, so other processes need not repeat it; when
        /// .moai/ cannot be written (a read-only store) it is kept in memory and nothing is written at all.
        /// </summary>
        private void EnsureIndex()
        {
            if (_index.TryRefresh()) return;
            CrossProcessLock held;
            try { held = _index.Lock(); }
            catch (Exception e) when (CannotWrite(e))
            {
                RebuildLocked(RebuildMode.InMemory);
                return;
            }
            using (held)
            {
                if (_index.TryRefresh()) return; // another process rebuilt it meanwhile
                RebuildLocked(RebuildMode.PersistOwnOrMemory);
            }
        }

        /// <summary>Failures that mean "this store cannot be written here": a reader then keeps its rebuild in memory.</summary>
        private static bool CannotWrite(Exception e) => e is IOException || e is UnauthorizedAccessException;

        internal enum RebuildMode
        {
            /// <summary>Kept in memory only (nothing written).</summary>
            InMemory,
            /// <summary>Saved as .moai/index.snapshot + journal; index.json untouched (recorded with its lag).</summary>
            PersistOwn,
            /// <summary>As PersistOwn, falling back to InMemory when .moai/ cannot be written (a reader).</summary>
            PersistOwnOrMemory,
            /// <summary>A writer's checkpoint: .moai/ and index.json.</summary>
            PersistAndExport,
        }

        /// <summary>
        /// Rebuilds from the files, with what the index knew and the current index.json (e.g. the original's,
        /// whose entries win) as a hint, so only files neither accounts for are read.
        /// </summary>
        private RebuildReport RebuildLocked(RebuildMode mode)
        {
            var journalSeen = FileStamp.Of(_layout.JournalPath);
            var indexJsonSeen = FileStamp.Of(_layout.IndexPath); // before reading it: a change after this is noticed later
            var fromIndexJson = ReadIndexJson(indexJsonSeen);
            var hint = new Dictionary<string, IndexEntry>(_index.Count + (fromIndexJson?.Count ?? 0), StringComparer.Ordinal);
            if (_index.HasEntries) hint.FillFrom(_index.Entries);
            if (fromIndexJson != null) OverlayIndexJson(hint, fromIndexJson, journalSeen);
            var report = IndexRebuilder.Rebuild(_layout, hint);
            foreach (var rel in report.Unreadable) _warnings.Add(report.Failures[rel]);
            foreach (var rel in report.Links) _warnings.Add(report.Failures[rel]);
            var lag = ExportLag(indexJsonSeen, fromIndexJson, report.Map);
            switch (mode)
            {
                case RebuildMode.InMemory:
                    _index.UseInMemory(report.Map, journalSeen, indexJsonSeen);
                    break;
                case RebuildMode.PersistAndExport:
                    _index.Checkpoint(report.Map, exportIndexJson: true);
                    break;
                default:
                    try { _index.Checkpoint(report.Map, exportIndexJson: false, indexJsonSeen, lag); }
                    catch (Exception e) when (mode == RebuildMode.PersistOwnOrMemory && CannotWrite(e))
                    {
                        _index.UseInMemory(report.Map, journalSeen, indexJsonSeen);
                    }
                    break;
            }
            return report;
        }

        /// <summary>
        /// index.json's entries win over what the index knew (the original may have saved since), but an entry that
        /// index.json records unchanged keeps its facts when its file is older than this module's last journal write:
        /// every save of ours writes its file before its journal line, and a writer rebuilds before appending once
        /// index.json changed, so a file written after that moment was written by someone else and is read again.
        /// </summary>
        private void OverlayIndexJson(Dictionary<string, IndexEntry> hint, Dictionary<string, IndexEntry> fromIndexJson, FileStamp journalSeen)
        {
            foreach (var kv in fromIndexJson)
            {
                if (hint.TryGetValue(kv.Key, out var ours) && ours.Facts != null && ours.SameSeedEntry(kv.Value)
                    && journalSeen.Exists && _layout.TryFullPath(ours.Path, out var full)
                    && File.GetLastWriteTimeUtc(full).Ticks < journalSeen.MtimeTicks)
                    continue;
                hint[kv.Key] = kv.Value;
            }
        }

        /// <summary>index.json's entries, or null when it is absent or unreadable (then a warning names it).</summary>
        private Dictionary<string, IndexEntry>? ReadIndexJson(FileStamp seen)
        {
            if (!seen.Exists) return null;
            try { return IndexSnapshot.Read(_layout.IndexPath, _layout); }
            catch (FileNotFoundException) { return null; }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is IOException || e is UnauthorizedAccessException)
            {
                _warnings.Add(new StoreWarning(_layout.IndexPath, $"The index '{_layout.IndexPath}' is unreadable ({e.Message}); the pattern files were read instead."));
                return null;
            }
        }

        /// <summary>How many entries of <paramref name="map"/> index.json does not reflect (all, and one more, when it is unreadable).</summary>
        private static long ExportLag(FileStamp indexJsonSeen, Dictionary<string, IndexEntry>? fromIndexJson, Dictionary<string, IndexEntry> map)
        {
            if (fromIndexJson == null) return indexJsonSeen.Exists ? map.Count + 1 : map.Count;
            long lag = 0;
            foreach (var kv in map)
                if (!fromIndexJson.TryGetValue(kv.Key, out var e) || e.Path != kv.Value.Path || e.Type != kv.Value.Type || e.Timestamp != kv.Value.Timestamp) lag++;
            foreach (var id in fromIndexJson.Keys)
                if (!map.ContainsKey(id)) lag++;
            return lag;
        }

        /// <summary>Deletes temp files older than the grace period (crash leftovers); returns what it found.</summary>
        private List<string> CleanOldTempFiles(List<string>? found, bool whatIf = false)
        {
            var list = found ?? new List<string>();
            if (!Directory.Exists(_layout.TempDir)) return list;
            var cutoff = DateTime.UtcNow - TempFileGrace;
            foreach (var f in Directory.GetFiles(_layout.TempDir))
            {
                if (!Path.GetFileName(f).StartsWith(FileOps.TempPrefix, StringComparison.Ordinal)) continue;
                if (File.GetLastWriteTimeUtc(f) > cutoff) continue;
                list.Add(f);
                if (!whatIf) FileOps.TryDelete(f);
            }
            return list;
        }

        private void ThrowIfDisposed()
        {
            if (_disposed) throw new ObjectDisposedException(nameof(FileSystemPatternStore), $"The store '{_layout.Root}' was disposed.");
        }
    }
}
