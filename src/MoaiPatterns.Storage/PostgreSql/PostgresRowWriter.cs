using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using NpgsqlTypes;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// The two ways rows go in. One save: one round trip of statements the server runs as one implicit transaction (an upsert
    /// plus the new tag names in a data-modifying CTE, then the change log). A batch: binary COPY into a session's temporary staging table, then one upsert
    /// from it, in one transaction; rows and tag names are inserted in key order so concurrent writers lock in
    /// the same order and cannot deadlock each other. Both end by logging their saves for the change feed
    /// (<see cref="PostgresChangeLog"/>), after every row lock they need was taken, so the feed's lock waits on nothing.
    /// </summary>
    internal static class PostgresRowWriter
    {
        private static readonly string Columns = string.Join(", ", PostgresSchema.WriteColumns);

        private static readonly string UpdateSet = string.Join(", ",
            PostgresSchema.WriteColumns.Where(c => c != "pattern_id").Select(c => c + " = EXCLUDED." + c)) + ", created_at = now()";

        private static readonly string ErrorUpdateSet = string.Join(", ",
            PostgresErrorIndex.Columns.Where(c => c != "pattern_id").Select(c => c + " = EXCLUDED." + c));

        /// <summary>
        /// The change rows of a save, its transaction's last statements (see <see cref="PostgresChangeLog"/>): the store's
        /// advisory lock, then one row per id in the given order, and the NOTIFY. Returns the first and last seq.
        /// </summary>
        private const string LogChangesSql = "; " + PostgresChangeLog.LockSql + "; "
            + "WITH ch AS (INSERT INTO {s}.pattern_changes (pattern_id) SELECT u.id FROM unnest(@ids) WITH ORDINALITY u(id, n) ORDER BY u.n RETURNING seq) "
            + "SELECT min(seq) AS first_seq, max(seq) AS last_seq, pg_notify(@ch, '') FROM ch";

        public static void Upsert(PostgresDatabase db, PostgresRowValues row)
        {
            var values = string.Join(", ", PostgresSchema.WriteColumns.Select((_, i) => "@v" + i));
            var error = row.ErrorValues;
            // The pattern's error_docs row follows it: replaced by a resolved error's, else deleted (the pattern may have been one before).
            var errorSql = error == null
                ? "er AS (DELETE FROM {s}.error_docs WHERE pattern_id = @v0) "
                : "er AS (INSERT INTO {s}.error_docs (" + PostgresErrorIndex.ColumnList + ") VALUES (" + string.Join(", ", error.Select((_, i) => "@e" + i))
                    + ") ON CONFLICT (pattern_id) DO UPDATE SET " + ErrorUpdateSet + ") ";
            // Several statements in one command and no explicit transaction: Npgsql sends them with one Sync, so the
            // server runs them as one implicit transaction (the advisory lock is held until it commits), in one round trip.
            using var cmd = db.Command(
                "WITH up AS (INSERT INTO {s}.patterns (" + Columns + ") VALUES (" + values + ") ON CONFLICT (pattern_id) DO UPDATE SET " + UpdateSet + " RETURNING 1), "
                + errorSql
                + "INSERT INTO {s}.pattern_tag_names (tag) SELECT DISTINCT t FROM unnest(@v12) t ORDER BY 1 ON CONFLICT DO NOTHING" + LogChangesSql);
            var v = row.Values();
            for (var i = 0; i < v.Length; i++) cmd.Parameters.Add(new NpgsqlParameter("v" + i, PostgresRowValues.Types[i]) { Value = v[i] });
            if (error != null)
                for (var i = 0; i < error.Length; i++) cmd.Parameters.Add(new NpgsqlParameter("e" + i, PostgresErrorIndex.Types[i]) { Value = error[i] });
            AddIds(cmd, new[] { row.Row.PatternId });
            AddLogParameters(db, cmd);
            var logged = ReadLogged(cmd);
            PruneIfDue(db, logged);
        }

        /// <summary>The saved ids, in order: the change rows' and the batch's error-row replacement.</summary>
        private static void AddIds(NpgsqlCommand cmd, string[] ids) =>
            cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });

        private static void AddLogParameters(PostgresDatabase db, NpgsqlCommand cmd)
        {
            cmd.Parameters.AddWithValue("lk", PostgresChangeLog.LockKey(db.Target));
            cmd.Parameters.AddWithValue("ch", PostgresChangeLog.Channel(db.Target));
        }

        /// <summary>Runs the statements and returns the seq range the change insert reported (the result set with <c>first_seq</c>).</summary>
        private static (long First, long Last) ReadLogged(NpgsqlCommand cmd)
        {
            (long, long) range = (0, 0);
            using var r = cmd.ExecuteReader();
            do
            {
                while (r.Read())
                    if (r.FieldCount >= 2 && r.GetName(0) == "first_seq" && !r.IsDBNull(0)) range = (r.GetInt64(0), r.GetInt64(1));
            }
            while (r.NextResult());
            return range;
        }

        /// <summary>After the commit, outside the lock: one bounded prune when this save's rows passed a multiple of PruneEvery.</summary>
        private static void PruneIfDue(PostgresDatabase db, (long First, long Last) logged)
        {
            if (PostgresChangeLog.ShouldPrune(logged.First, logged.Last)) PostgresChangeLog.PruneSome(db);
        }

        private const string StagingDdl = @"CREATE TEMP TABLE IF NOT EXISTS moai_staging_v2 (
    pattern_id text COLLATE ""C"", pattern_type text, timestamp bigint, timestamp_ms bigint, timestamp_iso text,
    data jsonb, context jsonb, data_text text, context_text text, version text, extra text,
    agent_norm text COLLATE ""C"", tags text[] COLLATE ""C"", words text[] COLLATE ""C"",
    task_type_norm text COLLATE ""C"", error_type_norm text COLLATE ""C"", environment_norm text COLLATE ""C"", project_norm text COLLATE ""C"",
    correction_type_norm text COLLATE ""C"", severity_norm text COLLATE ""C"", success_flag boolean, duration_ms bigint, tokens_used bigint,
    facts_ok boolean) ON COMMIT DELETE ROWS";

        /// <summary>Writes a batch (ids distinct) in one transaction; on a deadlock or serialization failure the batch is retried.</summary>
        /// <param name="log">True for saves (logged for the change feed); false for Repair rewriting derived columns, which are not saves.</param>
        public static void UpsertBatch(PostgresDatabase db, IReadOnlyList<PostgresRowValues> rows, bool log = true)
        {
            if (rows.Count == 0) return;
            var c = db.Connection;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var logged = WriteBatch(db, c, rows, log);
                    PruneIfDue(db, logged);
                    return;
                }
                catch (PostgresException e) when (attempt < 5 && (e.SqlState == PostgresErrorCodes.DeadlockDetected || e.SqlState == PostgresErrorCodes.SerializationFailure))
                {
                    System.Threading.Thread.Sleep(20 * attempt);
                }
            }
        }

        private static (long, long) WriteBatch(PostgresDatabase db, NpgsqlConnection c, IReadOnlyList<PostgresRowValues> rows, bool log)
        {
            using (var ddl = new NpgsqlCommand(StagingDdl, c)) ddl.ExecuteNonQuery();
            using var tx = c.BeginTransaction();
            using (var copy = c.BeginBinaryImport("COPY moai_staging_v2 (" + Columns + ") FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var row in rows)
                {
                    copy.StartRow();
                    var v = row.Values();
                    for (var i = 0; i < v.Length; i++)
                    {
                        if (v[i] is DBNull) copy.WriteNull();
                        else copy.Write(v[i], PostgresRowValues.Types[i]);
                    }
                }
                copy.Complete();
            }
            var errors = rows.Select(r => r.ErrorValues).Where(e => e != null).ToList();
            if (errors.Count > 0)
            {
                using (var ddl = new NpgsqlCommand(PostgresErrorIndex.StagingDdl, c)) ddl.ExecuteNonQuery();
                PostgresErrorIndex.Copy(c, errors!);
            }
            using (var up = db.Command("INSERT INTO {s}.patterns (" + Columns + ") SELECT " + Columns + " FROM moai_staging_v2 ORDER BY pattern_id "
                + "ON CONFLICT (pattern_id) DO UPDATE SET " + UpdateSet + "; "
                + "INSERT INTO {s}.pattern_tag_names (tag) SELECT DISTINCT t FROM moai_staging_v2, unnest(tags) t ORDER BY 1 ON CONFLICT DO NOTHING; "
                // The batch's patterns are locked (above, in id order), so replacing their error rows cannot deadlock.
                // By the ids as a parameter: the primary key is probed per id (an unanalyzed staging table could get a scan of error_docs per batch).
                + "DELETE FROM {s}.error_docs WHERE pattern_id = ANY(@ids)"
                + (errors.Count > 0 ? "; INSERT INTO {s}.error_docs (" + PostgresErrorIndex.ColumnList + ") SELECT " + PostgresErrorIndex.ColumnList + " FROM moai_error_staging_v2 ORDER BY pattern_id" : "")
                + (log ? LogChangesSql : ""), c))
            {
                up.Transaction = tx;
                AddIds(up, rows.Select(r => r.Row.PatternId).ToArray());
                if (log) AddLogParameters(db, up);
                var logged = ReadLogged(up);
                tx.Commit();
                return logged;
            }
        }
    }
}
