using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Analysis;
using MoaiPatterns.Stores;
using Npgsql;
using NpgsqlTypes;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// Fills the analysis facts and the error index of rows written before schema version 2: each row's exact JSON text is read by the
    /// engine (as a Get would), its facts computed as a save computes them, and written back in chunks by id, all in
    /// the caller's migration transaction. A row whose JSON cannot be read keeps facts_ok false.
    /// </summary>
    internal static class PostgresFactsBackfill
    {
        private const int Chunk = 2000;

        public static void Run(NpgsqlConnection c, string schema, string location)
        {
            var last = "";
            while (true)
            {
                var chunk = new List<(string Id, PatternFacts? Facts)>();
                var errors = new List<object[]>();
                using (var cmd = new NpgsqlCommand("SELECT " + PostgresSchema.ReadColumns + " FROM " + schema + ".patterns p WHERE p.pattern_id > @last ORDER BY p.pattern_id LIMIT " + Chunk, c))
                {
                    cmd.CommandTimeout = 0;
                    cmd.Parameters.Add(new NpgsqlParameter("last", NpgsqlDbType.Text) { Value = last });
                    using var r = cmd.ExecuteReader();
                    var warnings = new List<StoreWarning>();
                    while (r.Read())
                    {
                        last = r.GetString(0);
                        var p = PostgresPatternReader.TryRead(r, warnings);
                        var values = p == null ? null : ValuesOf(p, location);
                        chunk.Add((last, values?.Facts));
                        if (values?.ErrorValues != null) errors.Add(values.ErrorValues);
                    }
                }
                if (chunk.Count > 0) Write(c, schema, chunk);
                if (errors.Count > 0)
                {
                    using (var ddl = new NpgsqlCommand(PostgresErrorIndex.StagingDdl, c)) ddl.ExecuteNonQuery();
                    PostgresErrorIndex.Copy(c, errors);
                    using var insert = new NpgsqlCommand("INSERT INTO " + schema + ".error_docs (" + PostgresErrorIndex.ColumnList + ") SELECT " + PostgresErrorIndex.ColumnList
                        + " FROM moai_error_staging_v2 ORDER BY pattern_id ON CONFLICT (pattern_id) DO NOTHING; DELETE FROM moai_error_staging_v2", c) { CommandTimeout = 0 };
                    insert.ExecuteNonQuery();
                }
                if (chunk.Count < Chunk) return;
            }
        }

        private static PostgresRowValues? ValuesOf(MoaiPattern p, string location)
        {
            try
            {
                return PostgresRowValues.Of(p, location);
            }
            catch (StoreAccessException)
            {
                return null;  // a key text cannot hold (cannot be stored, but a hand-written row may hold its escape)
            }
        }

        /// <summary>One UPDATE per chunk, the values as parallel arrays.</summary>
        public static void Write(NpgsqlConnection c, string schema, IReadOnlyList<(string Id, PatternFacts? Facts)> rows)
        {
            var columns = PostgresSchema.FactColumns;
            var arrays = new object?[columns.Length][];
            for (var j = 0; j < columns.Length; j++) arrays[j] = new object?[rows.Count];
            var ids = new string[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                ids[i] = rows[i].Id;
                var v = PostgresRowValues.FactValues(rows[i].Facts);
                for (var j = 0; j < columns.Length; j++) arrays[j][i] = v[j] is DBNull ? null : v[j];
            }
            var set = new List<string>();
            var from = new List<string> { "@ids" };
            using var cmd = new NpgsqlCommand { Connection = c, CommandTimeout = 0 };
            cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
            for (var j = 0; j < columns.Length; j++)
            {
                set.Add(columns[j] + " = u.c" + j);
                from.Add("@c" + j);
                var type = PostgresRowValues.Types[PostgresSchema.WriteColumns.Length - columns.Length + j];
                cmd.Parameters.Add(new NpgsqlParameter("c" + j, NpgsqlDbType.Array | type) { Value = Typed(arrays[j], type) });
            }
            var names = "id, " + string.Join(", ", Enumerable.Range(0, columns.Length).Select(j => "c" + j));
            cmd.CommandText = "UPDATE " + schema + ".patterns p SET " + string.Join(", ", set) + " FROM unnest(" + string.Join(", ", from) + ") AS u(" + names + ") WHERE p.pattern_id = u.id";
            cmd.ExecuteNonQuery();
        }

        private static Array Typed(object?[] values, NpgsqlDbType type)
        {
            switch (type)
            {
                case NpgsqlDbType.Text: return Array.ConvertAll(values, v => (string?)v);
                case NpgsqlDbType.Boolean: return Array.ConvertAll(values, v => (bool?)v);
                default: return Array.ConvertAll(values, v => (long?)v);
            }
        }
    }
}
