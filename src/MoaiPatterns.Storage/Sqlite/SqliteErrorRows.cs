using System;
using System.IO;
using System.Text;
using System.Text.Json;
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

        // One writer and buffer for every row: a JsonSerializer call per word cost more than the row's insert
        // (profiled, issue 16). Same escaping (the default encoder), so json_each reads the same values.
        private readonly MemoryStream _json = new MemoryStream();
        private Utf8JsonWriter? _writer;

        internal string JsonArray(string[] words)
        {
            _json.SetLength(0);
            if (_writer == null) _writer = new Utf8JsonWriter(_json);
            else _writer.Reset(_json);
            _writer.WriteStartArray();
            foreach (var w in words) _writer.WriteStringValue(w);
            _writer.WriteEndArray();
            _writer.Flush();
            return Encoding.UTF8.GetString(_json.GetBuffer(), 0, (int)_json.Length);
        }

        public void Dispose()
        {
            _delete.Dispose();
            _insertDoc.Dispose();
            _writer?.Dispose();
        }
    }
}
