using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MoaiPatterns.Analysis;
using MoaiPatterns.Query;
using Npgsql;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// The analysis in SQL over the stored facts (schema version 2 columns, folded by the engine when the row was
    /// written): one statement groups by the keys and the UTC bucket, counts and sums, and takes the exact
    /// nearest-rank percentiles with <c>percentile_disc</c> (row ceil(p·n), the rank <see cref="Percentile.Rank"/>
    /// defines; nulls ignored, so n counts the durations only). The server computes ceil(p·n) in double precision: 0.5 is
    /// exact, and 0.95 and 0.99 are off by less than half an ulp of p·n, so an integral p·n rounds back to itself and the
    /// rank equals the integer formula for every n below about 10^13 (checked for every n up to 2,000,000). Only one row per group leaves the server; the
    /// engine sorts them. Rows without facts (facts_ok false: JSON the module cannot read, or a fact text cannot
    /// hold) are rare; when one matches, the caller answers through the engine instead.
    /// </summary>
    internal static class PostgresAnalysis
    {
        /// <summary>The bucket start in SQL (<see cref="AnalysisSql.PeriodSql"/>); the month from a timestamp without
        /// time zone in UTC, so date_trunc and extract(epoch) use no zone at all.</summary>
        internal static string PeriodSql(AnalysisInterval interval, string ms) =>
            AnalysisSql.PeriodSql(interval, ms, seconds => $"(extract(epoch FROM date_trunc('month', to_timestamp({seconds}) AT TIME ZONE 'UTC'))::bigint * 1000)");

        /// <summary>True when a row matching the filter has no stored facts (then the engine must answer).</summary>
        public static bool AnyWithoutFacts(PostgresDatabase db, PatternQuery filter)
        {
            using var cmd = new NpgsqlCommand { Connection = db.Connection };
            var where = PostgresQueryBuilder.Where(cmd, filter.WithoutPaging());
            where.Insert(0, "NOT p.facts_ok");
            cmd.CommandText = "SELECT EXISTS (SELECT 1 FROM " + db.S + ".patterns p WHERE " + string.Join(" AND ", where) + ")";
            return (bool)cmd.ExecuteScalar()!;
        }

        public static List<PatternStatistics> Measure(PostgresDatabase db, MeasureQuery q)
        {
            using var cmd = new NpgsqlCommand { Connection = db.Connection };
            var where = PostgresQueryBuilder.Where(cmd, q.Filter);
            where.Add("p.facts_ok");
            var keys = q.GroupBy;
            var groups = new List<string>();
            for (var i = 0; i < keys.Length; i++) groups.Add(AnalysisSql.KeyColumn(keys[i]));
            if (q.Interval != null) groups.Add(PeriodSql(q.Interval.Value, "p.timestamp_ms"));
            var select = new List<string>(groups);
            if (q.Interval == null) select.Add("NULL::bigint");
            var join = keys.Contains(AnalysisKey.Tag) ? $" LEFT JOIN LATERAL unnest(p.tags) AS {AnalysisSql.TagAlias}(tag) ON true" : "";
            var sql = new StringBuilder("SELECT ");
            sql.Append(string.Join(", ", select));
            sql.Append(", count(*), count(*) FILTER (WHERE p.success_flag), count(*) FILTER (WHERE NOT p.success_flag), count(p.duration_ms), ");
            sql.Append("coalesce(sum(p.duration_ms), 0)::bigint, max(p.duration_ms), ");
            sql.Append("percentile_disc(ARRAY[0.5, 0.95, 0.99]::float8[]) WITHIN GROUP (ORDER BY p.duration_ms), ");
            sql.Append("coalesce(sum(p.tokens_used), 0)::bigint, min(p.timestamp_ms), max(p.timestamp_ms) ");
            sql.Append("FROM ").Append(db.S).Append(".patterns p").Append(join).Append(" WHERE ").Append(string.Join(" AND ", where));
            if (groups.Count > 0) sql.Append(" GROUP BY ").Append(string.Join(", ", Enumerable.Range(1, groups.Count)));
            // Without keys an empty match still makes one row of count 0: the engine returns no group then.
            else sql.Append(" HAVING count(*) > 0");
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
                var pct = r.IsDBNull(o + 7) ? new long?[3] : r.GetFieldValue<long?[]>(o + 7);
                list.Add(PatternStatistics.Create(keys, values, N(o), r.GetInt64(o + 1), r.GetInt64(o + 2), r.GetInt64(o + 3),
                    r.GetInt64(o + 4), r.GetInt64(o + 5), N(o + 6), pct[0], pct[1], pct[2], r.GetInt64(o + 8), r.GetInt64(o + 9), r.GetInt64(o + 10)));
            }
            PatternStatistics.Sort(list);
            return list;
        }

        /// <summary>The facts of every matching pattern from the stored columns (no JSON read), one row at a time on a connection of its own.</summary>
        public static IEnumerable<PatternFacts> Facts(PostgresDatabase db, PatternQuery filter)
        {
            using var c = db.OpenExtra();
            using var cmd = new NpgsqlCommand { Connection = c };
            var where = PostgresQueryBuilder.Where(cmd, filter.WithoutPaging());
            where.Add("p.facts_ok");
            cmd.CommandText = "SELECT p.pattern_id, p.timestamp_ms, p.pattern_type, p.agent_norm, p.task_type_norm, p.error_type_norm, p.environment_norm, "
                + "p.project_norm, p.correction_type_norm, p.severity_norm, p.success_flag, p.duration_ms, p.tokens_used, p.tags FROM "
                + db.S + ".patterns p WHERE " + string.Join(" AND ", where);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (!PatternTypeNames.TryParse(r.GetString(2), out var type)) continue;
                string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                long? N(int i) => r.IsDBNull(i) ? (long?)null : r.GetInt64(i);
                yield return new PatternFacts
                {
                    PatternId = r.GetString(0), UnixMs = r.GetInt64(1), Type = type, Agent = S(3), TaskType = S(4), ErrorType = S(5),
                    Environment = S(6), Project = S(7), CorrectionType = S(8), Severity = S(9),
                    Success = r.IsDBNull(10) ? (bool?)null : r.GetBoolean(10), DurationMs = N(11), TokensUsed = N(12),
                    Tags = (string[])r.GetValue(13),
                };
            }
        }
    }
}
