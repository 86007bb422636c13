using System;
using System.Security.Cryptography;
using System.Text;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// The change feed's durable truth (schema version 2): one <c>pattern_changes</c> row per save, written as the
    /// last statements of the save's own transaction. A sequence value is taken when a row is inserted, not when
    /// its transaction commits, so two writers could commit out of sequence order and a reader past the higher
    /// number would never see the lower one. Therefore a save takes a transaction-scoped advisory lock (one per
    /// store) immediately before it inserts its change rows: the lock is released only after the commit is
    /// visible, so the next writer takes its number after this one committed, and seq order is commit order.
    /// Every snapshot then sees a prefix of the log in seq order, and a reader may move past every row it read.
    /// Writers serialize only for that last instant (insert, NOTIFY, commit), not for their upserts.
    /// The same transaction NOTIFYs the store's channel: delivered at commit, never on rollback, only a wake-up.
    /// Rows older than <see cref="Retention"/> are pruned, a few at a time by writers and all by Compress.
    /// </summary>
    internal static class PostgresChangeLog
    {
        /// <summary>Created by the version-2 upgrade. {0} is the quoted schema.</summary>
        public const string Ddl = @"
CREATE TABLE IF NOT EXISTS {0}.pattern_changes (
    seq        bigserial PRIMARY KEY,
    pattern_id text COLLATE ""C"" NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS pattern_changes_id ON {0}.pattern_changes (pattern_id, seq);";

        /// <summary>How long a change stays readable by a lagging watch (as on SQLite).</summary>
        public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

        /// <summary>A writer prunes when its change rows pass a multiple of this, looking at no more than <see cref="PruneBatch"/> oldest rows.</summary>
        public const long PruneEvery = 1024;
        public const int PruneBatch = 4096;

        /// <summary>Serializes the change-row inserts of one store's writers until they commit (parameter @lk).</summary>
        public const string LockSql = "SELECT pg_advisory_xact_lock(hashtextextended(@lk, 0))";

        /// <summary>The feed waits for in-flight writers with this shared form before it reads where "now" is.</summary>
        public const string SharedLockSql = "SELECT pg_advisory_xact_lock_shared(hashtextextended(@lk, 0))";

        public const string NotifySql = "SELECT pg_notify(@ch, '')";

        public static string LockKey(PostgresTarget target) => "moai-patterns-changes:" + target.Schema;

        /// <summary>The NOTIFY channel of a store: short and fixed whatever the schema's length or characters.</summary>
        public static string Channel(PostgresTarget target)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(target.Schema));
            var sb = new StringBuilder("moai_feed_");
            for (var i = 0; i < 12; i++) sb.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        /// <summary>True when a writer whose change rows got <paramref name="first"/>..<paramref name="last"/> should prune.</summary>
        public static bool ShouldPrune(long first, long last) => first > 0 && last >= first && (last / PruneEvery) != ((first - 1) / PruneEvery);

        /// <summary>Deletes past-retention rows among the oldest <see cref="PruneBatch"/> (its own short statement, after the save committed).</summary>
        public static void PruneSome(PostgresDatabase db)
        {
            using var cmd = db.Command("DELETE FROM {s}.pattern_changes WHERE seq IN (SELECT seq FROM {s}.pattern_changes ORDER BY seq LIMIT "
                + PruneBatch + ") AND changed_at < now() - @keep");
            cmd.Parameters.AddWithValue("keep", Retention);
            cmd.ExecuteNonQuery();
        }

        /// <summary>Every row past the retention (Compress: maintenance may take its time).</summary>
        public static long PruneAll(PostgresDatabase db)
        {
            using var cmd = db.Command("DELETE FROM {s}.pattern_changes WHERE changed_at < now() - @keep");
            cmd.CommandTimeout = 0;
            cmd.Parameters.AddWithValue("keep", Retention);
            return cmd.ExecuteNonQuery();
        }
    }
}
