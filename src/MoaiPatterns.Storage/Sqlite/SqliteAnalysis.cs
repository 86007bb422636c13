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
    /// one statement groups, counts and sums; exact nearest-rank percentiles come from ROW_NUMBER over each group's
    /// durations. Only one row per group leaves SQLite. The property test holds it to the engine's accumulator.
    /// </summary>
    internal static class SqliteAnalysis
    {
        private const string TagAlias = "g";

        /// <summary>Each key's stored column. Type is the wire name (mapped back to the enum name below).</summary>
        private static string Column(AnalysisKey key)
        {
            switch (key)
            {
                case AnalysisKey.Type: return "p.pattern_type";
                case AnalysisKey.Agent: return "p.agent_norm";
                case AnalysisKey.TaskType: return "p.task_type_norm";
                case AnalysisKey.ErrorType: return "p.error_type_norm";
                case AnalysisKey.Tag: return TagAlias + ".tag";
                case AnalysisKey.Environment: return "p.environment_norm";
                case AnalysisKey.Project: return "p.project_norm";
                case AnalysisKey.CorrectionType: return "p.correction_type_norm";
                case AnalysisKey.Severity: return "p.severity_norm";
                default: throw new ArgumentOutOfRangeException(nameof(key));
            }
        }

        /// <summary>The bucket start in SQL, equal to <see cref="TimeBucket.Start"/> (floor division, so also before 1970).</summary>
        internal static string PeriodSql(AnalysisInterval interval, string ms)
        {
            string Floor(string x, long w) => $"({x} - ((({x}) % {w}) + {w}) % {w})";
            switch (interval)
            {
                case AnalysisInterval.Hour: return Floor(ms, TimeBucket.HourMs);
                case AnalysisInterval.Day: return Floor(ms, TimeBucket.DayMs);
                case AnalysisInterval.Week: return $"({Floor("(" + ms + " + " + TimeBucket.MondayShiftMs + ")", TimeBucket.WeekMs)} - {TimeBucket.MondayShiftMs})";
                case AnalysisInterval.Month:
                    var seconds = $"({Floor(ms, 1000)} / 1000)";
                    return $"(CAST(strftime('%s', {seconds}, 'unixepoch', 'start of month') AS INTEGER) * 1000)";
                default: throw new ArgumentOutOfRangeException(nameof(interval));
            }
        }

        public static List<PatternStatistics> Measure(SqliteConnection c, MeasureQuery q)
        {
            using var cmd = c.CreateCommand();
            var (from, where, _) = SqliteQueryBuilder.Filter(cmd, q.Filter);
            var keys = q.GroupBy;
            var select = new List<string>();
            for (var i = 0; i < keys.Length; i++) select.Add(Column(keys[i]) + " AS k" + i);
            select.Add((q.Interval == null ? "NULL" : PeriodSql(q.Interval.Value, "p.timestamp_ms")) + " AS period");
            select.Add("p.success_flag AS s, p.duration_ms AS d, p.tokens_used AS tok, p.timestamp_ms AS ms");
            var join = keys.Contains(AnalysisKey.Tag) ? $" LEFT JOIN pattern_tags {TagAlias} ON {TagAlias}.pattern_id = p.pattern_id" : "";
            // Rows whose JSON could not be read have no FTS doc and no facts; Find skips them too.
            var readable = (where.Length == 0 ? " WHERE " : where + " AND ") + "p.doc_id IS NOT NULL";
            var partition = string.Join(", ", Enumerable.Range(0, keys.Length).Select(i => "k" + i).Concat(new[] { "period" }));
            // Nearest rank: ceil(p·n/100) = (p·n + 99) / 100 in integers (Percentile.Rank); n counts the durations only.
            string Rank(int p) => $"MAX(CASE WHEN rn = ({p} * n + 99) / 100 THEN d END)";
            var sql = new StringBuilder();
            sql.Append("WITH f AS (SELECT ").Append(string.Join(", ", select)).Append(' ').Append(from).Append(join).Append(readable).Append("),\n");
            sql.Append("r AS (SELECT f.*, ROW_NUMBER() OVER (PARTITION BY ").Append(partition).Append(" ORDER BY d IS NULL, d) AS rn, ");
            sql.Append("COUNT(d) OVER (PARTITION BY ").Append(partition).Append(") AS n FROM f)\n");
            sql.Append("SELECT ").Append(partition).Append(", COUNT(*), COUNT(CASE WHEN s = 1 THEN 1 END), COUNT(CASE WHEN s = 0 THEN 1 END), ");
            sql.Append("COUNT(d), IFNULL(SUM(d), 0), MAX(d), ").Append(Rank(50)).Append(", ").Append(Rank(95)).Append(", ").Append(Rank(99)).Append(", ");
            sql.Append("IFNULL(SUM(tok), 0), MIN(ms), MAX(ms) FROM r GROUP BY ").Append(partition);
            cmd.CommandText = sql.ToString();

            var list = new List<PatternStatistics>();
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
                list.Add(PatternStatistics.Create(keys, values, N(o), r.GetInt64(o + 1), r.GetInt64(o + 2), r.GetInt64(o + 3),
                    r.GetInt64(o + 4), r.GetInt64(o + 5), N(o + 6), N(o + 7), N(o + 8), N(o + 9), r.GetInt64(o + 10), r.GetInt64(o + 11), r.GetInt64(o + 12)));
            }
            PatternStatistics.Sort(list);
            return list;
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
