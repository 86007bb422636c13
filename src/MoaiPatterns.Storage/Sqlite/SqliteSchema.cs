namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>
    /// The database layout: the seed's <c>patterns</c> table and indexes, kept exactly so the original
    /// Python tool still reads and writes the file, extended (never replaced) by schema versions 1 and 2.
    /// Version 2 stores the engine's query keys (<see cref="Query.PatternKeys"/>): folded agent and tags, and
    /// the folded words in a full-text table whose ASCII tokenizer only splits on spaces between them, so
    /// SQLite cannot fold or split differently from every other backend.
    /// </summary>
    internal static class SqliteSchema
    {
        /// <summary>Stored in PRAGMA user_version; the reference writes 0.</summary>
        public const int CurrentVersion = 3;

        /// <summary>The seed's DDL, verbatim in meaning (IF NOT EXISTS so an existing file is untouched).</summary>
        public const string SeedDdl = @"
CREATE TABLE IF NOT EXISTS patterns (
    pattern_id TEXT PRIMARY KEY,
    pattern_type TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    data TEXT NOT NULL,
    context TEXT,
    version TEXT DEFAULT '1.0',
    created_at INTEGER DEFAULT (strftime('%s', 'now'))
);
CREATE INDEX IF NOT EXISTS idx_type_timestamp ON patterns(pattern_type, timestamp);
CREATE INDEX IF NOT EXISTS idx_created_at ON patterns(created_at);";

        /// <summary>Columns added by version 1; derived from the seed columns, NULL on rows the original inserted.</summary>
        public static readonly string[] AddedColumns =
        {
            "timestamp_ms INTEGER",  // UTC milliseconds: the resolution queries compare and order at
            "timestamp_iso TEXT",    // the timestamp as written (offset and ticks kept)
            "agent_norm TEXT",       // data.agent / data.agent_type, folded (PatternKeys.Agent)
            "extra TEXT",            // unknown root fields as a JSON object, NULL when none
            "doc_id INTEGER",        // rowid of the pattern's FTS row; explicit so VACUUM cannot renumber it
        };

        /// <summary>Tables and indexes of versions 1 and 2, created after the columns exist. pattern_fts holds
        /// PatternKeys.WordsText: words are letters, marks and digits, so the ascii tokenizer's separators are
        /// exactly the spaces between them, and its ASCII lower-casing finds nothing left to change.</summary>
        public const string ExtensionDdl = @"
CREATE TABLE IF NOT EXISTS pattern_tags (
    tag TEXT NOT NULL,
    timestamp_ms INTEGER NOT NULL,
    pattern_id TEXT NOT NULL,
    PRIMARY KEY (tag, timestamp_ms, pattern_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_pattern_tags_id ON pattern_tags(pattern_id, tag);
CREATE VIRTUAL TABLE IF NOT EXISTS pattern_fts USING fts5(body, tokenize = 'ascii');
CREATE INDEX IF NOT EXISTS idx_patterns_newest ON patterns(timestamp_ms DESC, pattern_id DESC);
CREATE INDEX IF NOT EXISTS idx_patterns_type_ms ON patterns(pattern_type, timestamp_ms DESC, pattern_id DESC);
CREATE INDEX IF NOT EXISTS idx_patterns_agent ON patterns(agent_norm, timestamp_ms DESC, pattern_id DESC);
CREATE UNIQUE INDEX IF NOT EXISTS idx_patterns_doc ON patterns(doc_id);
CREATE INDEX IF NOT EXISTS idx_patterns_pending ON patterns(pattern_id) WHERE timestamp_ms IS NULL;";

        /// <summary>The columns every read selects, in <see cref="SqlitePatternReader"/>'s order.</summary>
        public const string ReadColumns =
            "p.pattern_id, p.pattern_type, p.timestamp, p.timestamp_iso, p.timestamp_ms, p.data, p.context, p.version, p.extra";
    }
}
