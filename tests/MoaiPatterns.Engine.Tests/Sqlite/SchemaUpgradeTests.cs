using System;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Query;
using MoaiPatterns.Storage;
using MoaiPatterns.Storage.Sqlite;
using MoaiPatterns.Stores;
using Xunit;

namespace MoaiPatterns.Tests.Sqlite
{
    /// <summary>A file of the previous version (schema 1: keys lower-cased by ToLowerInvariant, unicode61 full text) moves to schema 2 in place.</summary>
    public sealed class SchemaUpgradeTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-upgrade-" + Guid.NewGuid().ToString("N"));

        public SchemaUpgradeTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        [Fact]
        public void Version_1_keys_are_recomputed_and_nothing_else_changes()
        {
            var path = Path.Combine(_dir, "v1.db");
            var ts = new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.FromHours(2));
            using (var store = PatternStores.Open(path, StoreBackend.Sqlite, create: true))
            {
                store.Save(new MoaiPattern("kelvin", PatternType.TaskCompletion, ts,
                    new TaskCompletionData { TaskType = "\u03C3\u03B9\u03C3\u03C5\u03C6\u03BF\u03C2", Agent = "\u212A-bot", DurationMs = 5, Success = true },
                    new PatternContext { Tags = new[] { "\u03C2igma" } }));
                store.Save(new MoaiPattern("plain", PatternType.ErrorOccurrence, ts.AddMinutes(1),
                    new ErrorOccurrenceData { ErrorType = "KeyError", ErrorMessage = "missing key in handler" }));
            }
            string dataBefore;
            using (var c = Raw(path))
            {
                // What version 1 wrote: ToLowerInvariant keys, raw text in a unicode61 table.
                Exec(c, "UPDATE patterns SET agent_norm = lower(agent_norm)");
                Exec(c, "UPDATE patterns SET agent_norm = '\u212A-bot' WHERE pattern_id = 'kelvin'");
                Exec(c, "UPDATE pattern_tags SET tag = '\u03C2igma' WHERE pattern_id = 'kelvin'");
                Exec(c, "DROP TABLE pattern_fts");
                Exec(c, "CREATE VIRTUAL TABLE pattern_fts USING fts5(body, tokenize = \"unicode61 remove_diacritics 0 categories 'L* N*'\")");
                Exec(c, "INSERT INTO pattern_fts (rowid, body) SELECT doc_id, data FROM patterns");
                Exec(c, "PRAGMA user_version = 1");
                dataBefore = string.Join("|", Column(c, "SELECT pattern_id || data || context || timestamp_iso FROM patterns ORDER BY pattern_id"));
            }

            using (var store = PatternStores.Open(path, StoreBackend.Sqlite, create: false))
            {
                Assert.Equal(new[] { "kelvin" }, store.Find(new PatternQuery { Agent = "k-bot" }).Select(p => p.PatternId));
                Assert.Equal(new[] { "kelvin" }, store.Find(new PatternQuery { Tags = new[] { "\u03C3IGMA" } }).Select(p => p.PatternId));
                Assert.Equal(new[] { "kelvin" }, store.Find(new PatternQuery { Text = "\u03A3\u0399\u03A3" }).Select(p => p.PatternId));
                Assert.Equal(new[] { "plain" }, store.Find(new PatternQuery { Text = "hand" }).Select(p => p.PatternId));
                Assert.Equal(2, store.Count(PatternQuery.All));
            }
            using (var c = Raw(path))
            {
                Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar(c, "PRAGMA user_version"));
                Assert.Equal(dataBefore, string.Join("|", Column(c, "SELECT pattern_id || data || context || timestamp_iso FROM patterns ORDER BY pattern_id")));
                Assert.Contains("ascii", (string)Scalar(c, "SELECT sql FROM sqlite_master WHERE name = 'pattern_fts'")!);
                Assert.Equal(2L, Scalar(c, "SELECT count(*) FROM pattern_fts"));
            }
        }

        /// <summary>A version 2 file (no analysis columns) gets them, filled from each row's JSON by the engine's facts.</summary>
        [Fact]
        public void Version_2_rows_get_their_analysis_facts()
        {
            var path = Path.Combine(_dir, "v2.db");
            var ts = new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);
            using (var store = PatternStores.Open(path, StoreBackend.Sqlite, create: true))
            {
                store.Save(new MoaiPattern("t1", PatternType.AgentUsage, ts,
                    new AgentUsageData { AgentType = "Coder", TaskType = "API", Success = false, DurationMs = 1200, TokensUsed = 77 },
                    new PatternContext { Environment = "production", ProjectName = "Moai" }));
            }
            using (var c = Raw(path))
            {
                // What version 2 had: none of the analysis columns.
                foreach (var column in new[] { "task_type_norm", "error_type_norm", "environment_norm", "project_norm", "correction_type_norm", "severity_norm", "success_flag", "duration_ms", "tokens_used" })
                    Exec(c, "ALTER TABLE patterns DROP COLUMN " + column);
                Exec(c, "PRAGMA user_version = 2");
            }
            using (var store = PatternStores.Open(path, StoreBackend.Sqlite, create: false))
            {
                var s = Assert.Single(MoaiPatterns.Analysis.PatternAnalysis.Measure(store, new MoaiPatterns.Analysis.MeasureQuery(PatternQuery.All,
                    new[] { MoaiPatterns.Analysis.AnalysisKey.TaskType, MoaiPatterns.Analysis.AnalysisKey.Environment, MoaiPatterns.Analysis.AnalysisKey.Project })));
                Assert.Equal(new[] { "api", "production", "moai" }, s.KeyValues);
                Assert.Equal((1L, 1L, 1200L, 77L), (s.Failed, s.Count, s.DurationMax!.Value, s.TokensUsed));
            }
            using (var c = Raw(path))
                Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar(c, "PRAGMA user_version"));
        }

        private static SqliteConnection Raw(string path) => RawSqlite.Open(path);

        private static object? Scalar(SqliteConnection c, string sql) => RawSqlite.Scalar(c, sql);

        private static string[] Column(SqliteConnection c, string sql) => RawSqlite.Column(c, sql);

        private static void Exec(SqliteConnection c, string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }
}
