using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>
    /// Checks SQLite's own integrity and that the derived tables (tags, FTS, derived columns) agree with the
    /// patterns table; rebuilds the derived tables from the patterns table when they do not.
    /// </summary>
    internal static class SqliteRepair
    {
        public static RepairResult Run(SqliteConnectionHolder db, string path, bool whatIf)
        {
            var sw = Stopwatch.StartNew();
            var result = new RepairResult { Store = path, Backend = StoreBackend.Sqlite, WhatIf = whatIf };
            var c = db.Connection;
            foreach (var line in Lines(c, "PRAGMA integrity_check"))
                if (line != "ok") result.Problems.Add($"{path}: integrity_check: {line}");
            var expected = ScanRows(c, result, out var expectedTags, out var expectedFts);
            result.PatternCount = expected;
            var pending = Scalar(c, "SELECT count(*) FROM patterns WHERE timestamp_ms IS NULL");
            if (pending > 0) result.Problems.Add($"{pending} row(s) written by another tool are not indexed yet.");
            var tagRows = Scalar(c, "SELECT count(*) FROM pattern_tags t JOIN patterns p ON p.pattern_id = t.pattern_id AND p.timestamp_ms = t.timestamp_ms");
            var allTagRows = Scalar(c, "SELECT count(*) FROM pattern_tags");
            if (tagRows != expectedTags || allTagRows != tagRows)
                result.Problems.Add($"pattern_tags holds {allTagRows} row(s) ({tagRows} matching a pattern); the patterns table implies {expectedTags}.");
            var ftsRows = Scalar(c, "SELECT count(*) FROM pattern_fts");
            var linkedFts = Scalar(c, "SELECT count(*) FROM patterns p WHERE p.doc_id IS NOT NULL AND EXISTS (SELECT 1 FROM pattern_fts f WHERE f.rowid = p.doc_id)");
            if (ftsRows != expectedFts || linkedFts != expectedFts)
                result.Problems.Add($"pattern_fts holds {ftsRows} row(s) ({linkedFts} linked to a pattern); the patterns table implies {expectedFts}.");
            if (result.Problems.Count == 0) { result.Duration = sw.Elapsed; return result; }

            result.Actions.Add("Rebuild pattern_tags, pattern_fts and the derived columns from the patterns table.");
            if (!whatIf) db.InWrite(() => Rebuild(db));
            result.Duration = sw.Elapsed;
            return result;
        }

        /// <summary>Re-derives every row in rowid chunks (bounded memory), keeping timestamp_ms/iso as stored.</summary>
        private static void Rebuild(SqliteConnectionHolder db)
        {
            var c = db.Connection;
            SqliteMigrator.BackfillPending(db);
            SqliteMigrator.Exec(c, "DELETE FROM pattern_tags");
            SqliteMigrator.Exec(c, "DELETE FROM pattern_fts");
            SqliteMigrator.Exec(c, "UPDATE patterns SET doc_id = NULL");
            db.RowWriter.ResetDocIds();
            long last = long.MinValue;
            using var select = c.CreateCommand();
            select.CommandText = "SELECT rowid, pattern_id, pattern_type, timestamp, data, context, version, timestamp_ms, timestamp_iso, extra FROM patterns WHERE rowid > @last ORDER BY rowid LIMIT 2000";
            var lastParam = select.Parameters.Add("@last", SqliteType.Integer);
            while (true)
            {
                lastParam.Value = last;
                var rows = new List<PatternRow>();
                using (var r = select.ExecuteReader())
                {
                    while (r.Read())
                    {
                        last = r.GetInt64(0);
                        var row = PatternRow.FromSeedRow(r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4),
                            r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6));
                        row.TimestampMs = r.GetInt64(7);
                        row.TimestampIso = r.IsDBNull(8) ? null : r.GetString(8);
                        row.ExtraJson = r.IsDBNull(9) ? null : r.GetString(9);
                        rows.Add(row);
                    }
                }
                if (rows.Count == 0) return;
                // The upsert keeps the rowid (ON CONFLICT DO UPDATE), so the chunk cursor stays valid.
                foreach (var row in rows) db.RowWriter.Upsert(row);
            }
        }

        private static long ScanRows(SqliteConnection c, RepairResult result, out long expectedTags, out long expectedFts)
        {
            expectedTags = 0; expectedFts = 0;
            long n = 0;
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT pattern_id, pattern_type, timestamp, data, context FROM patterns";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                n++;
                var row = PatternRow.FromSeedRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), null);
                if (row.Problem != null) { result.Problems.Add($"Pattern '{row.PatternId}' has unreadable JSON: {row.Problem}"); continue; }
                expectedTags += row.Tags.Length;
                expectedFts++;
            }
            return n;
        }

        private static IEnumerable<string> Lines(SqliteConnection c, string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            var list = new List<string>();
            while (r.Read()) list.Add(r.GetString(0));
            return list;
        }

        private static long Scalar(SqliteConnection c, string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(cmd.ExecuteScalar());
        }
    }
}
