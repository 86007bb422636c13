using System;
using Microsoft.Data.Sqlite;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>
    /// The change feed's durable truth (schema version 3): one <c>pattern_changes</c> row per save, written in the
    /// save's own transaction. <c>seq</c> is AUTOINCREMENT, so SQLite never hands out a number twice (not even after
    /// the newest rows were deleted), and it is taken inside BEGIN IMMEDIATE, which lets one writer at a time in:
    /// a higher seq therefore always belongs to a later commit, and a reader that has seen seq N can never meet a
    /// new row at or below N. A rolled-back transaction's number was never visible, so its reuse skips nothing.
    /// Rows older than <see cref="Retention"/> are pruned (a few at a time by writers, all at once by Compress):
    /// a watch that falls further behind than that misses what was pruned.
    /// </summary>
    internal static class SqliteChangeLog
    {
        /// <summary>Created with the version-3 upgrade (IF NOT EXISTS: harmless on a file that has it).</summary>
        public const string Ddl = @"
CREATE TABLE IF NOT EXISTS pattern_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    pattern_id TEXT NOT NULL,
    changed_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_pattern_changes_id ON pattern_changes(pattern_id, seq);";

        /// <summary>How long a change stays readable by a lagging watch.</summary>
        public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

        /// <summary>A writer prunes once per this many saves, looking at no more than <see cref="PruneBatch"/> oldest rows: O(1) per save.</summary>
        public const int PruneEvery = 1024;
        public const int PruneBatch = 4096;

        public const string InsertSql = "INSERT INTO pattern_changes (pattern_id, changed_ms) VALUES (?1, ?2)";

        /// <summary>The oldest <see cref="PruneBatch"/> rows that are past the retention (seq order is save order).</summary>
        public const string PruneSomeSql =
            "DELETE FROM pattern_changes WHERE seq IN (SELECT seq FROM pattern_changes ORDER BY seq LIMIT 4096) AND changed_ms < ?1";

        /// <summary>Every row past the retention (Compress: maintenance may take its time).</summary>
        public static long PruneAll(SqliteConnection c, DateTimeOffset now)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DELETE FROM pattern_changes WHERE changed_ms < @cut";
            cmd.Parameters.AddWithValue("@cut", (now - Retention).ToUnixTimeMilliseconds());
            return cmd.ExecuteNonQuery();
        }

        /// <summary>The newest seq ever handed out (0 for none): a feed starting "now" starts after it.</summary>
        public static long HighWater(SqliteConnection c)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT max(IFNULL((SELECT max(seq) FROM pattern_changes), 0), IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'pattern_changes'), 0))";
            return Convert.ToInt64(cmd.ExecuteScalar());
        }
    }
}
