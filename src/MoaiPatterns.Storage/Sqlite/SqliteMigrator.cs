using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>
    /// Brings a database to <see cref="SqliteSchema.CurrentVersion"/> in one transaction (a file written by
    /// the reference keeps every row), and backfills rows the original tool inserted since (derived columns NULL).
    /// </summary>
    internal static class SqliteMigrator
    {
        public static void Upgrade(SqliteConnectionHolder db)
        {
            if (UserVersion(db.Connection) >= SqliteSchema.CurrentVersion) return;
            db.InWrite(() =>
            {
                var c = db.Connection;
                var from = UserVersion(c);  // re-read under the write lock: another process may have won
                if (from < SqliteSchema.CurrentVersion)
                {
                    Exec(c, SqliteSchema.SeedDdl);
                    var have = ExistingColumns(c);
                    foreach (var column in SqliteSchema.AddedColumns)
                        if (!have.Contains(column.Split(' ')[0])) Exec(c, "ALTER TABLE patterns ADD COLUMN " + column);
                    // Version 1 folded with ToLowerInvariant and tokenized with unicode61: its keys are recomputed.
                    if (from == 1) Exec(c, "DROP TABLE IF EXISTS pattern_fts");
                    Exec(c, SqliteSchema.ExtensionDdl);
                    Exec(c, SqliteErrorSchema.Ddl);
                    Exec(c, SqliteChangeLog.Ddl); // the change feed's log (starts empty: nothing before it is "new")
                    // Versions 1 and 2 lack version 3's analysis facts and error index: every indexed row is rekeyed, which fills both.
                    if (from == 1 || from == 2) RekeyAll(db);
                    Exec(c, "PRAGMA user_version = " + SqliteSchema.CurrentVersion);
                    BackfillPending(db, recordSaves: false); // rows from before the upgrade: no watch can have started before them
                }
            });
        }

        /// <summary>For a read-only connection: queries need the current schema and every row's keys, which only a writer can add.</summary>
        public static void EnsureCurrent(SqliteConnectionHolder db, string path)
        {
            var version = UserVersion(db.Connection);
            var pending = false;
            if (version >= SqliteSchema.CurrentVersion)
            {
                using var probe = db.Connection.CreateCommand();
                probe.CommandText = "SELECT EXISTS (SELECT 1 FROM patterns WHERE timestamp_ms IS NULL)";
                pending = System.Convert.ToInt64(probe.ExecuteScalar()) != 0;
            }
            if (version < SqliteSchema.CurrentVersion || pending)
                throw new StoreAccessException(StoreFailure.ReadOnly, path,
                    "is read-only for this user and needs its query columns brought up to date first (it was written by the original tool or an older version): open it once as a user who may write it.");
        }

        /// <summary>Cheap on every open: the partial index idx_patterns_pending is empty unless the original tool wrote.</summary>
        public static void BackfillIfPending(SqliteConnectionHolder db)
        {
            using (var probe = db.Connection.CreateCommand())
            {
                probe.CommandText = "SELECT EXISTS (SELECT 1 FROM patterns WHERE timestamp_ms IS NULL)";
                if (System.Convert.ToInt64(probe.ExecuteScalar()) == 0) return;
            }
            db.InWrite(() => BackfillPending(db));
        }

        /// <summary>Derives ms, agent, tags and FTS for rows with timestamp_ms NULL (inside the caller's transaction).</summary>
        public static int BackfillPending(SqliteConnectionHolder db, bool recordSaves = true)
        {
            var total = 0;
            using var select = db.Connection.CreateCommand();
            // In chunks so memory stays flat on a large reference file; each chunk's rows leave the pending index.
            select.CommandText = "SELECT pattern_id, pattern_type, timestamp, data, context, version FROM patterns WHERE timestamp_ms IS NULL LIMIT 5000";
            while (true)
            {
                var rows = new List<PatternRow>();
                using (var r = select.ExecuteReader())
                {
                    while (r.Read())
                    {
                        var row = PatternRow.FromSeedRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3),
                            r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5));
                        if (row.Problem != null)
                            db.Warnings.Add(new StoreWarning(row.PatternId, $"Pattern '{row.PatternId}' has unreadable JSON and is only indexed by time: {row.Problem}"));
                        rows.Add(row);
                    }
                }
                if (rows.Count == 0) return total;
                foreach (var row in rows)
                {
                    db.RowWriter.Upsert(row);
                    if (recordSaves) db.RowWriter.RecordSave(row.PatternId); // the original tool saved it: a watch sees it from here
                }
                total += rows.Count;
            }
        }

        /// <summary>Recomputes the query keys of every indexed row (inside the caller's transaction), in rowid chunks
        /// so memory stays flat; the seed's columns are not touched.</summary>
        private static void RekeyAll(SqliteConnectionHolder db, string? onlyType = null)
        {
            using var select = db.Connection.CreateCommand();
            select.CommandText = "SELECT " + SqliteSchema.ReadColumns + ", p.doc_id, p.rowid FROM patterns p " +
                                 "WHERE p.rowid > @last AND p.timestamp_ms IS NOT NULL" + (onlyType == null ? "" : " AND p.pattern_type = @type") +
                                 " ORDER BY p.rowid LIMIT 5000";
            var last = select.Parameters.AddWithValue("@last", long.MinValue);
            if (onlyType != null) select.Parameters.AddWithValue("@type", onlyType);
            while (true)
            {
                var rows = new List<(PatternRow Row, long? Doc)>();
                var read = 0;
                using (var r = select.ExecuteReader())
                {
                    while (r.Read())
                    {
                        read++;
                        last.Value = r.GetInt64(10);
                        var p = SqlitePatternReader.TryRead(r, db.Warnings);
                        if (p != null) rows.Add((PatternRow.KeysOnly(p, r.GetInt64(4)), r.IsDBNull(9) ? (long?)null : r.GetInt64(9)));
                    }
                }
                if (read == 0) return;
                foreach (var (row, doc) in rows) db.RowWriter.ReplaceKeys(row, doc);
            }
        }

        private static int UserVersion(SqliteConnection c)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA user_version";
            return System.Convert.ToInt32(cmd.ExecuteScalar());
        }

        private static HashSet<string> ExistingColumns(SqliteConnection c)
        {
            var set = new HashSet<string>();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT name FROM pragma_table_info('patterns')";
            using var r = cmd.ExecuteReader();
            while (r.Read()) set.Add(r.GetString(0));
            return set;
        }

        internal static void Exec(SqliteConnection c, string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }
}
