using System;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>
    /// Prepared statements that upsert and delete one pattern with its tag and FTS rows. The caller owns
    /// the transaction (<see cref="SqliteConnectionHolder.BeginWrite"/>); statements are reused across rows.
    /// </summary>
    internal sealed class SqliteRowWriter : IDisposable
    {
        private readonly SqliteCommand _selectDoc, _deleteFts, _deleteTags, _upsert, _deletePattern, _setAgent;
        // The statements every new row runs, bound by index (see RawStatement).
        private readonly RawStatement _insertNew, _clearTags, _insertTag, _insertFts;
        // The change feed's log (SqliteChangeLog): one row per save, pruned a few rows at a time.
        private readonly RawStatement _recordSave, _pruneChanges;
        private readonly SqliteCommand _savepoint, _release, _rollbackTo;
        private readonly SqliteErrorRows _errors;
        private long _nextDocId = -1;

        public SqliteRowWriter(SqliteConnection c)
        {
            _selectDoc = Prepare(c, "SELECT doc_id FROM patterns WHERE pattern_id = @id", "@id");
            _deleteFts = Prepare(c, "DELETE FROM pattern_fts WHERE rowid = @doc", "@doc");
            _deleteTags = Prepare(c, "DELETE FROM pattern_tags WHERE pattern_id = @id", "@id");
            _deletePattern = Prepare(c, "DELETE FROM patterns WHERE pattern_id = @id", "@id");
            _setAgent = Prepare(c, "UPDATE patterns SET agent_norm = @agent" + FactsSet + " WHERE pattern_id = @id",
                new[] { "@agent" }.Concat(FactsParameters).Concat(new[] { "@id" }).ToArray());
            _upsert = Prepare(c, @"INSERT INTO patterns (pattern_id, pattern_type, timestamp, data, context, version, timestamp_ms, timestamp_iso, agent_norm, extra, doc_id" + FactsColumns + @")
VALUES (@id, @type, @ts, @data, @context, @version, @ms, @iso, @agent, @extra, @doc, " + string.Join(", ", FactsParameters) + @")
ON CONFLICT(pattern_id) DO UPDATE SET pattern_type = excluded.pattern_type, timestamp = excluded.timestamp, data = excluded.data,
 context = excluded.context, version = excluded.version, timestamp_ms = excluded.timestamp_ms, timestamp_iso = excluded.timestamp_iso,
 agent_norm = excluded.agent_norm, extra = excluded.extra, doc_id = excluded.doc_id" + FactsUpdate,
                new[] { "@id", "@type", "@ts", "@data", "@context", "@version", "@ms", "@iso", "@agent", "@extra", "@doc" }.Concat(FactsParameters).ToArray());
            _insertNew = new RawStatement(c, @"INSERT INTO patterns (pattern_id, pattern_type, timestamp, data, context, version, timestamp_ms, timestamp_iso, agent_norm, extra, doc_id" + FactsColumns + @")
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20) ON CONFLICT(pattern_id) DO NOTHING");
            _clearTags = new RawStatement(c, "DELETE FROM pattern_tags WHERE pattern_id = ?1");
            _insertTag = new RawStatement(c, "INSERT OR IGNORE INTO pattern_tags (tag, timestamp_ms, pattern_id) VALUES (?1, ?2, ?3)");
            _insertFts = new RawStatement(c, "INSERT INTO pattern_fts (rowid, body) VALUES (?1, ?2)");
            _errors = new SqliteErrorRows(c);
            _recordSave = new RawStatement(c, SqliteChangeLog.InsertSql);
            _pruneChanges = new RawStatement(c, SqliteChangeLog.PruneSomeSql);
            _savepoint = Prepare(c, "SAVEPOINT moai_row");
            _release = Prepare(c, "RELEASE moai_row");
            _rollbackTo = Prepare(c, "ROLLBACK TO moai_row; RELEASE moai_row");
        }

        /// <summary>Forget the cached next FTS doc id: call at the start of every write transaction (another process may have written).</summary>
        public void ResetDocIds() => _nextDocId = -1;

        /// <summary>Writes one row whole or not at all (a savepoint), so a failure leaves the batch intact.</summary>
        public void UpsertAtomic(PatternRow row, bool recordSave = false)
        {
            _savepoint.ExecuteNonQuery();
            try
            {
                Upsert(row);
                if (recordSave) RecordSave(row.PatternId);
                _release.ExecuteNonQuery();
            }
            catch
            {
                try { _rollbackTo.ExecuteNonQuery(); } catch (SqliteException) { /* the transaction itself is gone */ }
                throw;
            }
        }

        /// <summary>
        /// Logs a save for the change feed (inside the save's transaction, so the row and its log entry commit
        /// together); every <see cref="SqliteChangeLog.PruneEvery"/>th entry also prunes a bounded number of old ones.
        /// Not called when derived rows are rebuilt (Repair, rekey): those are no saves.
        /// </summary>
        public void RecordSave(string patternId)
        {
            _recordSave.Bind(1, patternId);
            _recordSave.Bind(2, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            _recordSave.Execute();
            var seq = SQLitePCL.raw.sqlite3_last_insert_rowid(_selectDoc.Connection!.Handle);
            if (seq % SqliteChangeLog.PruneEvery != 0) return;
            _pruneChanges.Bind(1, (DateTimeOffset.UtcNow - SqliteChangeLog.Retention).ToUnixTimeMilliseconds());
            _pruneChanges.Execute();
        }

        /// <summary>Replaces the pattern row and its tags/FTS rows (inside the caller's transaction).</summary>
        public void Upsert(PatternRow row)
        {
            // Most saves are new ids: one insert that does nothing on a conflict saves the lookup and the deletes.
            if (row.Problem == null && TryInsertNew(row)) return;
            var existingDoc = LookupDoc(row.PatternId, out _);
            if (existingDoc != null) Exec(_deleteFts, existingDoc.Value);
            Exec(_deleteTags, row.PatternId);  // also drops tags the original tool left behind for a deleted id
            _errors.Delete(row.PatternId);  // the update below fires no delete trigger; the type may have changed too
            var doc = row.Problem != null ? (long?)null : existingDoc ?? NextDocId();
            SetRow(_upsert, row, doc);
            _upsert.ExecuteNonQuery();
            WriteDerived(row, doc);
        }

        private bool TryInsertNew(PatternRow row)
        {
            var doc = NextDocId();
            var st = _insertNew;
            st.Bind(1, row.PatternId);
            st.Bind(2, row.PatternType);
            st.Bind(3, row.TimestampSeconds);
            st.Bind(4, row.DataJson);
            st.Bind(5, row.ContextJson);
            st.Bind(6, row.Version);
            st.Bind(7, row.TimestampMs);
            st.Bind(8, row.TimestampIso);
            st.Bind(9, row.AgentNorm);
            st.Bind(10, row.ExtraJson);
            st.Bind(11, doc);
            var facts = FactValues(row.Facts);
            for (var i = 0; i < facts.Length; i++)
            {
                if (facts[i] is string text) st.Bind(12 + i, text);
                else st.Bind(12 + i, (long?)facts[i]);
            }
            if (st.Execute() == 0)
            {
                _nextDocId--;  // the id exists: the full upsert path takes over and may reuse its doc id
                return false;
            }
            _clearTags.Bind(1, row.PatternId);  // tags the original tool left behind when it deleted this id
            _clearTags.Execute();
            WriteDerived(row, doc);
            return true;
        }

        private void SetRow(SqliteCommand cmd, PatternRow row, long? doc)
        {
            var p = cmd.Parameters;
            p[0].Value = row.PatternId;
            p[1].Value = row.PatternType;
            p[2].Value = row.TimestampSeconds;
            p[3].Value = row.DataJson;
            p[4].Value = (object?)row.ContextJson ?? DBNull.Value;
            p[5].Value = row.Version;
            p[6].Value = row.TimestampMs;
            p[7].Value = (object?)row.TimestampIso ?? DBNull.Value;
            p[8].Value = (object?)row.AgentNorm ?? DBNull.Value;
            p[9].Value = (object?)row.ExtraJson ?? DBNull.Value;
            p[10].Value = doc == null ? DBNull.Value : (object)doc.Value;
            var facts = FactValues(row.Facts);
            for (var i = 0; i < facts.Length; i++) p[11 + i].Value = facts[i] ?? DBNull.Value;
        }

        // The version 3 analysis columns, in one order for every statement (SqliteSchema.AddedColumns).
        private static readonly string[] FactsNames =
            { "task_type_norm", "error_type_norm", "environment_norm", "project_norm", "correction_type_norm", "severity_norm", "success_flag", "duration_ms", "tokens_used" };
        private static readonly string FactsColumns = string.Concat(FactsNames.Select(n => ", " + n));
        private static readonly string[] FactsParameters = FactsNames.Select(n => "@" + n).ToArray();
        private static readonly string FactsUpdate = string.Concat(FactsNames.Select(n => ", " + n + " = excluded." + n));
        private static readonly string FactsSet = string.Concat(FactsNames.Select(n => ", " + n + " = @" + n));

        /// <summary>The facts in <see cref="FactsNames"/> order (all null for a row whose JSON cannot be read).</summary>
        private static object?[] FactValues(Analysis.PatternFacts? f) => f == null ? new object?[FactsNames.Length] : new object?[]
        {
            f.TaskType, f.ErrorType, f.Environment, f.Project, f.CorrectionType, f.Severity,
            f.Success == null ? (long?)null : f.Success.Value ? 1L : 0L, f.DurationMs, f.TokensUsed,
        };

        private void WriteDerived(PatternRow row, long? doc)
        {
            foreach (var tag in row.Tags)
            {
                _insertTag.Bind(1, tag);
                _insertTag.Bind(2, row.TimestampMs);
                _insertTag.Bind(3, row.PatternId);
                _insertTag.Execute();
            }
            if (doc != null)
            {
                _insertFts.Bind(1, doc.Value);
                _insertFts.Bind(2, row.SearchText);
                _insertFts.Execute();
            }
            if (row.Error != null) _errors.Insert(row.Error, row.TimestampMs);
        }

        /// <summary>Rewrites a stored pattern's query keys (agent, tags, full-text words) and analysis facts, and nothing else.</summary>
        public void ReplaceKeys(PatternRow row, long? doc)
        {
            _setAgent.Parameters[0].Value = (object?)row.AgentNorm ?? DBNull.Value;
            var facts = FactValues(row.Facts);
            for (var i = 0; i < facts.Length; i++) _setAgent.Parameters[1 + i].Value = facts[i] ?? DBNull.Value;
            _setAgent.Parameters[1 + facts.Length].Value = row.PatternId;
            _setAgent.ExecuteNonQuery();
            if (doc != null) Exec(_deleteFts, doc.Value);
            Exec(_deleteTags, row.PatternId);
            _errors.Delete(row.PatternId);
            WriteDerived(row, doc);
        }

        /// <summary>Deletes one pattern and its derived rows; false when there was none.</summary>
        public bool Delete(string patternId)
        {
            var doc = LookupDoc(patternId, out var exists);
            if (!exists) return false;
            if (doc != null) Exec(_deleteFts, doc.Value);
            Exec(_deleteTags, patternId);
            Exec(_deletePattern, patternId);
            return true;
        }

        private long? LookupDoc(string id, out bool exists)
        {
            _selectDoc.Parameters[0].Value = id;
            var v = _selectDoc.ExecuteScalar();
            exists = v != null;
            return v == null || v is DBNull ? (long?)null : Convert.ToInt64(v);
        }

        /// <summary>Never reuses an FTS rowid, even one orphaned by the original tool's INSERT OR REPLACE.</summary>
        private long NextDocId()
        {
            if (_nextDocId < 0)
            {
                using var cmd = _selectDoc.Connection!.CreateCommand();
                cmd.CommandText = "SELECT max(IFNULL((SELECT max(doc_id) FROM patterns), 0), IFNULL((SELECT rowid FROM pattern_fts ORDER BY rowid DESC LIMIT 1), 0))";
                _nextDocId = Convert.ToInt64(cmd.ExecuteScalar()) + 1;
            }
            return _nextDocId++;
        }

        private static void Exec(SqliteCommand cmd, object value)
        {
            cmd.Parameters[0].Value = value;
            cmd.ExecuteNonQuery();
        }

        private static SqliteCommand Prepare(SqliteConnection c, string sql, params string[] parameters)
        {
            var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            foreach (var name in parameters) cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
            return cmd;
        }

        public void Dispose()
        {
            foreach (var cmd in new[] { _selectDoc, _deleteFts, _deleteTags, _upsert, _deletePattern, _setAgent, _savepoint, _release, _rollbackTo })
                cmd.Dispose();
            foreach (var st in new[] { _insertNew, _clearTags, _insertTag, _insertFts, _recordSave, _pruneChanges })
                st.Dispose();
            _errors.Dispose();
        }
    }
}
