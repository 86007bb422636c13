namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// The tables of a PostgreSQL store, in their own schema. The seed's columns (data and context as jsonb
    /// for SQL over them) plus the exact JSON text this module wrote (jsonb reorders keys and rewrites float
    /// forms, so reads use the text: the round trip is exact as on every backend), plus the engine's query keys
    /// (<see cref="Query.PatternKeys"/>), computed by the engine and only compared by the server: UTC
    /// milliseconds, folded agent, folded tags and folded words as arrays (collation "C": byte order, no
    /// locale folding). PostgreSQL never folds or tokenizes anything itself. The words have no index: -Text is a
    /// prefix match, which a GIN index over whole words cannot answer, so it filters the newest-first scan.
    /// The newest-first index carries tags and type, so a First-N tag query picks its ids from the index alone
    /// (an index-only scan once VACUUM has marked the pages all-visible) before reading 100 rows.
    /// </summary>
    internal static class PostgresSchema
    {
        /// <summary>Stored in <c>moai_schema</c> (key 'version').</summary>
        public const int CurrentVersion = 2;  // 2: the analysis facts, the error index (error_docs) and the change log (PostgresChangeLog)

        /// <summary>Version 1. {0} is the quoted schema. Run inside the migration transaction.</summary>
        public const string Version1Ddl = @"
CREATE TABLE IF NOT EXISTS {0}.patterns (
    pattern_id    text COLLATE ""C"" PRIMARY KEY,
    pattern_type  text NOT NULL,
    timestamp     bigint NOT NULL,
    timestamp_ms  bigint NOT NULL,
    timestamp_iso text,
    data          jsonb,
    context       jsonb,
    data_text     text NOT NULL,
    context_text  text,
    version       text NOT NULL DEFAULT '1.0',
    extra         text,
    agent_norm    text COLLATE ""C"",
    tags          text[] COLLATE ""C"" NOT NULL DEFAULT '{{}}',
    words         text[] COLLATE ""C"" NOT NULL DEFAULT '{{}}',
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS patterns_newest ON {0}.patterns (timestamp_ms DESC, pattern_id DESC) INCLUDE (tags, pattern_type);
CREATE INDEX IF NOT EXISTS patterns_type_newest ON {0}.patterns (pattern_type, timestamp_ms DESC, pattern_id DESC);
CREATE INDEX IF NOT EXISTS patterns_agent_newest ON {0}.patterns (agent_norm, timestamp_ms DESC, pattern_id DESC) WHERE agent_norm IS NOT NULL;
CREATE INDEX IF NOT EXISTS patterns_tags ON {0}.patterns USING gin (tags);
CREATE TABLE IF NOT EXISTS {0}.pattern_tag_names (tag text COLLATE ""C"" PRIMARY KEY);";

        /// <summary>
        /// Version 2: the analysis facts (<see cref="Analysis.PatternFacts"/>), folded by the engine when the row is
        /// written; SQL groups and sums them, never folds. facts_ok is false where they are missing (a row whose JSON
        /// cannot be read, or a fact text cannot hold): Measure then answers through the engine (see PostgresAnalysis).
        /// Existing rows are filled from their JSON text by the migration (<see cref="PostgresFactsBackfill"/>). Version 2 also adds the error index (<see cref="PostgresErrorIndex"/>).
        /// </summary>
        public const string Version2Ddl = @"
ALTER TABLE {0}.patterns
    ADD COLUMN IF NOT EXISTS task_type_norm       text COLLATE ""C"",
    ADD COLUMN IF NOT EXISTS error_type_norm      text COLLATE ""C"",
    ADD COLUMN IF NOT EXISTS environment_norm     text COLLATE ""C"",
    ADD COLUMN IF NOT EXISTS project_norm         text COLLATE ""C"",
    ADD COLUMN IF NOT EXISTS correction_type_norm text COLLATE ""C"",
    ADD COLUMN IF NOT EXISTS severity_norm        text COLLATE ""C"",
    ADD COLUMN IF NOT EXISTS success_flag         boolean,
    ADD COLUMN IF NOT EXISTS duration_ms          bigint,
    ADD COLUMN IF NOT EXISTS tokens_used          bigint,
    ADD COLUMN IF NOT EXISTS facts_ok             boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS patterns_without_facts ON {0}.patterns (pattern_id) WHERE NOT facts_ok;" + PostgresErrorIndex.Ddl;

        /// <summary>The version 2 fact columns, in <see cref="PostgresRowValues"/>'s order (after the version 1 ones).</summary>
        public static readonly string[] FactColumns =
        {
            "task_type_norm", "error_type_norm", "environment_norm", "project_norm", "correction_type_norm", "severity_norm",
            "success_flag", "duration_ms", "tokens_used", "facts_ok",
        };

        /// <summary>The columns every read selects, in <see cref="PostgresPatternReader"/>'s order.</summary>
        public const string ReadColumns =
            "p.pattern_id, p.pattern_type, p.timestamp, p.timestamp_iso, p.timestamp_ms, p.data_text, p.context_text, p.version, p.extra";

        /// <summary>The columns a save writes, in <see cref="PostgresRowValues"/>'s order.</summary>
        public static readonly string[] WriteColumns =
        {
            "pattern_id", "pattern_type", "timestamp", "timestamp_ms", "timestamp_iso", "data", "context",
            "data_text", "context_text", "version", "extra", "agent_norm", "tags", "words",
            "task_type_norm", "error_type_norm", "environment_norm", "project_norm", "correction_type_norm", "severity_norm",
            "success_flag", "duration_ms", "tokens_used", "facts_ok",
        };
    }
}
