using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>
    /// The store's one connection: opened lazily (WAL, busy timeout, schema upgrade, backfill), closed by
    /// <see cref="Release"/> so no file stays locked between cmdlets. Pooling is off for the same reason.
    /// Also owns the write transaction (BEGIN IMMEDIATE, nestable) and the prepared statements.
    /// Closing does not checkpoint (SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE): SQLite would otherwise fsync and
    /// delete the -wal/-shm files on every close and recreate them on the next open, which made every
    /// cmdlet call cost milliseconds (file creation, fsync). Release checkpoints only a WAL grown past
    /// <see cref="ReleaseCheckpointBytes"/> (bounding the WAL replay of the next open); otherwise SQLite's
    /// autocheckpoint (1,000 pages) keeps the WAL small and the -wal stays beside the .db.
    /// </summary>
    internal sealed class SqliteConnectionHolder : IDisposable
    {
        private const int SqliteReadOnly = 8, SqliteCorrupt = 11, SqliteCantOpen = 14, SqliteNotADb = 26;
        private const int DbConfigNoCheckpointOnClose = 1006; // SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE

        /// <summary>A WAL larger than this at Release is checkpointed (without waiting for other readers) and truncated.</summary>
        public const long ReleaseCheckpointBytes = 1L << 20;
        private readonly string _path;
        private readonly bool _create;
        private SqliteConnection? _connection;
        private SqliteRowWriter? _rowWriter;
        private readonly Dictionary<string, SqliteCommand> _commands = new Dictionary<string, SqliteCommand>();
        private int _writeDepth;

        public SqliteConnectionHolder(string path, bool create)
        {
            _path = path;
            _create = create;
        }

        public List<StoreWarning> Warnings { get; } = new List<StoreWarning>();

        public SqliteConnection Connection => _connection ?? Open();

        public SqliteRowWriter RowWriter => _rowWriter ??= new SqliteRowWriter(Connection);

        public bool InWriteTransaction => _writeDepth > 0;

        /// <summary>The file or its folder may not be written by this user: reads work, writes fail at once.</summary>
        public bool ReadOnly { get; private set; }

        private static SqliteConnection Connect(string dataSource, SqliteOpenMode mode)
        {
            var c = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = dataSource,
                Mode = mode,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString());
            c.Open();
            // Read the header before anything can write: a file that is not a database is reported, never overwritten.
            SqliteMigrator.Exec(c, "PRAGMA busy_timeout = 30000");
            return c;
        }

        /// <summary>False when the first read fails because SQLite cannot create the WAL's shared-memory file.</summary>
        private static bool TryProbe(SqliteConnection c)
        {
            try
            {
                using var probe = c.CreateCommand();
                probe.CommandText = "SELECT count(*) FROM sqlite_master";
                probe.ExecuteScalar();
                return true;
            }
            catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) == SqliteCantOpen || (e.SqliteErrorCode & 0xFF) == SqliteReadOnly)
            {
                return false;
            }
        }

        /// <summary>
        /// Reads a WAL database whose folder is read-only. With no -wal file beside it every committed write is
        /// in the main file, and nobody without write access to the folder can add one, so SQLite may treat it
        /// as immutable (no locks, no -shm). With a -wal present that cannot be opened, reading would miss saves.
        /// </summary>
        private SqliteConnection OpenReadOnlyWithoutSharedMemory()
        {
            if (File.Exists(_path + "-wal") && new FileInfo(_path + "-wal").Length > 0)
                throw new StoreAccessException(StoreFailure.ReadOnly, _path,
                    "cannot be read: its folder is read-only for this user and recent saves are still in its -wal file, which only a user who may write the folder can merge (open the store once as that user).");
            var uri = new Uri(Path.GetFullPath(_path)).AbsoluteUri + "?immutable=1";
            var c = Connect(uri, SqliteOpenMode.ReadOnly);
            if (!TryProbe(c))
            {
                c.Dispose();
                throw new StoreAccessException(StoreFailure.ReadOnly, _path, "cannot be opened for reading by this user.");
            }
            return c;
        }

        /// <summary>A prepared command kept for the life of the connection (same SQL = same statement, reused).</summary>
        public SqliteCommand Command(string sql)
        {
            var c = Connection;
            if (_commands.TryGetValue(sql, out var cmd)) return cmd;
            cmd = c.CreateCommand();
            cmd.CommandText = sql;
            _commands[sql] = cmd;
            return cmd;
        }

        public void BeginWrite()
        {
            if (ReadOnly && _writeDepth == 0)
                throw new StoreAccessException(StoreFailure.ReadOnly, _path, "cannot be written: the database file or its folder is read-only for this user.");
            if (_writeDepth == 0)
            {
                SqliteMigrator.Exec(Connection, "BEGIN IMMEDIATE");
                RowWriter.ResetDocIds();
            }
            _writeDepth++;
        }

        public void Commit()
        {
            if (_writeDepth == 0) return;
            if (--_writeDepth == 0) SqliteMigrator.Exec(Connection, "COMMIT");
        }

        /// <summary>Runs <paramref name="body"/> in the write transaction (BEGIN IMMEDIATE, or nested in the open one):
        /// committed when it returns, rolled back when it throws. The one place writes begin and end.</summary>
        public T InWrite<T>(Func<T> body)
        {
            BeginWrite();
            try
            {
                var result = body();
                Commit();
                return result;
            }
            catch
            {
                Rollback();
                throw;
            }
        }

        public void InWrite(Action body) => InWrite(() => { body(); return true; });

        /// <summary>Abandons the whole write transaction, however deeply nested.</summary>
        public void Rollback()
        {
            if (_writeDepth == 0) return;
            _writeDepth = 0;
            if (_connection != null)
            {
                try { SqliteMigrator.Exec(_connection, "ROLLBACK"); } catch (SqliteException) { /* already rolled back by SQLite */ }
            }
        }

        private const string ReadCacheKib = "-16384";
        private const string BulkCacheKib = "-65536";
        /// <summary>SQLite's default autocheckpoint, in pages (about 4 MB).</summary>
        private const int DefaultCheckpointPages = 1000;
        /// <summary>While a bulk writer runs (about 64 MB of WAL): each batch commit dirties more than 1,000 pages of
        /// random-keyed indexes, so the default ran a checkpoint (copy and fsync) after every commit, a third of a
        /// bulk save's time at 100,000 (docs/PERFORMANCE.md, issue 16). Durability is unchanged: commits never fsync
        /// in WAL with synchronous=NORMAL; the checkpoints that do come less often, and Release still truncates the WAL.</summary>
        private const int BulkCheckpointPages = 16384;

        /// <summary>
        /// Indexes of a large store must stay in memory while a batch writes: 64 MB during bulk saves, 16 MB
        /// otherwise; and a bulk writer's WAL is checkpointed every 64 MB instead of every 4 MB.
        /// </summary>
        public void UseBulkCache(bool bulk)
        {
            if (_connection == null && !bulk) return;
            SqliteMigrator.Exec(Connection, "PRAGMA cache_size = " + (bulk ? BulkCacheKib : ReadCacheKib));
            SqliteMigrator.Exec(Connection, "PRAGMA wal_autocheckpoint = " + (bulk ? BulkCheckpointPages : DefaultCheckpointPages));
        }

        private SqliteConnection Open()
        {
            var exists = File.Exists(_path);
            if (!exists)
            {
                if (!_create) throw new StoreNotFoundException(_path);
                var dir = Path.GetDirectoryName(_path);
                if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
                try { UnixPermissions.CreateOwnerOnlyFile(_path); } catch (IOException) when (File.Exists(_path)) { /* another process created it */ }
            }
            var c = Connect(_path, SqliteOpenMode.ReadWrite);
            try
            {
                ReadOnly = SQLitePCL.raw.sqlite3_db_readonly(c.Handle, "main") == 1;
                if (!TryProbe(c))
                {
                    // A WAL database in a folder this user may not write: SQLite cannot create its -shm there.
                    c.Dispose();
                    c = OpenReadOnlyWithoutSharedMemory();
                    ReadOnly = true;
                }
                _connection = c;
                SQLitePCL.raw.sqlite3_db_config(c.Handle, DbConfigNoCheckpointOnClose, 1, out _);
                if (!ReadOnly)
                {
                    using (var wal = c.CreateCommand())
                    {
                        wal.CommandText = "PRAGMA journal_mode = WAL";
                        wal.ExecuteScalar();
                    }
                    SqliteMigrator.Exec(c, "PRAGMA synchronous = NORMAL");
                }
                // A modest page cache and no memory map keep a streaming Find's memory flat however large
                // the store; a bulk writer raises the cache while it runs (UseBulkCache).
                SqliteMigrator.Exec(c, "PRAGMA cache_size = " + ReadCacheKib);
                SqliteMigrator.Exec(c, "PRAGMA mmap_size = 0");
                SqliteMigrator.Exec(c, "PRAGMA temp_store = MEMORY"); // per-row savepoint journals stay off disk
                if (ReadOnly) SqliteMigrator.EnsureCurrent(this, _path);
                else
                {
                    SqliteMigrator.Upgrade(this);
                    SqliteMigrator.BackfillIfPending(this);
                }
                return c;
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteNotADb || e.SqliteErrorCode == SqliteCorrupt)
            {
                CloseAfterFailedOpen(c);
                throw new StoreCorruptException(_path, $"'{_path}' is not a readable SQLite database ({e.Message}).", e);
            }
            catch
            {
                CloseAfterFailedOpen(c);
                throw;
            }
        }

        /// <summary>Closes what a failed open left: the held connection, and one not yet held.</summary>
        private void CloseAfterFailedOpen(SqliteConnection c)
        {
            var held = ReferenceEquals(_connection, c);
            Release();
            if (!held) c.Dispose();
        }

        /// <summary>Commits any pending write, then closes statements and the connection (the file is free afterwards).</summary>
        public void Release()
        {
            if (_writeDepth > 0 && _connection != null)
            {
                _writeDepth = 0;
                try { SqliteMigrator.Exec(_connection, "COMMIT"); } catch (SqliteException) { }
            }
            _writeDepth = 0;
            if (_connection != null) CheckpointLargeWal(_connection);
            _rowWriter?.Dispose();
            _rowWriter = null;
            foreach (var cmd in _commands.Values) cmd.Dispose();
            _commands.Clear();
            _connection?.Dispose();
            _connection = null;
        }

        /// <summary>Best effort and never blocking: busy readers elsewhere leave the rest to a later checkpoint.</summary>
        private void CheckpointLargeWal(SqliteConnection c)
        {
            try
            {
                var wal = new FileInfo(_path + "-wal");
                if (!wal.Exists || wal.Length <= ReleaseCheckpointBytes) return;
                SqliteMigrator.Exec(c, "PRAGMA busy_timeout = 0");
                using var cmd = c.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                cmd.ExecuteNonQuery();
            }
            catch (SqliteException) { /* the next release or autocheckpoint does it */ }
            catch (IOException) { }
        }

        public void Dispose() => Release();
    }
}
