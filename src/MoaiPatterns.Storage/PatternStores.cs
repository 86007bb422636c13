using System;
using System.IO;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage
{
    /// <summary>
    /// Opens a store by path. A store is known by its content before its name: a file starting with the
    /// SQLite header is SQLite whatever it is called, a folder is a filesystem store. Only a path that
    /// does not exist yet is judged by name (<c>.db</c>, <c>.sqlite</c>, <c>.sqlite3</c> = SQLite, else a
    /// folder). A regular file that is neither is refused with <see cref="NotAPatternStoreException"/>.
    /// </summary>
    public static class PatternStores
    {
        // The first 16 bytes of every SQLite 3 database file.
        private static readonly byte[] SqliteHeader = System.Text.Encoding.ASCII.GetBytes("SQLite format 3\0");

        /// <exception cref="NotAPatternStoreException">The path is a regular file that is no store.</exception>
        public static StoreBackend DetectBackend(string path)
        {
            var full = path.TrimEnd('/', '\\');
            if (Directory.Exists(full)) return StoreBackend.FileSystem;
            if (!File.Exists(full)) return HasSqliteName(full) ? StoreBackend.Sqlite : StoreBackend.FileSystem;
            if (HasSqliteHeader(full)) return StoreBackend.Sqlite;
            // An empty file or a damaged database named as one: SQLite's own open decides (empty = new, else StoreCorrupt).
            if (HasSqliteName(full)) return StoreBackend.Sqlite;
            throw new NotAPatternStoreException(full, "is not a pattern store: it is a file that is neither a SQLite database nor a store folder.");
        }

        /// <summary>
        /// Opens the store at a full path. When it does not exist: created if <paramref name="create"/>,
        /// else <see cref="StoreNotFoundException"/>. A <paramref name="backend"/> given explicitly is
        /// still checked against what the path holds.
        /// </summary>
        public static IPatternStore Open(string fullPath, StoreBackend? backend = null, bool create = false)
        {
            var kind = backend ?? DetectBackend(fullPath);
            if (backend != null && File.Exists(fullPath.TrimEnd('/', '\\'))) CheckFileFor(kind, fullPath.TrimEnd('/', '\\'));
            switch (kind)
            {
                case StoreBackend.Sqlite: return Sqlite.SqlitePatternStore.Open(fullPath, create);
                case StoreBackend.FileSystem: return FileSystem.FileSystemPatternStore.Open(fullPath, create);
                default: throw new ArgumentOutOfRangeException(nameof(backend), kind, "Unknown backend.");
            }
        }

        private static void CheckFileFor(StoreBackend kind, string file)
        {
            var sqlite = HasSqliteHeader(file);
            if (kind == StoreBackend.FileSystem)
            {
                throw new NotAPatternStoreException(file, sqlite
                    ? "is not a filesystem pattern store: it is a SQLite database."
                    : "is not a pattern store: it is a file, and a filesystem store is a folder.",
                    sqlite ? "Open it without -Backend FileSystem." : null);
            }
            if (!sqlite && !HasSqliteName(file) && new FileInfo(file).Length > 0)
                throw new NotAPatternStoreException(file, "is not a pattern store: it is a file that is not a SQLite database.");
        }

        private static bool HasSqliteName(string path)
        {
            var ext = Path.GetExtension(path);
            return ext.Equals(".db", StringComparison.OrdinalIgnoreCase)
                || ext.Equals(".sqlite", StringComparison.OrdinalIgnoreCase)
                || ext.Equals(".sqlite3", StringComparison.OrdinalIgnoreCase);
        }

        private static bool HasSqliteHeader(string file)
        {
            var buffer = new byte[SqliteHeader.Length];
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = stream.Read(buffer, read, buffer.Length - read);
                    if (n == 0) return false;
                    read += n;
                }
            }
            for (var i = 0; i < buffer.Length; i++) if (buffer[i] != SqliteHeader[i]) return false;
            return true;
        }
    }
}
