using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Errors;
using Npgsql;
using NpgsqlTypes;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// Schema version 2's error index (Find-MoaiResolution): one error_docs row per resolved ErrorOccurrence, its
    /// <see cref="ErrorDocument"/> as the engine computed it at save time (words folded by the engine; the server
    /// only compares them, with byte order). A GIN index over the index words finds candidates, one over all
    /// words counts document frequencies. The row follows its pattern: a save replaces it, a delete of the
    /// pattern by any path (retention included) cascades to it. A document text cannot hold (U+0000 in a message)
    /// is kept as a row with ok = false, and then the search of that store is the engine's (see PostgresErrorSearch).
    /// </summary>
    internal static class PostgresErrorIndex
    {
        /// <summary>Part of version 2's DDL. {0} is the quoted schema.</summary>
        public const string Ddl = @"
CREATE TABLE IF NOT EXISTS {0}.error_docs (
    pattern_id   text COLLATE ""C"" PRIMARY KEY REFERENCES {0}.patterns (pattern_id) ON DELETE CASCADE,
    ok           boolean NOT NULL,
    timestamp_ms bigint NOT NULL,
    signature    text COLLATE ""C"",
    error_type   text,
    template     text,
    resolution   text,
    auto_resolved boolean,
    resolution_time_ms bigint,
    file_path    text,
    w_type text, w_template text, w_message text, w_file text, w_function text,
    n_type bigint, n_template bigint, n_message bigint, n_file bigint, n_function bigint,
    terms        text[] COLLATE ""C"",
    index_terms  text[] COLLATE ""C""
);
CREATE INDEX IF NOT EXISTS error_docs_signature ON {0}.error_docs (signature, timestamp_ms DESC, pattern_id DESC);
CREATE INDEX IF NOT EXISTS error_docs_index_terms ON {0}.error_docs USING gin (index_terms);
CREATE INDEX IF NOT EXISTS error_docs_terms ON {0}.error_docs USING gin (terms);
CREATE INDEX IF NOT EXISTS error_docs_not_ok ON {0}.error_docs (pattern_id) WHERE NOT ok;";

        public static readonly string[] Columns =
        {
            "pattern_id", "ok", "timestamp_ms", "signature", "error_type", "template", "resolution", "auto_resolved", "resolution_time_ms", "file_path",
            "w_type", "w_template", "w_message", "w_file", "w_function", "n_type", "n_template", "n_message", "n_file", "n_function", "terms", "index_terms",
        };

        public static readonly NpgsqlDbType[] Types =
        {
            NpgsqlDbType.Text, NpgsqlDbType.Boolean, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Boolean, NpgsqlDbType.Bigint, NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint,
            NpgsqlDbType.Array | NpgsqlDbType.Text, NpgsqlDbType.Array | NpgsqlDbType.Text,
        };

        public static readonly string ColumnList = string.Join(", ", Columns);

        public const string StagingDdl = @"CREATE TEMP TABLE IF NOT EXISTS moai_error_staging_v2 (
    pattern_id text COLLATE ""C"", ok boolean, timestamp_ms bigint, signature text COLLATE ""C"", error_type text, template text, resolution text,
    auto_resolved boolean, resolution_time_ms bigint, file_path text, w_type text, w_template text, w_message text, w_file text, w_function text,
    n_type bigint, n_template bigint, n_message bigint, n_file bigint, n_function bigint, terms text[] COLLATE ""C"", index_terms text[] COLLATE ""C"") ON COMMIT DELETE ROWS";

        /// <summary>The row of a resolved error (null for anything else), at the pattern row's time.</summary>
        public static object[]? Values(ErrorDocument? d, string patternId, long timestampMs)
        {
            if (d == null || !d.IsResolved) return null;
            var fields = Enumerable.Range(0, ErrorFields.Count).Select(f => d.FieldText((ErrorField)f)).ToArray();
            var ok = PostgresText.CanHold(d.Signature) && PostgresText.CanHold(d.ErrorType) && PostgresText.CanHold(d.Template)
                && PostgresText.CanHold(d.Resolution) && PostgresText.CanHold(d.FilePath) && fields.All(PostgresText.CanHold);
            if (!ok)
                return new object[] { patternId, false, timestampMs }.Concat(Enumerable.Repeat((object)DBNull.Value, Columns.Length - 3)).ToArray();
            var v = new List<object>
            {
                patternId, true, timestampMs, d.Signature, d.ErrorType, d.Template, d.Resolution!,
                (object?)d.AutoResolved ?? DBNull.Value, (object?)d.ResolutionTimeMs ?? DBNull.Value, (object?)d.FilePath ?? DBNull.Value,
            };
            v.AddRange(fields);
            v.AddRange(Enumerable.Range(0, ErrorFields.Count).Select(f => (object)(long)d.FieldTerms[f].Length));
            v.Add(d.DistinctTerms);
            v.Add(d.IndexTerms);
            return v.ToArray();
        }

        /// <summary>Writes rows into the session's staging table by binary COPY (in the caller's transaction).</summary>
        public static void Copy(NpgsqlConnection c, IEnumerable<object[]> rows)
        {
            using var copy = c.BeginBinaryImport("COPY moai_error_staging_v2 (" + ColumnList + ") FROM STDIN (FORMAT BINARY)");
            foreach (var v in rows)
            {
                copy.StartRow();
                for (var i = 0; i < v.Length; i++)
                {
                    if (v[i] is DBNull) copy.WriteNull();
                    else copy.Write(v[i], Types[i]);
                }
            }
            copy.Complete();
        }
    }
}
