using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;
using Npgsql;
using NpgsqlTypes;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>Retention, space reclaim, description and completion lookups, each a statement or two over indexes.</summary>
    internal static class PostgresMaintenance
    {
        /// <summary>One set-based DELETE (its own transaction) over the time index.</summary>
        public static long DeleteOlderThan(PostgresDatabase db, long cutoffMs, PatternType[] types)
        {
            using var cmd = db.Command("DELETE FROM {s}.patterns WHERE timestamp_ms < @cut" + (types.Length == 0 ? "" : " AND pattern_type = ANY(@types)"));
            cmd.CommandTimeout = 0;  // scales with the store; one statement, so a cancel or failure deletes nothing
            cmd.Parameters.Add(new NpgsqlParameter("cut", NpgsqlDbType.Bigint) { Value = cutoffMs });
            if (types.Length > 0) cmd.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = types.Select(t => t.ToWireName()).ToArray() });
            return cmd.ExecuteNonQuery();
        }

        /// <summary>Bytes the store's tables and indexes take on the server.</summary>
        public static long SizeBytes(PostgresDatabase db) =>
            db.Scalar("SELECT coalesce(pg_total_relation_size(to_regclass(@p)), 0) + coalesce(pg_total_relation_size(to_regclass(@n)), 0)"
                + " + coalesce(pg_total_relation_size(to_regclass(@c)), 0)",
                ("p", db.S + ".patterns"), ("n", db.S + ".pattern_tag_names"), ("c", db.S + ".pattern_changes"));

        /// <summary>The server's own reclaim: VACUUM (ANALYZE) marks dead rows' space reusable and refreshes the planner's statistics.</summary>
        public static void Vacuum(PostgresDatabase db)
        {
            db.Exec("VACUUM (ANALYZE) {s}.patterns, {s}.pattern_tag_names, {s}.pattern_changes");
        }

        public static StoreInfo Describe(PostgresDatabase db)
        {
            var info = new StoreInfo { Path = db.Location, Backend = StoreBackend.PostgreSql };
            foreach (PatternType t in Enum.GetValues(typeof(PatternType))) info.CountByType[t] = 0;
            // Per type over the (type, time, id) index: an index-only scan once VACUUM has set the visibility map.
            using (var cmd = db.Command("SELECT pattern_type, count(*) FROM {s}.patterns GROUP BY pattern_type"))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    var n = r.GetInt64(1);
                    info.Count += n;
                    if (PatternTypeNames.TryParse(r.GetString(0), out var t)) info.CountByType[t] = n;
                }
            }
            info.Oldest = Edge(db, "ASC");
            info.Newest = Edge(db, "DESC");
            info.SizeBytes = SizeBytes(db);
            return info;
        }

        private static DateTimeOffset? Edge(PostgresDatabase db, string direction)
        {
            using var cmd = db.Command($"SELECT timestamp_iso, timestamp_ms FROM {{s}}.patterns ORDER BY timestamp_ms {direction}, pattern_id {direction} LIMIT 1");
            using var r = cmd.ExecuteReader();
            if (!r.Read()) return null;
            if (!r.IsDBNull(0) && IsoTimestamp.TryParse(r.GetString(0), out var ts)) return ts;
            return DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1));
        }

        /// <summary>Tag names with the prefix (already folded) that some pattern still carries: the name table's index, each checked by the GIN index.</summary>
        public static IReadOnlyList<string> SuggestTags(PostgresDatabase db, string prefix, int max) =>
            Strings(db, "SELECT n.tag FROM {s}.pattern_tag_names n WHERE starts_with(n.tag, @prefix) "
                + "AND EXISTS (SELECT 1 FROM {s}.patterns p WHERE p.tags @> ARRAY[n.tag]) ORDER BY n.tag LIMIT @max", prefix, max);

        /// <summary>Distinct folded agents with the prefix, by skipping through the agent index (one probe per distinct value).</summary>
        public static IReadOnlyList<string> SuggestAgents(PostgresDatabase db, string prefix, int max) =>
            Strings(db, "WITH RECURSIVE a(v) AS ("
                + " (SELECT agent_norm FROM {s}.patterns WHERE agent_norm >= @prefix ORDER BY agent_norm LIMIT 1)"
                + " UNION ALL SELECT (SELECT agent_norm FROM {s}.patterns WHERE agent_norm > a.v ORDER BY agent_norm LIMIT 1) FROM a"
                + " WHERE a.v IS NOT NULL AND starts_with(a.v, @prefix))"
                + " SELECT v FROM a WHERE v IS NOT NULL AND starts_with(v, @prefix) LIMIT @max", prefix, max);

        /// <summary>Ids are case-sensitive keys: range-scan the prefix as typed, lower and upper, then filter case-insensitively (as SQLite does).</summary>
        public static IReadOnlyList<string> SuggestIds(PostgresDatabase db, string prefix, int max)
        {
            var found = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var variant in new[] { prefix, prefix.ToLowerInvariant(), prefix.ToUpperInvariant() }.Distinct())
                foreach (var id in Strings(db, "SELECT pattern_id FROM {s}.patterns WHERE starts_with(pattern_id, @prefix) ORDER BY pattern_id LIMIT @max", variant, max))
                    if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) found.Add(id);
            return found.Take(max).ToList();
        }

        private static IReadOnlyList<string> Strings(PostgresDatabase db, string sql, string prefix, int max)
        {
            var list = new List<string>();
            if (max <= 0 || !PostgresText.CanHold(prefix)) return list;
            using var cmd = db.Command(sql);
            cmd.Parameters.Add(new NpgsqlParameter("prefix", NpgsqlDbType.Text) { Value = prefix });
            cmd.Parameters.Add(new NpgsqlParameter("max", NpgsqlDbType.Integer) { Value = max });
            using var r = cmd.ExecuteReader();
            while (r.Read()) list.Add(r.GetString(0));
            return list;
        }
    }
}
