using MoaiPatterns.Input;
using System;
using System.Collections.Generic;
using System.IO;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// Bulk saving: each pattern is written to a temp file at once; every <see cref="BatchSize"/> patterns,
    /// and on Flush/Dispose, the batch's temp files are flushed to disk (each its own fsync, several in
    /// flight), then one lock journals the batch and renames its files into place. Flush and Dispose also
    /// flush the journal and the folders the files went into, so what they committed survives a power cut.
    /// Dispose ends the command: index.json is brought up to date if enough changed.
    /// </summary>
    internal sealed class FileSystemPatternWriter : IPatternWriter
    {
        public const int BatchSize = 512;

        private readonly FileSystemPatternStore _store;
        private readonly List<FileSystemPatternStore.PendingFile> _pending = new List<FileSystemPatternStore.PendingFile>(BatchSize);
        /// <summary>The pending temp files, still open: each is flushed through its own handle before the batch's renames.</summary>
        private readonly List<FileStream> _open = new List<FileStream>(BatchSize);
        private readonly HashSet<string> _unsyncedFolders = new HashSet<string>(StringComparer.Ordinal);
        private bool _disposed;

        public FileSystemPatternWriter(FileSystemPatternStore store) => _store = store;

        public long Committed { get; private set; }

        public void Add(ValidatedPattern valid)
        {
            if (valid == null) throw new ArgumentNullException(nameof(valid));
            if (_disposed) throw new ObjectDisposedException(nameof(FileSystemPatternWriter));
            var pattern = valid.Pattern;
            var layout = _store.Layout;
            var rel = StoreLayout.RelativePathFor(pattern);
            var target = layout.FullPath(rel);
            _store.EnsureWritableFolder(Path.GetDirectoryName(target)!);
            _store.EnsureWritableFolder(layout.TempDir);
            var bytes = PatternJson.ToUtf8Bytes(pattern);
            var (temp, stream) = FileOps.CreateTemp(layout.TempDir, bytes, bytes.Length, layout.Root);
            if (_store.FlushEachSave) _open.Add(stream); // flushed with its batch
            else stream.Dispose();
            _pending.Add(new FileSystemPatternStore.PendingFile(pattern, rel, target, temp));
            if (_pending.Count >= BatchSize) Commit(FileSystemPatternStore.ChangeEnd.Batch, durable: false);
        }

        public void Flush() => Commit(FileSystemPatternStore.ChangeEnd.Batch, durable: true);

        public void Dispose()
        {
            if (_disposed) return;
            try { Commit(FileSystemPatternStore.ChangeEnd.Command, durable: true); }
            finally
            {
                _disposed = true;
                foreach (var s in _open) s.Dispose();
                _open.Clear();
                foreach (var f in _pending) FileOps.TryDelete(f.Temp);
                _pending.Clear();
            }
        }

        private void Commit(FileSystemPatternStore.ChangeEnd end, bool durable)
        {
            var flush = _store.FlushEachSave;
            if (_pending.Count > 0)
            {
                try { FileOps.FlushAll(_open); } // each file's data on disk before any rename can be
                catch
                {
                    // Not on disk for sure: the batch is not committed (its temp files go), and the failure is the caller's.
                    foreach (var f in _pending) FileOps.TryDelete(f.Temp);
                    _pending.Clear();
                    throw;
                }
                finally { _open.Clear(); }
                _store.CommitBatch(_pending, end);
                _unsyncedFolders.UnionWith(FileSystemPatternStore.DistinctFolders(_pending));
                Committed += _pending.Count;
                _pending.Clear();
            }
            else if (end == FileSystemPatternStore.ChangeEnd.Command && Committed > 0)
            {
                _store.EndWritingCommand();
            }
            if (durable && flush && _unsyncedFolders.Count > 0)
            {
                // The renames and the index of everything committed so far reach the disk too: the folders the
                // files went into, the journal, and the snapshot and .moai/ in case a checkpoint replaced them.
                var layout = _store.Layout;
                _unsyncedFolders.Add(layout.PrivateDir);
                FileOps.FlushFilesAndFolders(new[] { layout.JournalPath, layout.SnapshotPath }, _unsyncedFolders);
                _unsyncedFolders.Clear();
            }
        }
    }
}
