using System;
using System.IO;
using System.Linq;
using MoaiPatterns.Errors;
using MoaiPatterns.Storage;
using MoaiPatterns.Storage.Sqlite;
using MoaiPatterns.Tests.Errors;
using Xunit;

namespace MoaiPatterns.Tests.Sqlite
{
    /// <summary>The schema-3 error index: filled when an older file is opened, emptied by every kind of delete.</summary>
    public sealed class ErrorIndexTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-erridx-" + Guid.NewGuid().ToString("N"));

        public ErrorIndexTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        [Fact]
        public void The_term_arrays_are_the_JSON_a_serializer_writes_and_SQLite_reads_them_back_word_for_word()
        {
            // The error rows write their word arrays with one reused writer (issue 16); the triggers read them with json_each.
            var words = new[] { "timeout", "\u00e9t\u00e9", "na\"me", "back\\slash", "\u65e5\u672c", "" };
            using var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
            c.Open();
            using var rows = new SqliteErrorRows(c);
            for (var round = 0; round < 2; round++)  // the second array reuses the buffer of the first
            {
                var json = rows.JsonArray(round == 0 ? words : words.Take(2).ToArray());
                var expected = "[" + string.Join(",", (round == 0 ? words : words.Take(2)).Select(w => System.Text.Json.JsonSerializer.Serialize(w))) + "]";
                Assert.Equal(expected, json);
                using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT value FROM json_each(@j)";
                cmd.Parameters.AddWithValue("@j", json);
                using var r = cmd.ExecuteReader();
                var back = new System.Collections.Generic.List<string>();
                while (r.Read()) back.Add(r.GetString(0));
                Assert.Equal(round == 0 ? words : words.Take(2).ToArray(), back);
            }
            Assert.Equal("[]", rows.JsonArray(new string[0]));
        }

        [Fact]
        public void A_version_2_file_gets_its_error_index_on_open()
        {
            var path = Path.Combine(_dir, "old.db");
            var eval = new ResolutionEvaluation(5, historyPerPhrasing: 1, variantsPerFamily: 1);
            using (var store = PatternStores.Open(path, StoreBackend.Sqlite, create: true))
                foreach (var p in eval.History) store.Save(p);
            using (var c = RawSqlite.Open(path))
            {
                foreach (var sql in new[]
                {
                    "DROP TRIGGER error_docs_added", "DROP TRIGGER error_docs_removed", "DROP TRIGGER patterns_removed_errors",
                    "DROP TABLE error_docs", "DROP TABLE error_terms", "DROP TABLE error_term_df", "DROP TABLE error_stats", "PRAGMA user_version = 2",
                })
                    RawSqlite.Scalar(c, sql);
            }
            using (var store = PatternStores.Open(path, StoreBackend.Sqlite, create: false))
            {
                using (var c = RawSqlite.Open(path))
                {
                    Assert.Equal((long)SqliteSchema.CurrentVersion, RawSqlite.Scalar(c, "PRAGMA user_version"));
                    Assert.Equal((long)eval.History.Count, RawSqlite.Scalar(c, "SELECT count(*) FROM error_docs"));
                }
                var reference = new InMemoryErrorSearch(eval.History.Select(ErrorDocument.Of)!);
                var search = ResolutionFinder.SearchOf(store);
                foreach (var (_, q) in eval.Variants)
                {
                    var doc = ErrorDocument.Of(q);
                    Assert.Equal(ResolutionFinder.Find(reference, doc).Select(s => s.Resolution + s.Score + s.Occurrences),
                        ResolutionFinder.Find(search, doc).Select(s => s.Resolution + s.Score + s.Occurrences));
                }
            }
        }

        [Fact]
        public void Deleting_errors_by_any_path_removes_their_index_rows_and_statistics()
        {
            var path = Path.Combine(_dir, "del.db");
            var eval = new ResolutionEvaluation(9, historyPerPhrasing: 1, variantsPerFamily: 1);
            using (var store = PatternStores.Open(path, StoreBackend.Sqlite, create: true))
            {
                foreach (var p in eval.History) store.Save(p);
                store.Remove(eval.History[0].PatternId);
                store.RemoveOlderThan(DateTimeOffset.MaxValue);
            }
            using var c = RawSqlite.Open(path);
            // The original tool deletes with plain SQL: the triggers clean up after it too.
            Assert.Equal(0L, RawSqlite.Scalar(c, "SELECT count(*) FROM error_docs"));
            Assert.Equal(0L, RawSqlite.Scalar(c, "SELECT count(*) FROM error_terms"));
            Assert.Equal(0L, RawSqlite.Scalar(c, "SELECT documents + n_type + n_template + n_message + n_file + n_function FROM error_stats"));
            Assert.Equal(0L, RawSqlite.Scalar(c, "SELECT count(*) FROM error_term_df WHERE df <> 0"));
        }
    }
}
