namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>
    /// Schema version 3's error index (Find-MoaiResolution): one error_docs row per ErrorOccurrence (its
    /// <see cref="Errors.ErrorDocument"/>: signature, template, resolution, the folded words of each field, its
    /// distinct and index words as JSON arrays). Triggers on its insert and delete keep the rest exact: the
    /// postings (error_terms: each resolved error under each index word, newest first) and the BM25 statistics
    /// (document frequency per word, documents and words per field), so a lookup never counts a table and a
    /// save is one statement more. Deleting a pattern by any path (this module, a set-based
    /// retention, the original tool) deletes its error rows through the triggers.
    /// </summary>
    internal static class SqliteErrorSchema
    {
        public const string Ddl = @"
CREATE TABLE IF NOT EXISTS error_docs (
    pattern_id TEXT PRIMARY KEY,
    timestamp_ms INTEGER NOT NULL,
    signature TEXT NOT NULL,
    error_type TEXT NOT NULL,
    template TEXT NOT NULL,
    resolution TEXT,
    auto_resolved INTEGER,
    resolution_time_ms INTEGER,
    agent_norm TEXT,
    file_path TEXT,
    w_type TEXT NOT NULL, w_template TEXT NOT NULL, w_message TEXT NOT NULL, w_file TEXT NOT NULL, w_function TEXT NOT NULL,
    n_type INTEGER NOT NULL, n_template INTEGER NOT NULL, n_message INTEGER NOT NULL, n_file INTEGER NOT NULL, n_function INTEGER NOT NULL,
    terms_json TEXT NOT NULL,  -- ErrorDocument.DistinctTerms: what the document frequencies count
    index_json TEXT NOT NULL   -- ErrorDocument.IndexTerms: what error_terms posts it under
);
CREATE INDEX IF NOT EXISTS idx_error_docs_signature ON error_docs(signature, timestamp_ms DESC, pattern_id DESC) WHERE resolution IS NOT NULL;
CREATE TABLE IF NOT EXISTS error_terms (
    term TEXT NOT NULL,
    timestamp_ms INTEGER NOT NULL,
    pattern_id TEXT NOT NULL,
    PRIMARY KEY (term, timestamp_ms, pattern_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS error_term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS error_stats (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    documents INTEGER NOT NULL,
    n_type INTEGER NOT NULL, n_template INTEGER NOT NULL, n_message INTEGER NOT NULL, n_file INTEGER NOT NULL, n_function INTEGER NOT NULL
);
INSERT OR IGNORE INTO error_stats VALUES (1, 0, 0, 0, 0, 0, 0);
CREATE TRIGGER IF NOT EXISTS error_docs_added AFTER INSERT ON error_docs WHEN new.resolution IS NOT NULL BEGIN
    UPDATE error_stats SET documents = documents + 1, n_type = n_type + new.n_type, n_template = n_template + new.n_template,
        n_message = n_message + new.n_message, n_file = n_file + new.n_file, n_function = n_function + new.n_function WHERE id = 1;
    INSERT INTO error_term_df (term, df) SELECT value, 1 FROM json_each(new.terms_json) WHERE 1 ON CONFLICT(term) DO UPDATE SET df = df + 1;
    INSERT OR IGNORE INTO error_terms (term, timestamp_ms, pattern_id) SELECT value, new.timestamp_ms, new.pattern_id FROM json_each(new.index_json);
END;
CREATE TRIGGER IF NOT EXISTS error_docs_removed AFTER DELETE ON error_docs WHEN old.resolution IS NOT NULL BEGIN
    UPDATE error_stats SET documents = documents - 1, n_type = n_type - old.n_type, n_template = n_template - old.n_template,
        n_message = n_message - old.n_message, n_file = n_file - old.n_file, n_function = n_function - old.n_function WHERE id = 1;
    UPDATE error_term_df SET df = df - 1 WHERE term IN (SELECT value FROM json_each(old.terms_json));
    DELETE FROM error_terms WHERE timestamp_ms = old.timestamp_ms AND pattern_id = old.pattern_id
        AND term IN (SELECT value FROM json_each(old.index_json));
END;
CREATE TRIGGER IF NOT EXISTS patterns_removed_errors AFTER DELETE ON patterns WHEN old.pattern_type = 'error_occurrence' BEGIN
    DELETE FROM error_docs WHERE pattern_id = old.pattern_id;
END;";
    }
}
