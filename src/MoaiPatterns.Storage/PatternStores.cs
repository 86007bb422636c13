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
            if (IsAddress(path)) return StoreBackend.PostgreSql;
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
            if (kind == StoreBackend.PostgreSql || IsAddress(fullPath)) return OpenPostgreSql(fullPath, kind, create);
            if (backend != null && File.Exists(fullPath.TrimEnd('/', '\\'))) CheckFileFor(kind, fullPath.TrimEnd('/', '\\'));
            switch (kind)
            {
                case StoreBackend.Sqlite: return Sqlite.SqlitePatternStore.Open(fullPath, create);
                case StoreBackend.FileSystem: return FileSystem.FileSystemPatternStore.Open(fullPath, create);
                default: throw new ArgumentOutOfRangeException(nameof(backend), kind, "Unknown backend.");
            }
        }

        /// <summary>True for a PostgreSQL address (<c>postgresql://</c> or <c>postgres://</c>): not a path.</summary>
        public static bool IsAddress(string? text) => PostgreSql.PostgresTarget.IsAddress(text);

        private static IPatternStore OpenPostgreSql(string address, StoreBackend kind, bool create)
        {
            if (!IsAddress(address))
                throw new NotAPatternStoreException(address, "is not a PostgreSQL address.",
                    "Write it as postgresql://[user@]host[:port]/database[?schema=name], or use Open-MoaiPatternStore -ConnectionString.");
            if (kind != StoreBackend.PostgreSql)
                throw new NotAPatternStoreException(PostgreSql.PostgresTarget.Redacted(address), $"is a PostgreSQL address, not a {kind} store.", "Open it without -Backend, or with -Backend PostgreSql.");
            return PostgreSql.PostgresPatternStore.Open(PostgreSql.PostgresTarget.FromAddress(address), create);
        }

        /// <summary>
        /// Opens a PostgreSQL store from an address or an Npgsql connection string, with an optional user and
        /// password (from a PSCredential) that win over any in the text. Without a password Npgsql uses
        /// PGPASSWORD or the pgpass file; it never prompts.
        /// </summary>
        public static IPatternStore OpenPostgreSql(string addressOrConnectionString, string? user, string? password, string? schema, bool create)
        {
            var target = IsAddress(addressOrConnectionString)
                ? PostgreSql.PostgresTarget.FromAddress(addressOrConnectionString, user, password)
                : PostgreSql.PostgresTarget.FromConnectionString(addressOrConnectionString, user, password, schema);
            return PostgreSql.PostgresPatternStore.Open(target, create);
        }

        /// <summary>The form of an address or connection string fit for output: no password.</summary>
        public static string DisplayAddress(string addressOrConnectionString) =>
            IsAddress(addressOrConnectionString) ? PostgreSql.PostgresTarget.Redacted(addressOrConnectionString) : "(connection string)";

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
