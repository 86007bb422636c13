using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using MoaiPatterns.Stores;
using Npgsql;
using NpgsqlTypes;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// The server keeps its own pages consistent; what can drift is ours: the derived columns (UTC ms, folded
    /// agent, tags, words, jsonb copies, analysis facts, error index row) against the exact JSON text, e.g. after someone edited rows by hand.
    /// Every row is re-derived by the engine in id order (bounded chunks) and the wrong ones are rewritten;
    /// tag names no pattern carries are pruned, missing ones added.
    /// </summary>
    internal static class PostgresRepair
    {
        private const int Chunk = 2000;

        private static readonly string FactColumns = string.Join(", ", PostgresSchema.FactColumns.Select(c => "p." + c));

        /// <summary>The stored analysis facts (after the 14 columns above) against the engine's.</summary>
        private static bool FactsEqual(PostgresRowValues expected, NpgsqlDataReader r)
        {
            var want = PostgresRowValues.FactValues(expected.Facts);
            for (var i = 0; i < want.Length; i++)
                if (!Equals(want[i], r.GetValue(14 + i))) return false;
            return true;
        }

        private static readonly string ErrorColumns = string.Join(", ", PostgresErrorIndex.Columns.Select(c => "e." + c));

        /// <summary>The stored error_docs row (after the facts) against the engine's: present exactly for a resolved error, and equal.</summary>
        private static bool ErrorRowEqual(PostgresRowValues expected, NpgsqlDataReader r)
        {
            var at = 14 + PostgresSchema.FactColumns.Length;
            var want = expected.ErrorValues;
            if (want == null || !r.GetBoolean(at)) return want == null && !r.GetBoolean(at);
            for (var i = 0; i < want.Length; i++)
            {
                var got = r.GetValue(at + 1 + i);
                if (want[i] is string[] words ? !(got is string[] stored && words.SequenceEqual(stored)) : !Equals(want[i], got)) return false;
            }
            return true;
        }

        public static RepairResult Run(PostgresDatabase db, bool whatIf, IProgress<StoreProgress>? progress)
        {
            var sw = Stopwatch.StartNew();
            var result = new RepairResult { Store = db.Location, Backend = StoreBackend.PostgreSql, WhatIf = whatIf };
            var total = db.Scalar("SELECT count(*) FROM {s}.patterns");
            var wrong = new List<PostgresRowValues>();
            var unreadable = new List<string>();
            string last = "";
            long seen = 0;
            while (true)
            {
                var rows = 0;
                using (var cmd = db.Command("SELECT " + PostgresSchema.ReadColumns + ", p.agent_norm, p.tags, p.words, p.data IS NULL, p.context IS NULL, " + FactColumns + ", e.pattern_id IS NOT NULL, " + ErrorColumns
                    + " FROM {s}.patterns p LEFT JOIN {s}.error_docs e ON e.pattern_id = p.pattern_id "
                    + "WHERE p.pattern_id > @last ORDER BY p.pattern_id LIMIT " + Chunk))
                {
                    cmd.Parameters.Add(new NpgsqlParameter("last", NpgsqlDbType.Text) { Value = last });
                    using var r = cmd.ExecuteReader();
                    var warnings = new List<StoreWarning>();
                    while (r.Read())
                    {
                        rows++;
                        last = r.GetString(0);
                        var p = PostgresPatternReader.TryRead(r, warnings);
                        if (p == null) { unreadable.Add(last); continue; }
                        var expected = PostgresRowValues.Of(p, db.Location);
                        var agent = r.IsDBNull(9) ? null : r.GetString(9);
                        if (expected.Row.TimestampMs != r.GetInt64(4) || expected.Row.AgentNorm != agent
                            || !expected.Row.Tags.SequenceEqual((string[])r.GetValue(10)) || !expected.Words.SequenceEqual((string[])r.GetValue(11))
                            || (expected.DataJsonb == null) != r.GetBoolean(12) || (expected.ContextJsonb == null) != r.GetBoolean(13)
                            || !FactsEqual(expected, r) || !ErrorRowEqual(expected, r))
                            wrong.Add(expected);
                    }
                }
                seen += rows;
                progress?.Report(new StoreProgress("Checking derived columns", seen, total));
                if (rows < Chunk) break;
            }
            result.PatternCount = seen - unreadable.Count;
            foreach (var id in unreadable) result.Problems.Add($"Pattern '{id}' holds JSON this module cannot read; it is left as it is.");
            if (wrong.Count > 0)
            {
                result.Problems.Add($"{wrong.Count} pattern(s) have query keys that disagree with their JSON (first: '{wrong[0].Row.PatternId}').");
                result.Actions.Add($"Recompute the query keys of {wrong.Count} pattern(s) from their JSON.");
            }
            var stale = db.Scalar("SELECT count(*) FROM {s}.pattern_tag_names n WHERE NOT EXISTS (SELECT 1 FROM {s}.patterns p WHERE p.tags @> ARRAY[n.tag])");
            var missing = db.Scalar("SELECT count(*) FROM (SELECT DISTINCT t FROM {s}.patterns, unnest(tags) t) x WHERE NOT EXISTS (SELECT 1 FROM {s}.pattern_tag_names n WHERE n.tag = x.t)");
            if (missing > 0)
            {
                result.Problems.Add($"{missing} tag(s) are missing from the completion list.");
                result.Actions.Add("Add the missing tag names.");
            }
            if (stale > 0) result.Actions.Add($"Prune {stale} tag name(s) no pattern carries any more.");
            if (!whatIf)
            {
                for (var i = 0; i < wrong.Count; i += Chunk) PostgresRowWriter.UpsertBatch(db, wrong.Skip(i).Take(Chunk).ToList(), log: false);  // not saves: nothing to follow
                if (missing > 0) db.Exec("INSERT INTO {s}.pattern_tag_names (tag) SELECT DISTINCT t FROM {s}.patterns, unnest(tags) t ORDER BY 1 ON CONFLICT DO NOTHING");
                if (stale > 0) db.Exec("DELETE FROM {s}.pattern_tag_names n WHERE NOT EXISTS (SELECT 1 FROM {s}.patterns p WHERE p.tags @> ARRAY[n.tag])");
            }
            result.Duration = sw.Elapsed;
            return result;
        }
    }
}
