using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Query;
using MoaiPatterns.Storage;
using MoaiPatterns.Storage.Sqlite;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Contract;
using Xunit;

namespace MoaiPatterns.Tests.Sqlite
{
    /// <summary>What only the SQLite backend promises: the reference file upgrades in place, corrupt files are reported, no lock is kept.</summary>
    public sealed class SqliteBackendTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-sqlite-" + Guid.NewGuid().ToString("N"));
        private readonly List<IPatternStore> _stores = new List<IPatternStore>();

        public SqliteBackendTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            foreach (var s in _stores) s.Dispose();
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        private IPatternStore Open(string path, bool create = false)
        {
            var s = PatternStores.Open(path, StoreBackend.Sqlite, create);
            _stores.Add(s);
            return s;
        }

        private static SqliteConnection Raw(string path) => RawSqlite.Open(path);

        private static object? Scalar(SqliteConnection c, string sql) => RawSqlite.Scalar(c, sql);

        private static void Exec(SqliteConnection c, string sql, params (string, object?)[] args)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
            cmd.ExecuteNonQuery();
        }

        private const string SeedDdl = @"CREATE TABLE patterns (pattern_id TEXT PRIMARY KEY, pattern_type TEXT NOT NULL, timestamp INTEGER NOT NULL, data TEXT NOT NULL, context TEXT, version TEXT DEFAULT '1.0', created_at INTEGER DEFAULT (strftime('%s','now')));
CREATE INDEX idx_type_timestamp ON patterns(pattern_type, timestamp);
CREATE INDEX idx_created_at ON patterns(created_at);";

        /// <summary>Rows as the original Python tool inserted them: json.dumps spacing, whole-second timestamps.</summary>
        private static readonly (string Id, string Type, long Ts, string Data, string Context)[] SeedRows =
        {
            ("d23f0824128b2f330c5c7fd0a6a3a450", "task_completion", 1764416391, "{\"task_type\": \"code_generation\", \"agent\": \"expert-backend\", \"duration_ms\": 100, \"success\": false, \"files_created\": 0, \"tests_passed\": 0, \"coverage_percent\": 50.0, \"retry_count\": 0}", "{\"project_name\": \"moai-adk\", \"environment\": \"development\", \"tags\": [\"auth\"]}"),
            ("36f675cc81e74ef5e8e25d940ed90475", "error_occurrence", 1764375954, "{\"error_type\": \"KeyError\", \"error_message\": \"failure number 1 in handler\", \"stack_trace\": \"Traceback (most recent call last):\\n  File \\\"app.py\\\", line 42\", \"file_path\": \"app.py\", \"line_number\": 1, \"auto_resolved\": false, \"user_intervention\": false, \"similar_errors_count\": 1}", "{\"project_name\": \"moai-adk\", \"environment\": \"staging\", \"tags\": [\"api\", \"Security\"]}"),
            ("6cad4a268d116ece1738f7d93d9c1724", "agent_usage", 1764338275, "{\"agent_type\": \"workflow-tdd\", \"task_type\": \"api_implementation\", \"success\": true, \"duration_ms\": 1002, \"tools_used\": [\"Read\"], \"tokens_used\": 1022, \"memory_mb\": 102.5, \"cpu_percent\": 12}", "{\"project_name\": \"moai-adk\", \"environment\": \"production\", \"tags\": [\"auth\", \"testing\", \"backend\"]}"),
            ("a170b33839263059f28c105d1fb17c23", "user_correction", 1764298568, "{\"original_output\": \"x = 3\", \"corrected_output\": \"x: int = 3\", \"correction_type\": \"type_safety\", \"agent\": \"code-reviewer\", \"severity\": \"minor\", \"user_feedback\": \"add a type hint\"}", "{\"project_name\": \"moai-adk\", \"environment\": \"development\", \"tags\": [\"security\"]}"),
        };

        private string BuildReferenceDb()
        {
            var path = Path.Combine(_dir, "reference.db");
            using var c = Raw(path);
            Exec(c, SeedDdl);
            foreach (var r in SeedRows)
                Exec(c, "INSERT OR REPLACE INTO patterns (pattern_id, pattern_type, timestamp, data, context, version) VALUES (@i, @t, @s, @d, @c, '1.0')",
                    ("@i", r.Id), ("@t", r.Type), ("@s", r.Ts), ("@d", r.Data), ("@c", r.Context));
            return path;
        }

        [Fact]
        public void Reference_database_opens_upgrades_in_place_and_answers_queries()
        {
            var path = BuildReferenceDb();
            var store = Open(path);
            Assert.Equal(4, store.Count(PatternQuery.All));
            foreach (var r in SeedRows)
            {
                var p = store.Get(r.Id)!;
                Assert.NotNull(p);
                Assert.Equal(r.Type, p.PatternType.ToWireName());
                Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(r.Ts), p.Timestamp);
                Assert.Equal(TimeSpan.Zero, p.Timestamp.Offset);
            }
            var err = (ErrorOccurrenceData)store.Get("36f675cc81e74ef5e8e25d940ed90475")!.Data;
            Assert.Equal("Traceback (most recent call last):\n  File \"app.py\", line 42", err.StackTrace);
            Assert.Equal(new[] { "6cad4a268d116ece1738f7d93d9c1724", "d23f0824128b2f330c5c7fd0a6a3a450" },
                store.Find(new PatternQuery { Tags = new[] { "AUTH" } }).Select(p => p.PatternId).OrderBy(x => x).ToArray());
            Assert.Equal(2, store.Count(new PatternQuery { Tags = new[] { "security" } }));
            Assert.Single(store.Find(new PatternQuery { Types = new[] { PatternType.UserCorrection } }));
            Assert.Equal("d23f0824128b2f330c5c7fd0a6a3a450", store.Find(PatternQuery.All).First().PatternId);
            Assert.Equal(2, store.Count(new PatternQuery { After = DateTimeOffset.FromUnixTimeSeconds(1764338275) , Before = DateTimeOffset.FromUnixTimeSeconds(1764416391) }));
            Assert.Equal("36f675cc81e74ef5e8e25d940ed90475", store.Find(new PatternQuery { Text = "handler" }).Single().PatternId);
            Assert.Equal("6cad4a268d116ece1738f7d93d9c1724", store.Find(new PatternQuery { Agent = "Workflow-TDD" }).Single().PatternId);
            store.Release();

            using var c = Raw(path);
            Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar(c, "PRAGMA user_version"));
            Assert.Equal(4L, Scalar(c, "SELECT count(*) FROM patterns"));
            Assert.Equal(0L, Scalar(c, "SELECT count(*) FROM patterns WHERE timestamp_ms IS NULL OR timestamp_ms <> timestamp * 1000"));
            Assert.Equal(SeedRows[0].Data, Scalar(c, $"SELECT data FROM patterns WHERE pattern_id = '{SeedRows[0].Id}'"));
            Assert.Equal(1L, Scalar(c, "SELECT count(*) FROM sqlite_master WHERE name = 'idx_type_timestamp'"));
        }

        [Fact]
        public void Rows_the_original_tool_inserts_later_are_indexed_on_next_open()
        {
            var path = BuildReferenceDb();
            var store = Open(path);
            store.Save(TestPatterns.Make(1));
            store.Release();
            using (var c = Raw(path))
            {
                // The original's INSERT OR REPLACE of an id we indexed, and a brand-new row.
                Exec(c, "INSERT OR REPLACE INTO patterns (pattern_id, pattern_type, timestamp, data, context) VALUES (@i, 'error_occurrence', 1764500000, @d, @c)",
                    ("@i", TestPatterns.Id(1)), ("@d", "{\"error_type\": \"ValueError\", \"error_message\": \"zanzibar\"}"), ("@c", "{\"tags\": [\"legacy\"]}"));
                Exec(c, "INSERT INTO patterns (pattern_id, pattern_type, timestamp, data, context) VALUES ('py-new', 'error_occurrence', 1764500001, @d, @c)",
                    ("@d", "{\"error_type\": \"OSError\", \"error_message\": \"quokka\"}"), ("@c", "{\"tags\": [\"legacy\", \"new\"]}"));
            }
            var again = Open(path);
            Assert.Equal(new[] { "py-new", TestPatterns.Id(1) }, again.Find(new PatternQuery { Tags = new[] { "legacy" } }).Select(p => p.PatternId).ToArray());
            Assert.Equal(TestPatterns.Id(1), again.Find(new PatternQuery { Text = "zanzibar" }).Single().PatternId);
            Assert.DoesNotContain(TestPatterns.Id(1), again.Find(new PatternQuery { Text = "failure" }).Select(p => p.PatternId));  // old text gone
            Assert.Equal("py-new", again.Find(new PatternQuery { Text = "quok" }).Single().PatternId);
            // The replaced row left an orphaned FTS row behind (it never matches); Repair finds and drops it.
            Assert.False(again.Repair(whatIf: false).Healthy);
            Assert.True(again.Repair().Healthy);
            Assert.Equal(6, again.Count(PatternQuery.All));
        }

        [Fact]
        public void A_file_that_is_not_a_database_is_reported_and_left_unchanged()
        {
            var path = Path.Combine(_dir, "notes.db");
            var bytes = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("this is not a database, just some notes\n", 200)));
            File.WriteAllBytes(path, bytes);
            var e = Assert.Throws<StoreCorruptException>(() => PatternStores.Open(path, StoreBackend.Sqlite, create: true));
            Assert.Contains(path, e.Message);
            Assert.Equal(bytes, File.ReadAllBytes(path));
            Assert.False(File.Exists(path + "-wal"));
            File.Move(path, path + ".moved"); // not held open
        }

        [Fact]
        public void Missing_file_is_not_created_unless_asked()
        {
            var path = Path.Combine(_dir, "sub", "missing.db");
            Assert.Throws<StoreNotFoundException>(() => PatternStores.Open(path, StoreBackend.Sqlite, create: false));
            Assert.False(File.Exists(path));
            var s = Open(path, create: true);
            Assert.True(File.Exists(path));
            Assert.Equal(0, s.Count(PatternQuery.All));
        }

        [Fact]
        public void Release_closes_the_file_and_the_store_reopens_lazily()
        {
            var path = Path.Combine(_dir, "lock.db");
            var store = Open(path, create: true);
            store.Save(TestPatterns.Make(1));
            Assert.True(File.Exists(path + "-wal"));
            store.Release();
            // Closed without a checkpoint (a small WAL stays beside the .db for the next open): nothing is held open.
            File.Move(path, path + ".moved");
            File.Move(path + "-wal", path + ".moved-wal");
            File.Move(path + ".moved", path);
            File.Move(path + ".moved-wal", path + "-wal");
            Assert.NotNull(store.Get(TestPatterns.Id(1)));
        }

        [Fact]
        public void Release_checkpoints_a_large_wal_so_the_next_open_replays_little()
        {
            var path = Path.Combine(_dir, "big.db");
            var store = Open(path, create: true);
            using (var w = store.OpenWriter())
                for (var i = 0; i < 3000; i++) w.Add(TestPatterns.Make(i));
            store.Release();
            Assert.Equal(0, new FileInfo(path + "-wal").Length); // checkpointed into the .db and truncated
            File.Move(path, path + ".moved"); // the .db alone holds everything
            var alone = Open(path + ".moved");
            Assert.Equal(3000, alone.Count(PatternQuery.All));
        }

        [Fact]
        public void Database_uses_wal_and_is_owner_only_on_unix()
        {
            var path = Path.Combine(_dir, "wal.db");
            var store = Open(path, create: true);
            store.Save(TestPatterns.Make(1));
            store.Release();
            using (var c = Raw(path)) Assert.Equal("wal", Scalar(c, "PRAGMA journal_mode"));
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        [Fact]
        public void Unreadable_rows_are_skipped_with_a_warning_naming_them()
        {
            var path = Path.Combine(_dir, "bad.db");
            var store = Open(path, create: true);
            for (var i = 0; i < 5; i++) store.Save(TestPatterns.Make(i));
            store.Release();
            using (var c = Raw(path)) Exec(c, "UPDATE patterns SET data = '{not json' WHERE pattern_id = @i", ("@i", TestPatterns.Id(2)));
            var ids = store.Find(PatternQuery.All).Select(p => p.PatternId).ToList();
            Assert.Equal(4, ids.Count);
            Assert.DoesNotContain(TestPatterns.Id(2), ids);
            var w = Assert.Single(store.DrainWarnings());
            Assert.Equal(TestPatterns.Id(2), w.Target);
            Assert.Contains(TestPatterns.Id(2), w.Message);
            Assert.Empty(store.DrainWarnings());
        }

        [Fact]
        public void Repair_rebuilds_derived_tables_and_whatif_changes_nothing()
        {
            var path = Path.Combine(_dir, "repair.db");
            var store = Open(path, create: true);
            for (var i = 0; i < 50; i++) store.Save(TestPatterns.Make(i));
            var expectedAuth = store.Count(new PatternQuery { Tags = new[] { "auth" } });
            store.Release();
            using (var c = Raw(path))
            {
                Exec(c, "DELETE FROM pattern_tags WHERE tag = 'auth'");
                Exec(c, "DELETE FROM pattern_fts WHERE rowid IN (SELECT doc_id FROM patterns WHERE pattern_type = 'error_occurrence')");
            }
            var dry = store.Repair(whatIf: true);
            Assert.False(dry.Healthy);
            Assert.NotEmpty(dry.Actions);
            Assert.Equal(0, store.Count(new PatternQuery { Tags = new[] { "auth" } }));
            var real = store.Repair();
            Assert.False(real.Healthy);
            Assert.Equal(expectedAuth, store.Count(new PatternQuery { Tags = new[] { "auth" } }));
            Assert.Equal(13, store.Count(new PatternQuery { Text = "handler" }));
            Assert.True(store.Repair().Healthy);
            Assert.Equal(Contract.TestPatterns.Make(7).PatternId, store.Get(TestPatterns.Id(7))!.PatternId);
        }

        [Fact]
        public void Two_tag_newest_first_walks_the_tag_index_without_sorting()
        {
            var path = Path.Combine(_dir, "plan.db");
            var store = Open(path, create: true);
            store.Save(TestPatterns.Make(1));
            var q = new PatternQuery { Tags = new[] { "auth", "api" }, First = 100 };
            using var cmd = SqliteQueryBuilder.BuildFind(((SqlitePatternStore)store).Database.Connection, q);
            cmd.CommandText = "EXPLAIN QUERY PLAN " + cmd.CommandText;
            var plan = new List<string>();
            using (var r = cmd.ExecuteReader()) while (r.Read()) plan.Add(r.GetString(3));
            var text = string.Join("\n", plan);
            Assert.DoesNotContain("TEMP B-TREE", text);
            Assert.Contains("SEARCH t0", text);
        }
    }
}
