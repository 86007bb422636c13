using System;
using System.IO;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage
{
    /// <summary>Opens a store by path: <c>.db</c>, <c>.sqlite</c>, <c>.sqlite3</c> are SQLite, anything else a filesystem folder.</summary>
    public static class PatternStores
    {
        public static StoreBackend DetectBackend(string path)
        {
            var ext = Path.GetExtension(path.TrimEnd('/', '\\'));
            return ext.Equals(".db", StringComparison.OrdinalIgnoreCase)
                || ext.Equals(".sqlite", StringComparison.OrdinalIgnoreCase)
                || ext.Equals(".sqlite3", StringComparison.OrdinalIgnoreCase)
                ? StoreBackend.Sqlite : StoreBackend.FileSystem;
        }

        /// <summary>
        /// Opens the store at a full path. When it does not exist: created if <paramref name="create"/>,
        /// else <see cref="StoreNotFoundException"/>.
        /// </summary>
        public static IPatternStore Open(string fullPath, StoreBackend? backend = null, bool create = false)
        {
            var kind = backend ?? DetectBackend(fullPath);
            switch (kind)
            {
                case StoreBackend.Sqlite: return Sqlite.SqlitePatternStore.Open(fullPath, create);
                case StoreBackend.FileSystem: return FileSystem.FileSystemPatternStore.Open(fullPath, create);
                default: throw new ArgumentOutOfRangeException(nameof(backend), kind, "Unknown backend.");
            }
        }
    }
}
