using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>Retention, compression, description and repair: all by pattern timestamp, never file mtime.</summary>
    public sealed partial class FileSystemPatternStore
    {
        /// <summary>Tag and agent suggestions read at most this many of the newest patterns.</summary>
        public const int SuggestionScanLimit = 2000;

        /// <summary>Concurrent unlinks during retention (they wait on the disk, not the CPU).</summary>
        private const int DeleteParallelism = 8;

        /// <summary>Files read, gzipped, written and flushed at once by Compress.</summary>
        private const int CompressParallelism = 4;


        /// <summary>A file retention removes, and the id whose index entry goes with it (null when the index files it elsewhere).</summary>
        private readonly struct DoomedFile
        {
            public DoomedFile(string fullPath, string? indexedId)
            {
                FullPath = fullPath;
                IndexedId = indexedId;
            }

            public string FullPath { get; }
            public string? IndexedId { get; }
        }

        public RetentionResult RemoveOlderThan(DateTimeOffset cutoff, IReadOnlyCollection<PatternType>? types = null, IProgress<StoreProgress>? progress = null)
        {
            ThrowIfDisposed();
            var clock = Stopwatch.StartNew();
            var matcher = new PatternMatcher(new PatternQuery { Types = types });
            var cutoffMs = IsoTimestamp.ToUnixMs(cutoff);
            long removed = 0;
            using (_index.Lock())
            {
                RefreshLocked();
                var changes = new List<IndexChange>();
                var doomed = new List<DoomedFile>();
                var dayDirs = new List<string>();
                var links = new List<string>();
                var maxDate = cutoff.UtcDateTime.Date.AddDays(1);
                var days = OldDayFolders(maxDate, cutoffMs);
                for (var d = 0; d < days.Count; d++)
                {
                    var day = days[d];
                    progress?.Report(new StoreProgress("Finding old patterns", d, days.Count, day.FullPath));
                    var wholeFolderOld = day.MaxUnixMsExclusive <= cutoffMs;
                    var prefix = _layout.RelativePath(day.FullPath) + "/";
                    dayDirs.Add(day.FullPath);
                    // Files are deleted by name without being read: each is checked not to be a link first (Repair reports links).
                    foreach (var name in StoreScanner.CheckedPatternFileNames(day.FullPath, links))
                    {
                        if (!StoreLayout.TryParseType(name, out var type) || !matcher.TypeMatches(type)) continue;
                        var rel = prefix + name;
                        var id = _index.IdAt(rel) ?? _index.IdAt(StoreLayout.Twin(rel));
                        var entry = id == null ? null : _index.Find(id);
                        bool old;
                        if (wholeFolderOld) old = true; // decided by the folder name alone, nothing parsed
                        else if (entry != null) old = entry.UnixMs < cutoffMs;
                        else
                        {
                            var p = PatternFileReader.TryRead(Path.Combine(day.FullPath, name), _warnings.Add);
                            if (p == null) continue;
                            old = IsoTimestamp.ToUnixMs(p.Timestamp) < cutoffMs;
                            id = p.PatternId;
                            entry = _index.Find(id);
                        }
                        if (!old) continue;
                        var indexed = id != null && entry != null && (entry.Path == rel || StoreLayout.Twin(entry.Path) == rel);
                        doomed.Add(new DoomedFile(Path.Combine(day.FullPath, name), indexed ? id : null));
                    }
                }
                // Unlinks block on the disk far more than they use the CPU: several at once overlap the waits.
                // In chunks, so progress is reported between them on this thread.
                var deleted = new bool[doomed.Count];
                for (var start = 0; start < doomed.Count; start += ProgressChunk)
                {
                    progress?.Report(new StoreProgress("Deleting", start, doomed.Count));
                    var end = Math.Min(doomed.Count, start + ProgressChunk);
                    Parallel.For(start, end, new ParallelOptions { MaxDegreeOfParallelism = DeleteParallelism }, i => deleted[i] = FileOps.TryDelete(doomed[i].FullPath));
                }
                progress?.Report(new StoreProgress("Deleting", doomed.Count, doomed.Count));
                for (var i = 0; i < doomed.Count; i++)
                {
                    if (!deleted[i]) continue;
                    removed++;
                    if (doomed[i].IndexedId != null) changes.Add(new IndexChange(doomed[i].IndexedId!, null));
                }
                foreach (var dir in dayDirs) TryDeleteEmptyFolders(dir);
                // Index entries whose file was already gone.
                var removedIds = new HashSet<string>(StringComparer.Ordinal);
                foreach (var c in changes) removedIds.Add(c.Id);
                foreach (var kv in _index.Entries)
                {
                    if (kv.Value.UnixMs < cutoffMs && matcher.TypeMatches(kv.Value.Type) && !removedIds.Contains(kv.Key)
                        && !FileOrTwinExists(kv.Value.Path)) changes.Add(new IndexChange(kv.Key, null));
                }
                _index.Append(changes);
                AfterChangesLocked(ChangeEnd.Maintenance);
            }
            FileOps.ForgetDirectories(_layout.Root);
            return new RetentionResult
            {
                Store = _layout.Root, Backend = Backend, Cutoff = cutoff, RemovedCount = removed,
                Types = types == null ? Array.Empty<PatternType>() : new List<PatternType>(types).ToArray(),
                Duration = clock.Elapsed,
            };
        }

        /// <summary>Day folders that may hold something older than the cutoff, oldest first (names only: cheap, and gives progress a total).</summary>
        private List<DayFolder> OldDayFolders(DateTime maxDate, long cutoffMs)
        {
            var list = new List<DayFolder>();
            foreach (var day in StoreScanner.DayFolders(_layout.Root, newestFirst: false, null, maxDate))
            {
                if (day.MinUnixMs >= cutoffMs) break;
                list.Add(day);
            }
            return list;
        }

        /// <summary>Files deleted between two progress reports.</summary>
        private const int ProgressChunk = 512;

        public CompressionResult Compress(DateTimeOffset olderThan, bool whatIf = false, IProgress<StoreProgress>? progress = null)
        {
            ThrowIfDisposed();
            var clock = Stopwatch.StartNew();
            var result = new CompressionResult { Store = _layout.Root, Backend = Backend, OlderThan = olderThan, WhatIf = whatIf };
            var cutoffMs = IsoTimestamp.ToUnixMs(olderThan);
            Refresh();
            if (!whatIf) EnsureWritableFolder(_layout.TempDir);
            var days = OldDayFolders(olderThan.UtcDateTime.Date.AddDays(1), cutoffMs);
            for (var d = 0; d < days.Count; d++)
            {
                var day = days[d];
                progress?.Report(new StoreProgress(whatIf ? "Checking" : "Compressing", d, days.Count, day.FullPath));
                var wholeFolderOld = day.MaxUnixMsExclusive <= cutoffMs;
                var prefix = _layout.RelativePath(day.FullPath) + "/";
                var names = StoreScanner.PatternFileNames(day.FullPath);
                var nameSet = new HashSet<string>(names, StringComparer.Ordinal);
                var todo = new List<string>();
                foreach (var name in names)
                    if (!StoreLayout.IsGzip(name) && !nameSet.Contains(name + ".gz")) todo.Add(name); // else already compressed (a leftover pair is Repair's job)
                var done = new (string Full, string Rel, long Before)[todo.Count];
                var gzipped = new byte[]?[todo.Count];
                var temps = new string?[todo.Count];
                // Read + gzip + durable temp write per file in parallel (CPU and disk waits overlap).
                ParallelUnwrapped(todo.Count, CompressParallelism, i =>
                {
                    var full = Path.Combine(day.FullPath, todo[i]);
                    var rel = prefix + todo[i];
                    byte[]? bytes;
                    // The one reader: a linked file is refused (never compressed through), a huge one too; one warning each.
                    try { bytes = PatternFileReader.ReadBytes(full); }
                    catch (Exception e) when (PatternFileReader.IsReadFailure(e)) { _warnings.Add(PatternFileReader.Unreadable(full, e)); return; }
                    if (bytes == null) return; // removed meanwhile
                    if (!wholeFolderOld)
                    {
                        var entry = _index.IdAt(rel) is string id ? _index.Find(id) : null;
                        long ms;
                        if (entry != null) ms = entry.UnixMs;
                        else
                        {
                            var p = PatternFileReader.TryParse(full, bytes, _warnings.Add);
                            if (p == null) return;
                            ms = IsoTimestamp.ToUnixMs(p.Timestamp);
                        }
                        if (ms >= cutoffMs) return;
                    }
                    gzipped[i] = FileOps.Gzip(bytes);
                    done[i] = (full, rel, bytes.Length);
                    // Each .gz made durable by its own fsync before any original goes: several in flight share
                    // the disk's journal commits, and a sync(2) would also wait for every other process's writes.
                    if (!whatIf) temps[i] = FileOps.WriteTemp(_layout.TempDir, gzipped[i]!, gzipped[i]!.Length, FlushEachSave, _layout.Root);
                });
                var batch = new List<(string Full, string Rel, string Temp)>();
                for (var i = 0; i < done.Length; i++)
                {
                    if (gzipped[i] == null) continue;
                    var gz = gzipped[i]!;
                    result.CompressedCount++;
                    result.BytesBefore += done[i].Before;
                    result.BytesAfter += gz.Length;
                    if (temps[i] != null) batch.Add((done[i].Full, done[i].Rel, temps[i]!));
                }
                if (batch.Count > 0) CommitCompressed(day.FullPath, batch);
            }
            progress?.Report(new StoreProgress(whatIf ? "Checking" : "Compressing", days.Count, days.Count));
            if (!whatIf) EndMaintenance(); // index.json brought up to date, also when nothing was old enough to compress
            result.Duration = clock.Elapsed;
            return result;
        }

        /// <summary>The end of a maintenance command that committed changes folder by folder: index.json brought up to date.</summary>
        private void EndMaintenance()
        {
            using (_index.Lock())
            {
                RefreshLocked();
                AfterChangesLocked(ChangeEnd.Maintenance);
            }
        }

        /// <summary>
        /// One folder's gzipped temp files (each already flushed to disk), under the lock renamed to
        /// X.json.gz, journaled, the folder flushed, and X.json deleted. A crash between leaves both; readers
        /// prefer the indexed one. A power cut cannot keep a deletion and lose the rename before it.
        /// </summary>
        private void CommitCompressed(string dayDir, List<(string Full, string Rel, string Temp)> batch)
        {
            using (_index.Lock())
            {
                RefreshLocked();
                var changes = new List<IndexChange>();
                var done = new List<string>();
                foreach (var (full, rel, temp) in batch)
                {
                    if (!File.Exists(full)) { FileOps.TryDelete(temp); continue; } // removed meanwhile
                    FileOps.ReplaceMove(temp, full + ".gz", _layout.Root);
                    done.Add(full);
                    var id = _index.IdAt(rel);
                    var entry = id == null ? null : _index.Find(id);
                    if (entry != null) changes.Add(new IndexChange(id!, entry.WithPath(rel + ".gz"), moved: true));
                }
                _index.Append(changes);
                if (done.Count > 0 && FlushEachSave) FileOps.SyncDirectory(dayDir);
                Parallel.For(0, done.Count, new ParallelOptions { MaxDegreeOfParallelism = DeleteParallelism }, i => FileOps.TryDelete(done[i]));
                AfterChangesLocked(ChangeEnd.Batch);
            }
        }

        public StoreInfo GetInfo()
        {
            ThrowIfDisposed();
            Refresh();
            var info = new StoreInfo { Path = _layout.Root, Backend = Backend };
            foreach (PatternType t in Enum.GetValues(typeof(PatternType))) info.CountByType[t] = 0;
            long? oldest = null, newest = null;
            foreach (var kv in _index.Entries)
            {
                info.Count++;
                info.CountByType[kv.Value.Type]++;
                if (oldest == null || kv.Value.UnixMs < oldest) { oldest = kv.Value.UnixMs; info.Oldest = Parse(kv.Value.Timestamp); }
                if (newest == null || kv.Value.UnixMs > newest) { newest = kv.Value.UnixMs; info.Newest = Parse(kv.Value.Timestamp); }
            }
            foreach (var f in StoreScanner.AllFiles(_layout.Root)) // links are not followed: what they point to is not the store's
            {
                try { info.SizeBytes += f.Length; }
                catch (IOException) { }
            }
            return info;
        }

        /// <summary>
        /// The explicit check: reads every .json / .json.gz file in the date folders (without the lock, so
        /// writers keep going), then under the lock checks each finding again and quarantines unreadable or
        /// mismatched files, renames valid misnamed ones, deletes old temp files anywhere and rebuilds the index.
        /// </summary>
        public RepairResult Repair(bool whatIf = false, IProgress<StoreProgress>? progress = null)
        {
            ThrowIfDisposed();
            var clock = Stopwatch.StartNew();
            var result = new RepairResult { Store = _layout.Root, Backend = Backend, WhatIf = whatIf };
            _index.TryRefresh(); // never rebuilds here: with -WhatIf a missing index must stay missing (and reported)
            var linkedFolders = new List<string>();
            progress?.Report(new StoreProgress("Reading every pattern file", 0, 3));
            var suspects = StoreVerifier.Scan(_layout, _index, linkedFolders);
            progress?.Report(new StoreProgress("Checking what looked wrong", 1, 3));
            foreach (var folder in linkedFolders)
                result.Problems.Add(LinkRefusedException.Describe(folder) + ". Move the patterns into a real folder, or remove the link.");
            using (_index.Lock())
            {
                var trusted = _index.TryRefresh();
                if (!trusted) result.Problems.Add("The index must be rebuilt: " + _index.StaleReason);
                var hint = new Dictionary<string, IndexEntry>(_index.Count, StringComparer.Ordinal);
                if (trusted || _index.HasEntries) hint.FillFrom(_index.Entries);
                var indexJsonState = IndexJsonProblem();
                if (indexJsonState != null) result.Problems.Add(indexJsonState);
                if (!trusted && File.Exists(_layout.IndexPath))
                {
                    try { hint.FillFrom(IndexSnapshot.Read(_layout.IndexPath, _layout)); }
                    catch (Exception e) when (e is System.Text.Json.JsonException || e is IOException || e is UnauthorizedAccessException) { }
                }
                var exclude = new HashSet<string>(StringComparer.Ordinal);
                var distrust = new HashSet<string>(StringComparer.Ordinal);
                var renamed = 0;
                var keysFilled = 0;
                foreach (var suspect in suspects)
                {
                    var f = StoreVerifier.Check(_layout, _index, suspect.RelativePath); // again, under the lock
                    if (f == null) continue;
                    if (f.Kind == FileFindingKind.FactsMissing) { distrust.Add(f.RelativePath); keysFilled++; continue; }
                    result.Problems.Add(f.Problem);
                    if (f.Kind == FileFindingKind.IndexMismatch || f.Kind == FileFindingKind.FactsStale) { distrust.Add(f.RelativePath); continue; }
                    exclude.Add(f.RelativePath);
                    if (f.Kind == FileFindingKind.Link) continue; // reported, left alone: what it points to is not ours to move
                    if (f.Kind == FileFindingKind.Misnamed && KeptCopyOf(f.PatternId!, f.Canonical!.Path, hint) is string kept)
                        result.Problems.Add($"'{_layout.FullPath(f.RelativePath)}' is a second copy of pattern '{f.PatternId}' (kept: '{kept}').");
                    else if (f.Kind == FileFindingKind.Misnamed)
                    {
                        var target = _layout.FullPath(f.Canonical!.Path);
                        result.Actions.Add($"Rename '{_layout.FullPath(f.RelativePath)}' to '{target}'.");
                        renamed++;
                        if (whatIf) continue;
                        EnsureWritableFolder(Path.GetDirectoryName(target)!);
                        FileOps.ReplaceMove(_layout.FullPath(f.RelativePath), target, _layout.Root);
                        continue;
                    }
                    Quarantine(f.RelativePath, result, whatIf);
                }
                progress?.Report(new StoreProgress("Rebuilding the index", 2, 3));
                var report = IndexRebuilder.Rebuild(_layout, hint, exclude, distrust);
                result.Problems.AddRange(report.Problems);
                foreach (var rel in report.Unreadable) Quarantine(rel, result, whatIf);
                foreach (var rel in report.Duplicates)
                {
                    result.Actions.Add($"Delete duplicate copy '{_layout.FullPath(rel)}'.");
                    if (!whatIf) FileOps.TryDelete(_layout.FullPath(rel));
                }
                foreach (var temp in CleanStrayTempFiles(whatIf))
                {
                    result.Problems.Add($"Leftover temp file '{temp}'.");
                    result.Actions.Add($"Delete leftover temp file '{temp}'.");
                }
                var rebuild = result.Problems.Count > 0 || keysFilled > 0;
                if (keysFilled > 0) result.Actions.Add($"Record the query keys of {keysFilled} patterns in the index (written by the original or an earlier release), so queries need not read their files.");
                if (result.Problems.Count > 0) result.Actions.Add($"Rebuild the index ('{_layout.SnapshotPath}' and the original's '{_layout.IndexPath}') from the pattern files ({report.Map.Count + (whatIf ? renamed : 0)} patterns).");
                else if (_index.Unexported > 0) result.Actions.Add($"Bring '{_layout.IndexPath}' up to date for the original library ({_index.Unexported} changes since it was written).");
                if (!whatIf && rebuild) _index.Checkpoint(report.Map, exportIndexJson: true);
                else if (!whatIf) AfterChangesLocked(ChangeEnd.Maintenance);
                result.PatternCount = report.Map.Count + (whatIf ? renamed : 0);
            }
            result.Duration = clock.Elapsed;
            progress?.Report(new StoreProgress("Rebuilding the index", 3, 3));
            return result;
        }

        /// <summary>What is wrong with the original's index.json for the original library, or null: missing (with patterns to list) or unreadable.</summary>
        private string? IndexJsonProblem()
        {
            if (!File.Exists(_layout.IndexPath))
                return _index.Count > 0 || !_index.HasEntries ? $"The original's index '{_layout.IndexPath}' is missing (the original library finds patterns by type through it)." : null;
            try { IndexSnapshot.Read(_layout.IndexPath, _layout); return null; }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is IOException || e is UnauthorizedAccessException)
            {
                return $"The original's index '{_layout.IndexPath}' is unreadable ({e.Message}).";
            }
        }

        /// <summary>Where another copy of a pattern already lives (its canonical path, or where the index files it), or null.</summary>
        private string? KeptCopyOf(string id, string canonicalRel, Dictionary<string, IndexEntry>? hint)
        {
            if (FileOrTwinExists(canonicalRel)) return _layout.FullPath(canonicalRel);
            if (hint != null && hint.TryGetValue(id, out var e) && FileOrTwinExists(e.Path)) return _layout.FullPath(e.Path);
            return null;
        }

        /// <summary>Moves a file into .moai/quarantine/ under its relative path flattened, never over an earlier one.</summary>
        private void Quarantine(string rel, RepairResult result, bool whatIf)
        {
            var target = Path.Combine(_layout.QuarantineDir, rel.Replace('/', '_'));
            var free = target;
            for (var n = 2; File.Exists(free) && n < 1000; n++) free = target + "~" + n;
            result.Actions.Add($"Move unreadable '{_layout.FullPath(rel)}' to '{free}'.");
            if (whatIf) return;
            EnsureWritableFolder(_layout.QuarantineDir);
            FileOps.ReplaceMove(_layout.FullPath(rel), free, _layout.Root);
        }

        /// <summary>Temp files (<c>.tmp-*</c>) older than the grace period anywhere in the store, deleted unless whatIf.</summary>
        private List<string> CleanStrayTempFiles(bool whatIf)
        {
            var found = new List<string>();
            var cutoff = DateTime.UtcNow - TempFileGrace;
            foreach (var f in StoreScanner.AllFiles(_layout.Root)) // never into a linked folder
            {
                if (!f.Name.StartsWith(FileOps.TempPrefix, StringComparison.Ordinal)) continue;
                try { if (f.LastWriteTimeUtc > cutoff) continue; }
                catch (IOException) { continue; } // removed meanwhile
                found.Add(f.FullName);
                if (!whatIf) FileOps.TryDelete(f.FullName);
            }
            return found;
        }

        public IReadOnlyList<string> SuggestIds(string prefix, int max)
        {
            ThrowIfDisposed();
            Refresh();
            var list = new List<string>();
            foreach (var id in _index.Entries.Keys)
                if (id.StartsWith(prefix ?? "", StringComparison.OrdinalIgnoreCase)) list.Add(id);
            list.Sort(StringComparer.Ordinal);
            return list.Count > max ? list.GetRange(0, Math.Max(0, max)) : list;
        }

        public IReadOnlyList<string> SuggestTags(string prefix, int max) => Suggest(prefix, max, k => k.Tags);

        public IReadOnlyList<string> SuggestAgents(string prefix, int max) => Suggest(prefix, max, k => k.Agent == null ? Array.Empty<string>() : new[] { k.Agent });

        /// <summary>Distinct folded keys (as the query compares them) from the newest <see cref="SuggestionScanLimit"/> patterns.</summary>
        private IReadOnlyList<string> Suggest(string prefix, int max, Func<PatternKeys, IEnumerable<string>> values)
        {
            var folded = Folding.Fold(prefix ?? "");
            var seen = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var p in Find(new PatternQuery { First = SuggestionScanLimit }))
                foreach (var v in values(PatternKeys.Of(p)))
                    if (v.StartsWith(folded, StringComparison.Ordinal)) seen.Add(v);
            var list = new List<string>(seen);
            return list.Count > max ? list.GetRange(0, Math.Max(0, max)) : list;
        }

        /// <summary>Parallel.For that rethrows the first failure as itself (an IOException stays one), not as an AggregateException.</summary>
        private static void ParallelUnwrapped(int count, int degree, Action<int> body)
        {
            try { Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = degree }, body); }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
        }

        private bool FileOrTwinExists(string rel) =>
            (_layout.TryRealPath(rel, out var a) && File.Exists(a)) || (_layout.TryRealPath(StoreLayout.Twin(rel), out var b) && File.Exists(b));

        private static DateTimeOffset? Parse(string text) => IsoTimestamp.TryParse(text, out var v) ? v : (DateTimeOffset?)null;

        private void TryDeleteEmptyFolders(string dayDir)
        {
            var dir = dayDir;
            for (var i = 0; i < 3 && dir != null; i++)
            {
                try
                {
                    if (Directory.EnumerateFileSystemEntries(dir).GetEnumerator().MoveNext()) return;
                    Directory.Delete(dir);
                }
                catch (IOException) { return; }
                dir = Path.GetDirectoryName(dir);
            }
        }
    }
}
