using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Analysis;
using MoaiPatterns.Query;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>
    /// The analysis in SQL over the stored facts (schema version 3 columns, folded by the engine when the row was written):
    /// one GROUP BY groups, counts and sums and hands over each group's durations (group_concat); the exact nearest-rank
    /// percentiles are taken from them with the engine's <see cref="Percentile"/>. Only one row per group leaves SQLite.
    /// The property test holds it to the engine's accumulator.
    /// </summary>
    internal static class SqliteAnalysis
    {
        /// <summary>The bucket start in SQL (<see cref="AnalysisSql.PeriodSql"/>); the month by SQLite's calendar.</summary>
        internal static string PeriodSql(AnalysisInterval interval, string ms) =>
            AnalysisSql.PeriodSql(interval, ms, seconds => $"(CAST(strftime('%s', {seconds}, 'unixepoch', 'start of month') AS INTEGER) * 1000)");

        public static List<PatternStatistics> Measure(SqliteConnection c, MeasureQuery q)
        {
            using var cmd = c.CreateCommand();
            var (from, where, _) = SqliteQueryBuilder.Filter(cmd, q.Filter);
            // Without a filter every row is read: a table scan beats walking an index (e.g. by agent) and looking each row up.
            if (where.Length == 0 && from == "FROM patterns p") from = "FROM patterns p NOT INDEXED";
            var keys = q.GroupBy;
            var select = new List<string>();
            for (var i = 0; i < keys.Length; i++) select.Add(AnalysisSql.KeyColumn(keys[i]) + " AS k" + i);
            select.Add((q.Interval == null ? "NULL" : PeriodSql(q.Interval.Value, "p.timestamp_ms")) + " AS period");
            var join = keys.Contains(AnalysisKey.Tag) ? $" LEFT JOIN pattern_tags {AnalysisSql.TagAlias} ON {AnalysisSql.TagAlias}.pattern_id = p.pattern_id" : "";
            // Rows whose JSON could not be read have no FTS doc and no facts; Find skips them too.
            var readable = (where.Length == 0 ? " WHERE " : where + " AND ") + "p.doc_id IS NOT NULL";
            var groups = string.Join(", ", Enumerable.Range(0, keys.Length).Select(i => "k" + i).Concat(new[] { "period" }));
            // One GROUP BY (one sort). The exact percentiles need each group's durations in order: group_concat hands them
            // over as text (NULLs skipped) and Percentiles sorts them here. Window functions (ROW_NUMBER over each group)
            // cost three sorts and an ephemeral table per group: 3-4x slower at 100,000 patterns.
            var sql = new StringBuilder("SELECT ").Append(string.Join(", ", select));
            sql.Append(", COUNT(*), COUNT(CASE WHEN p.success_flag = 1 THEN 1 END), COUNT(CASE WHEN p.success_flag = 0 THEN 1 END), ");
            sql.Append("COUNT(p.duration_ms), IFNULL(SUM(p.duration_ms), 0), MAX(p.duration_ms), group_concat(p.duration_ms), ");
            sql.Append("IFNULL(SUM(p.tokens_used), 0), MIN(p.timestamp_ms), MAX(p.timestamp_ms) ");
            sql.Append(from).Append(join).Append(readable).Append(" GROUP BY ").Append(groups);
            cmd.CommandText = sql.ToString();

            // The GROUP BY sorts every matching row; the connection keeps temp storage in memory (for the writers'
            // savepoint journals), which would hold the whole sort in RAM at 1,000,000 rows. On disk the sort stays
            // within its cache-sized buffers. Outside a transaction only (SQLite refuses the switch inside one).
            var spill = SQLitePCL.raw.sqlite3_get_autocommit(c.Handle) != 0;
            if (spill) Pragma(c, "PRAGMA temp_store = FILE");
            try { return Read(cmd, keys); }
            finally { if (spill) Pragma(c, "PRAGMA temp_store = MEMORY"); }
        }

        private static void Pragma(SqliteConnection c, string sql)
        {
            using var p = c.CreateCommand();
            p.CommandText = sql;
            p.ExecuteNonQuery();
        }

        private static List<PatternStatistics> Read(SqliteCommand cmd, AnalysisKey[] keys)
        {
            var list = new List<PatternStatistics>();
            var durations = new List<long>();
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var values = new string?[keys.Length];
                for (var i = 0; i < keys.Length; i++)
                {
                    values[i] = r.IsDBNull(i) ? null : r.GetString(i);
                    if (keys[i] == AnalysisKey.Type && values[i] != null && PatternTypeNames.TryParse(values[i]!, out var t)) values[i] = t.ToString();
                }
                var o = keys.Length;
                long? N(int i) => r.IsDBNull(i) ? (long?)null : r.GetInt64(i);
                ParseSorted(r.IsDBNull(o + 7) ? null : r.GetString(o + 7), durations);
                long? P(int p) => durations.Count == 0 ? (long?)null : Percentile.NearestRank(durations, p);
                list.Add(PatternStatistics.Create(keys, values, N(o), r.GetInt64(o + 1), r.GetInt64(o + 2), r.GetInt64(o + 3),
                    r.GetInt64(o + 4), r.GetInt64(o + 5), N(o + 6), P(50), P(95), P(99), r.GetInt64(o + 8), r.GetInt64(o + 9), r.GetInt64(o + 10)));
            }
            PatternStatistics.Sort(list);
            return list;
        }

        /// <summary>A group's durations from group_concat's text ("12,7,40"; null: none), sorted into <paramref name="into"/>.</summary>
        internal static void ParseSorted(string? text, List<long> into)
        {
            into.Clear();
            if (text == null) return;
            // Integers only (duration_ms is an INTEGER column holding longs): digits with an optional minus, comma-separated.
            long value = 0;
            var negative = false;
            foreach (var ch in text)
            {
                if (ch == ',')
                {
                    into.Add(negative ? -value : value);
                    value = 0;
                    negative = false;
                }
                else if (ch == '-') negative = true;
                else if (ch >= '0' && ch <= '9') value = value * 10 + (ch - '0');
                else throw new FormatException("Unexpected duration list from SQLite: " + text);
            }
            into.Add(negative ? -value : value);
            into.Sort();
        }

        /// <summary>The facts of every matching pattern from the stored columns (no JSON read), one row at a time.</summary>
        public static IEnumerable<PatternFacts> Facts(SqliteConnection c, PatternQuery filter)
        {
            using var cmd = c.CreateCommand();
            var (from, where, _) = SqliteQueryBuilder.Filter(cmd, filter.WithoutPaging());
            var readable = (where.Length == 0 ? " WHERE " : where + " AND ") + "p.doc_id IS NOT NULL";
            cmd.CommandText = "SELECT p.pattern_id, p.timestamp_ms, p.pattern_type, p.agent_norm, p.task_type_norm, p.error_type_norm, p.environment_norm, " +
                              "p.project_norm, p.correction_type_norm, p.severity_norm, p.success_flag, p.duration_ms, p.tokens_used, " +
                              "(SELECT json_group_array(x.tag) FROM pattern_tags x WHERE x.pattern_id = p.pattern_id) " + from + readable;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (!PatternTypeNames.TryParse(r.GetString(2), out var type)) continue;
                string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                long? N(int i) => r.IsDBNull(i) ? (long?)null : r.GetInt64(i);
                var success = N(10);
                yield return new PatternFacts
                {
                    PatternId = r.GetString(0), UnixMs = r.GetInt64(1), Type = type, Agent = S(3), TaskType = S(4), ErrorType = S(5),
                    Environment = S(6), Project = S(7), CorrectionType = S(8), Severity = S(9),
                    Success = success == null ? (bool?)null : success.Value != 0, DurationMs = N(11), TokensUsed = N(12),
                    Tags = r.IsDBNull(13) ? Array.Empty<string>() : JsonSerializer.Deserialize<string[]>(r.GetString(13)) ?? Array.Empty<string>(),
                };
            }
        }
    }
}
