using System;
using System.Collections.Generic;
using System.IO;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// Bulk saving: each pattern is written to a temp file at once (no per-file flush); every
    /// <see cref="BatchSize"/> patterns, and on Flush/Dispose, one lock journals the batch and renames
    /// its files into place, then one sync makes them durable.
    /// </summary>
    internal sealed class FileSystemPatternWriter : IPatternWriter
    {
        public const int BatchSize = 512;

        private readonly FileSystemPatternStore _store;
        private readonly List<FileSystemPatternStore.PendingFile> _pending = new List<FileSystemPatternStore.PendingFile>(BatchSize);
        private bool _disposed;

        public FileSystemPatternWriter(FileSystemPatternStore store) => _store = store;

        public long Committed { get; private set; }

        public void Add(MoaiPattern pattern)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            if (_disposed) throw new ObjectDisposedException(nameof(FileSystemPatternWriter));
            PatternValidator.EnsureValid(pattern);
            var layout = _store.Layout;
            var rel = StoreLayout.RelativePathFor(pattern);
            var target = layout.FullPath(rel);
            _store.EnsureWritableFolder(Path.GetDirectoryName(target)!);
            _store.EnsureWritableFolder(layout.TempDir);
            var bytes = PatternJson.ToUtf8Bytes(pattern);
            var temp = FileOps.WriteTemp(layout.TempDir, bytes, bytes.Length, flushToDisk: false, layout.Root);
            _pending.Add(new FileSystemPatternStore.PendingFile(pattern, rel, target, temp));
            if (_pending.Count >= BatchSize) Commit(sync: false);
        }

        public void Flush() => Commit(sync: true);

        public void Dispose()
        {
            if (_disposed) return;
            try { Flush(); }
            finally
            {
                _disposed = true;
                foreach (var f in _pending) FileOps.TryDelete(f.Temp);
                _pending.Clear();
            }
        }

        private void Commit(bool sync)
        {
            if (_pending.Count > 0)
            {
                _store.CommitBatch(_pending);
                Committed += _pending.Count;
                _pending.Clear();
            }
            if (sync) FileOps.SyncAll();
        }
    }
}
