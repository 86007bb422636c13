using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MoaiPatterns.Errors;
using MoaiPatterns.Query;
using Npgsql;
using NpgsqlTypes;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// <see cref="IErrorSearch"/> over error_docs (<see cref="PostgresErrorIndex"/>): the statistics as aggregates
    /// over the resolved errors (document frequencies through the GIN index of the words), candidates by one word
    /// or one signature newest first with the filters in SQL; the engine's scorer ranks what comes back.
    /// </summary>
    internal sealed class PostgresErrorSearch : IErrorSearch
    {
        private const string DocColumns =
            "d.pattern_id, d.timestamp_ms, d.error_type, d.template, d.resolution, d.auto_resolved, d.resolution_time_ms, d.file_path, " +
            "d.w_type, d.w_template, d.w_message, d.w_file, d.w_function, d.signature, p.agent_norm";

        private readonly PostgresDatabase _db;
        private readonly Func<Func<object>, object> _guard;

        public PostgresErrorSearch(PostgresDatabase db, Func<Func<object>, object> guard)
        {
            _db = db;
            _guard = guard;
        }

        /// <summary>True when some resolved error's document could not be stored (then the engine's search answers).</summary>
        public static bool AnyNotIndexed(PostgresDatabase db) => db.Scalar("SELECT count(*) FROM (SELECT 1 FROM {s}.error_docs WHERE NOT ok LIMIT 1) x") > 0;

        public ErrorCorpusStats Statistics(IReadOnlyCollection<string> terms) => (ErrorCorpusStats)_guard(() =>
        {
            var totals = new long[ErrorFields.Count];
            long documents;
            using (var cmd = _db.Command("SELECT count(*), coalesce(sum(n_type), 0)::bigint, coalesce(sum(n_template), 0)::bigint, coalesce(sum(n_message), 0)::bigint, "
                + "coalesce(sum(n_file), 0)::bigint, coalesce(sum(n_function), 0)::bigint FROM {s}.error_docs"))
            using (var r = cmd.ExecuteReader())
            {
                r.Read();
                documents = r.GetInt64(0);
                for (var f = 0; f < ErrorFields.Count; f++) totals[f] = r.GetInt64(1 + f);
            }
            var df = new Dictionary<string, long>(StringComparer.Ordinal);
            var asked = terms.Where(PostgresText.CanHold).Distinct(StringComparer.Ordinal).ToArray();
            if (asked.Length > 0)
            {
                using var cmd = _db.Command("SELECT t, (SELECT count(*) FROM {s}.error_docs d WHERE d.terms @> ARRAY[t]) FROM unnest(@terms::text[]) AS t");
                cmd.Parameters.Add(new NpgsqlParameter("terms", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = asked });
                using var r = cmd.ExecuteReader();
                while (r.Read())
                    if (r.GetInt64(1) > 0) df[r.GetString(0)] = r.GetInt64(1);
            }
            return new ErrorCorpusStats(documents, totals, df);
        });

        public IEnumerable<string> NewestWithTerm(string term, int limit, PatternMatcher filter) =>
            Ids("d.index_terms @> ARRAY[@key::text]", term, limit, filter);

        public IEnumerable<string> NewestWithSignature(string signature, int limit, PatternMatcher filter) =>
            Ids("d.signature = @key", signature, limit, filter);

        public IReadOnlyList<ErrorDocument> Documents(IReadOnlyCollection<string> ids) => (List<ErrorDocument>)_guard(() =>
        {
            var list = new List<ErrorDocument>(ids.Count);
            var held = ids.Where(PostgresText.CanHold).ToArray();
            if (held.Length == 0) return list;
            using var cmd = _db.Command("SELECT " + DocColumns + " FROM {s}.error_docs d JOIN {s}.patterns p ON p.pattern_id = d.pattern_id WHERE d.pattern_id = ANY(@ids) AND d.ok");
            cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = held });
            using var r = cmd.ExecuteReader();
            while (r.Read()) list.Add(Read(r));
            return list;
        });

        private IEnumerable<string> Ids(string condition, string key, int limit, PatternMatcher filter) => (List<string>)_guard(() =>
        {
            var list = new List<string>();
            if (!PostgresText.CanHold(key) || !PostgresText.CanHold(filter.Agent) || !filter.Tags.All(PostgresText.CanHold)) return list;
            var needsPattern = filter.Agent != null || filter.Tags.Length > 0;
            var sql = new StringBuilder("SELECT d.pattern_id FROM {s}.error_docs d");
            if (needsPattern) sql.Append(" JOIN {s}.patterns p ON p.pattern_id = d.pattern_id");
            sql.Append(" WHERE ").Append(condition);
            using var cmd = _db.Command("");
            cmd.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = key });
            if (filter.AfterMs != null) { sql.Append(" AND d.timestamp_ms >= @after"); cmd.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Bigint) { Value = filter.AfterMs.Value }); }
            if (filter.BeforeMs != null) { sql.Append(" AND d.timestamp_ms < @before"); cmd.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Bigint) { Value = filter.BeforeMs.Value }); }
            // The document's agent and tags are its pattern's query keys (the same engine fold).
            if (filter.Agent != null) { sql.Append(" AND p.agent_norm = @agent"); cmd.Parameters.Add(new NpgsqlParameter("agent", NpgsqlDbType.Text) { Value = filter.Agent }); }
            if (filter.Tags.Length > 0) { sql.Append(" AND p.tags @> @tags"); cmd.Parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filter.Tags }); }
            sql.Append(" ORDER BY d.timestamp_ms DESC, d.pattern_id DESC LIMIT @limit");
            cmd.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
            cmd.CommandText = sql.ToString().Replace("{s}", _db.S);
            using var r = cmd.ExecuteReader();
            while (r.Read()) list.Add(r.GetString(0));
            return list;
        });

        private static ErrorDocument Read(NpgsqlDataReader r)
        {
            var fields = new string[ErrorFields.Count][];
            for (var f = 0; f < ErrorFields.Count; f++) fields[f] = ErrorDocument.SplitField(r.GetString(8 + f));
            return new ErrorDocument(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(13),
                r.GetString(4),
                r.IsDBNull(5) ? (bool?)null : r.GetBoolean(5),
                r.IsDBNull(6) ? (long?)null : r.GetInt64(6),
                r.IsDBNull(14) ? null : r.GetString(14),
                new string[0],
                r.IsDBNull(7) ? null : r.GetString(7), fields);
        }
    }
}
