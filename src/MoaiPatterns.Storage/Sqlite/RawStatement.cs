using System;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>
    /// One prepared statement driven through SQLitePCL directly, for the per-row hot path of bulk saves:
    /// binding by index skips ADO.NET's per-execution reader and by-name parameter lookups (about half
    /// the writer's cost). Failures surface as <see cref="SqliteException"/>, as through ADO.NET.
    /// </summary>
    internal sealed class RawStatement : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly string _sql;
        private sqlite3_stmt? _prepared;

        public RawStatement(SqliteConnection connection, string sql)
        {
            _db = connection.Handle!;
            _sql = sql;
        }

        // Prepared at first use: the writer exists before a new file's tables do.
        private sqlite3_stmt Stmt
        {
            get
            {
                if (_prepared != null) return _prepared;
                var rc = raw.sqlite3_prepare_v2(_db, _sql, out var stmt);
                if (rc != raw.SQLITE_OK)
                {
                    stmt.Dispose();
                    SqliteException.ThrowExceptionForRC(rc, _db);
                }
                return _prepared = stmt;
            }
        }

        /// <summary>1-based, as SQLite numbers parameters.</summary>
        public void Bind(int index, string? value)
        {
            var rc = value == null ? raw.sqlite3_bind_null(Stmt, index) : raw.sqlite3_bind_text(Stmt, index, value);
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
        }

        public void Bind(int index, long? value)
        {
            var rc = value == null ? raw.sqlite3_bind_null(Stmt, index) : raw.sqlite3_bind_int64(Stmt, index, value.Value);
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
        }

        /// <summary>Runs the statement to completion; returns the rows it changed.</summary>
        public int Execute()
        {
            int rc;
            try { rc = raw.sqlite3_step(Stmt); }
            finally { raw.sqlite3_reset(Stmt); }
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, _db);
            return raw.sqlite3_changes(_db);
        }

        public void Dispose() => _prepared?.Dispose();
    }
}
