using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>
    /// Turns a <see cref="PatternQuery"/> into one parameterized SQL statement with the semantics of
    /// <see cref="PatternMatcher"/>. With tags, the first tag's (tag, timestamp_ms, pattern_id) index is walked
    /// newest first and the other tags are probed per row, so First N stops after about N / selectivity rows.
    /// </summary>
    internal static class SqliteQueryBuilder
    {
        public static SqliteCommand BuildFind(SqliteConnection c, PatternQuery q) => Build(c, q, count: false);

        public static SqliteCommand BuildCount(SqliteConnection c, PatternQuery q) => Build(c, q.WithoutPaging(), count: true);

        private static SqliteCommand Build(SqliteConnection c, PatternQuery q, bool count)
        {
            var cmd = c.CreateCommand();
            var (sql, whereSql, order) = Filter(cmd, q);
            if (count)
            {
                cmd.CommandText = "SELECT count(*) " + sql + whereSql;
            }
            else
            {
                cmd.CommandText = "SELECT " + SqliteSchema.ReadColumns + " " + sql + whereSql + " ORDER BY " + order + " LIMIT @limit OFFSET @offset";
                cmd.Parameters.AddWithValue("@limit", q.First ?? -1);
                cmd.Parameters.AddWithValue("@offset", q.Skip < 0 ? 0 : q.Skip);
            }
            return cmd;
        }

        /// <summary>The FROM (patterns as <c>p</c>), WHERE (empty or " WHERE …") and newest-first ORDER BY of a query, its parameters
        /// added to <paramref name="cmd"/>: what Find, Count and the analysis statements share.</summary>
        public static (string From, string Where, string Order) Filter(SqliteCommand cmd, PatternQuery q)
        {
            var where = new List<string>();
            var keys = new PatternMatcher(q);  // the query's folded keys: the same code folds what is stored
            var tags = keys.Tags;
            var sql = new StringBuilder();
            string order;
            if (tags.Length > 0)
            {
                // CROSS JOIN fixes the loop order: the tag index drives, patterns is looked up by primary key.
                sql.Append("FROM pattern_tags t0 CROSS JOIN patterns p ON p.pattern_id = t0.pattern_id AND p.timestamp_ms = t0.timestamp_ms");
                where.Add("t0.tag = @tag0");
                cmd.Parameters.AddWithValue("@tag0", tags[0]);
                for (var i = 1; i < tags.Length; i++)
                {
                    where.Add($"EXISTS (SELECT 1 FROM pattern_tags t{i} WHERE t{i}.pattern_id = t0.pattern_id AND t{i}.tag = @tag{i})");
                    cmd.Parameters.AddWithValue("@tag" + i, tags[i]);
                }
                AddTime(cmd, where, q, "t0.timestamp_ms");
                order = "t0.timestamp_ms DESC, t0.pattern_id DESC";
            }
            else
            {
                sql.Append("FROM patterns p");
                AddTime(cmd, where, q, "p.timestamp_ms");
                order = "p.timestamp_ms DESC, p.pattern_id DESC";
            }
            var types = q.Types?.Distinct().ToArray();
            if (types != null && types.Length == 1)
            {
                where.Add("p.pattern_type = @type0");
                cmd.Parameters.AddWithValue("@type0", types[0].ToWireName());
            }
            else if (types != null && types.Length > 1 && types.Length < PatternTypeNames.All.Length)
            {
                // Unary + keeps the planner on the newest-first index instead of sorting every row of several types.
                where.Add("+p.pattern_type IN (" + string.Join(", ", types.Select((_, i) => "@type" + i)) + ")");
                for (var i = 0; i < types.Length; i++) cmd.Parameters.AddWithValue("@type" + i, types[i].ToWireName());
            }
            if (keys.Agent != null)
            {
                where.Add("p.agent_norm = @agent");
                cmd.Parameters.AddWithValue("@agent", keys.Agent);
            }
            var terms = keys.Words;
            if (terms.Length > 0)
            {
                where.Add("p.doc_id IN (SELECT rowid FROM pattern_fts WHERE pattern_fts MATCH @fts)");
                cmd.Parameters.AddWithValue("@fts", FtsExpression(terms));
            }
            var whereSql = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
            return (sql.ToString(), whereSql, order);
        }

        /// <summary>Each word as a quoted prefix: <c>"word"*</c>, all required; quotes doubled so no FTS syntax gets through.</summary>
        public static string FtsExpression(string[] terms) =>
            string.Join(" ", terms.Select(t => "\"" + t.Replace("\"", "\"\"") + "\"*"));

        private static void AddTime(SqliteCommand cmd, List<string> where, PatternQuery q, string column)
        {
            if (q.After != null)
            {
                where.Add(column + " >= @after");
                cmd.Parameters.AddWithValue("@after", IsoTimestamp.ToUnixMs(q.After.Value));
            }
            if (q.Before != null)
            {
                where.Add(column + " < @before");
                cmd.Parameters.AddWithValue("@before", IsoTimestamp.ToUnixMs(q.Before.Value));
            }
        }
    }
}
