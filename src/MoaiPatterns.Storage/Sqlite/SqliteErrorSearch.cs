using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Errors;
using MoaiPatterns.Query;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>
    /// <see cref="IErrorSearch"/> over the schema-3 error index: statistics from the trigger-kept tables (one
    /// row each), candidates by walking one word's postings (term, time, id) newest first with the filters
    /// in SQL, so a lookup reads a few hundred rows whatever the size of the store.
    /// </summary>
    internal sealed class SqliteErrorSearch : IErrorSearch
    {
        private const string Columns =
            "d.pattern_id, d.timestamp_ms, d.error_type, d.template, d.resolution, d.auto_resolved, d.resolution_time_ms, d.agent_norm, d.file_path, " +
            "d.w_type, d.w_template, d.w_message, d.w_file, d.w_function, d.signature";

        private readonly SqliteConnectionHolder _db;
        private readonly Func<Func<object>, object> _guard;

        public SqliteErrorSearch(SqliteConnectionHolder db, Func<Func<object>, object> guard)
        {
            _db = db;
            _guard = guard;
        }

        public ErrorCorpusStats Statistics(IReadOnlyCollection<string> terms) => (ErrorCorpusStats)_guard(() =>
        {
            var totals = new long[ErrorFields.Count];
            long documents = 0;
            var stats = _db.Command("SELECT documents, n_type, n_template, n_message, n_file, n_function FROM error_stats WHERE id = 1");
            using (var r = stats.ExecuteReader())
            {
                if (r.Read())
                {
                    documents = r.GetInt64(0);
                    for (var f = 0; f < ErrorFields.Count; f++) totals[f] = r.GetInt64(1 + f);
                }
            }
            var df = new Dictionary<string, long>(StringComparer.Ordinal);
            var lookup = _db.Command("SELECT df FROM error_term_df WHERE term = @term");
            if (lookup.Parameters.Count == 0) lookup.Parameters.Add(new SqliteParameter { ParameterName = "@term" });
            foreach (var t in terms)
            {
                lookup.Parameters[0].Value = t;
                var v = lookup.ExecuteScalar();
                if (v != null && !(v is DBNull) && Convert.ToInt64(v) > 0) df[t] = Convert.ToInt64(v);
            }
            return new ErrorCorpusStats(documents, totals, df);
        });

        public IEnumerable<string> NewestWithTerm(string term, int limit, PatternMatcher filter) =>
            Ids("SELECT t.pattern_id FROM error_terms t" + (NeedsDoc(filter) ? " JOIN error_docs d ON d.pattern_id = t.pattern_id" : "") + " WHERE t.term = @key",
                "t.timestamp_ms", "t.pattern_id", term, limit, filter);

        public IEnumerable<string> NewestWithSignature(string signature, int limit, PatternMatcher filter) =>
            Ids("SELECT d.pattern_id FROM error_docs d WHERE d.signature = @key AND d.resolution IS NOT NULL",
                "d.timestamp_ms", "d.pattern_id", signature, limit, filter);

        public IReadOnlyList<ErrorDocument> Documents(IReadOnlyCollection<string> ids) => (List<ErrorDocument>)_guard(() =>
        {
            var list = new List<ErrorDocument>(ids.Count);
            if (ids.Count == 0) return list;
            var cmd = _db.Command("SELECT " + Columns + " FROM error_docs d WHERE d.pattern_id IN (SELECT value FROM json_each(@ids))");
            if (cmd.Parameters.Count == 0) cmd.Parameters.Add(new SqliteParameter { ParameterName = "@ids" });
            cmd.Parameters[0].Value = System.Text.Json.JsonSerializer.Serialize(ids);
            using var r = cmd.ExecuteReader();
            while (r.Read()) list.Add(ReadDocument(r));
            return list;
        });

        private static bool NeedsDoc(PatternMatcher filter) => filter.Agent != null || filter.Tags.Length > 0;

        private IEnumerable<string> Ids(string select, string msColumn, string idColumn, string key, int limit, PatternMatcher filter) =>
            (List<string>)_guard(() =>
            {
                var sql = new StringBuilder(select);
                var args = new List<(string, object)> { ("@key", key) };
                if (filter.AfterMs != null) { sql.Append(" AND ").Append(msColumn).Append(" >= @after"); args.Add(("@after", filter.AfterMs.Value)); }
                if (filter.BeforeMs != null) { sql.Append(" AND ").Append(msColumn).Append(" < @before"); args.Add(("@before", filter.BeforeMs.Value)); }
                if (filter.Agent != null) { sql.Append(" AND d.agent_norm = @agent"); args.Add(("@agent", filter.Agent)); }
                for (var i = 0; i < filter.Tags.Length; i++)
                {
                    sql.Append(" AND EXISTS (SELECT 1 FROM pattern_tags g WHERE g.pattern_id = d.pattern_id AND g.tag = @tag").Append(i).Append(')');
                    args.Add(("@tag" + i, filter.Tags[i]));
                }
                sql.Append(" ORDER BY ").Append(msColumn).Append(" DESC, ").Append(idColumn).Append(" DESC LIMIT @limit");
                args.Add(("@limit", limit));
                // Kept prepared per shape of query: a lookup runs a dozen of these.
                var cmd = _db.Command(sql.ToString());
                if (cmd.Parameters.Count == 0) foreach (var (name, _) in args) cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
                foreach (var (name, value) in args) cmd.Parameters[name].Value = value;
                var list = new List<string>();
                using var r = cmd.ExecuteReader();
                while (r.Read()) list.Add(r.GetString(0));
                return list;
            });

        private static ErrorDocument ReadDocument(SqliteDataReader r)
        {
            var fields = new string[ErrorFields.Count][];
            for (var f = 0; f < ErrorFields.Count; f++) fields[f] = ErrorDocument.SplitField(r.GetString(9 + f));
            return new ErrorDocument(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(14),
                r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? (bool?)null : r.GetInt64(5) != 0,
                r.IsDBNull(6) ? (long?)null : r.GetInt64(6),
                r.IsDBNull(7) ? null : r.GetString(7),
                new string[0],
                r.IsDBNull(8) ? null : r.GetString(8), fields);
        }
    }
}
