using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// Turns a <see cref="PatternQuery"/> into one parameterized statement with the semantics of
    /// <see cref="PatternMatcher"/>, over the keys the engine stored: tags by array containment (GIN),
    /// agent by equality, words by <c>starts_with</c> over the stored folded words, time on the UTC ms column,
    /// newest first by (timestamp_ms, pattern_id) with LIMIT/OFFSET. The query's values are folded by the same
    /// <see cref="PatternMatcher"/>, and only ever passed as parameters.
    /// </summary>
    internal static class PostgresQueryBuilder
    {
        public static NpgsqlCommand BuildFind(NpgsqlConnection c, string schema, PatternQuery q) => Build(c, schema, q, count: false);

        public static NpgsqlCommand BuildCount(NpgsqlConnection c, string schema, PatternQuery q) => Build(c, schema, q.WithoutPaging(), count: true);

        private static NpgsqlCommand Build(NpgsqlConnection c, string schema, PatternQuery q, bool count)
        {
            var cmd = new NpgsqlCommand { Connection = c };
            var where = Where(cmd, q);
            var from = " FROM " + schema + ".patterns p" + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where));
            if (count)
            {
                cmd.CommandText = "SELECT count(*)" + from;
                return cmd;
            }
            const string order = " ORDER BY p.timestamp_ms DESC, p.pattern_id DESC";
            cmd.CommandText = q.First == null
                // Everything: rows stream straight from the newest-first index walk.
                ? "SELECT " + PostgresSchema.ReadColumns + from + order + " LIMIT @limit OFFSET @offset"
                // A page: pick its keys first (from the index alone where the filter allows), then read just those rows.
                : "SELECT " + PostgresSchema.ReadColumns.Replace("p.", "r.") + " FROM (SELECT p.pattern_id, p.timestamp_ms" + from + order
                    + " LIMIT @limit OFFSET @offset) k JOIN " + schema + ".patterns r ON r.pattern_id = k.pattern_id ORDER BY k.timestamp_ms DESC, k.pattern_id DESC";
            cmd.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Bigint) { Value = (object?)q.First ?? System.DBNull.Value });
            cmd.Parameters.Add(new NpgsqlParameter("offset", NpgsqlDbType.Bigint) { Value = q.Skip < 0 ? 0 : q.Skip });
            return cmd;
        }

        /// <summary>The WHERE terms of a query (shared with retention-like statements that filter the same way).</summary>
        public static List<string> Where(NpgsqlCommand cmd, PatternQuery q)
        {
            var where = new List<string>();
            var keys = new PatternMatcher(q);
            if (keys.Tags.Length > 0)
            {
                where.Add("p.tags @> @tags");
                cmd.Parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Tags });
            }
            var types = q.Types?.Distinct().ToArray();
            if (types != null && types.Length == 1)
            {
                // Equality (not ANY) lets the planner walk the (type, time, id) index newest first and stop at First.
                where.Add("p.pattern_type = @type");
                cmd.Parameters.Add(new NpgsqlParameter("type", NpgsqlDbType.Text) { Value = types[0].ToWireName() });
            }
            else if (types != null && types.Length > 1 && types.Length < PatternTypeNames.All.Length)
            {
                where.Add("p.pattern_type = ANY(@types)");
                cmd.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = types.Select(t => t.ToWireName()).ToArray() });
            }
            if (keys.AfterMs != null)
            {
                where.Add("p.timestamp_ms >= @after");
                cmd.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Bigint) { Value = keys.AfterMs.Value });
            }
            if (keys.BeforeMs != null)
            {
                where.Add("p.timestamp_ms < @before");
                cmd.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Bigint) { Value = keys.BeforeMs.Value });
            }
            if (keys.Agent != null)
            {
                where.Add("p.agent_norm = @agent");
                cmd.Parameters.Add(new NpgsqlParameter("agent", NpgsqlDbType.Text) { Value = keys.Agent });
            }
            for (var i = 0; i < keys.Words.Length; i++)
            {
                // PatternMatcher: each query word begins some stored word (ordinal prefix = byte prefix in UTF-8).
                where.Add($"EXISTS (SELECT 1 FROM unnest(p.words) w WHERE starts_with(w, @word{i}))");
                cmd.Parameters.Add(new NpgsqlParameter("word" + i, NpgsqlDbType.Text) { Value = keys.Words[i] });
            }
            return where;
        }
    }
}
