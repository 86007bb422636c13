using System;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Errors;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>Writes and deletes one pattern's error rows (inside the caller's transaction); the triggers keep the statistics.</summary>
    internal sealed class SqliteErrorRows : IDisposable
    {
        private readonly RawStatement _delete, _insertDoc;

        public SqliteErrorRows(SqliteConnection c)
        {
            _delete = new RawStatement(c, "DELETE FROM error_docs WHERE pattern_id = ?1");
            _insertDoc = new RawStatement(c, @"INSERT INTO error_docs (pattern_id, timestamp_ms, signature, error_type, template, resolution, auto_resolved,
 resolution_time_ms, agent_norm, file_path, w_type, w_template, w_message, w_file, w_function, n_type, n_template, n_message, n_file, n_function,
 terms_json, index_json)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)");
        }

        public void Delete(string patternId)
        {
            _delete.Bind(1, patternId);
            _delete.Execute();
        }

        /// <summary>Inserts the error rows, indexed at the pattern row's time (the stored timestamp_ms, which a repair keeps).</summary>
        public void Insert(ErrorDocument d, long timestampMs)
        {
            var s = _insertDoc;
            s.Bind(1, d.PatternId);
            s.Bind(2, timestampMs);
            s.Bind(3, d.Signature);
            s.Bind(4, d.ErrorType);
            s.Bind(5, d.Template);
            s.Bind(6, d.Resolution);
            s.Bind(7, d.AutoResolved == null ? (long?)null : d.AutoResolved.Value ? 1 : 0);
            s.Bind(8, d.ResolutionTimeMs);
            s.Bind(9, d.Agent);
            s.Bind(10, d.FilePath);
            for (var f = 0; f < ErrorFields.Count; f++)
            {
                s.Bind(11 + f, d.FieldText((ErrorField)f));
                s.Bind(16 + f, (long)d.FieldTerms[f].Length);
            }
            s.Bind(21, JsonArray(d.DistinctTerms));
            s.Bind(22, JsonArray(d.IndexTerms));
            s.Execute();  // the insert trigger posts a resolved error and counts its words
        }

        private static string JsonArray(string[] words)
        {
            var sb = new System.Text.StringBuilder("[");
            for (var i = 0; i < words.Length; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(System.Text.Json.JsonSerializer.Serialize(words[i]));
            }
            return sb.Append(']').ToString();
        }

        public void Dispose()
        {
            _delete.Dispose();
            _insertDoc.Dispose();
        }
    }
}
