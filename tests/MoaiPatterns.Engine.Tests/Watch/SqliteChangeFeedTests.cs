using System;
using System.IO;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Storage;
using MoaiPatterns.Storage.Sqlite;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Contract;
using Xunit;
using static MoaiPatterns.Tests.Sqlite.RawSqlite;

namespace MoaiPatterns.Tests.Watch
{
    /// <summary>The feed contract on SQLite, plus what only its change log can show.</summary>
    public sealed class SqliteChangeFeedTests : ChangeFeedContractTests
    {
        protected override IPatternStore CreateStore(string tempDir) =>
            PatternStores.Open(Path.Combine(tempDir, "patterns.db"), StoreBackend.Sqlite, create: true);

        protected override IPatternStore Reopen(string location) => PatternStores.Open(location, StoreBackend.Sqlite, create: false);

        protected override void RemoveStore(string location)
        {
            foreach (var f in new[] { location, location + "-wal", location + "-shm" }) File.Delete(f);
        }

        private static long Changes(string path)
        {
            using var c = Open(path);
            return Convert.ToInt64(Scalar(c, "SELECT count(*) FROM pattern_changes"));
        }

        [Fact]
        public void Each_save_logs_one_change_in_its_transaction_and_repair_logs_none()
        {
            var store = NewStore();
            for (var i = 0; i < 5; i++) store.Save(Fresh(i));
            store.Save(Fresh(1));
            Assert.Equal(6, Changes(store.Location));
            using (var c = Open(store.Location))
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = "DELETE FROM pattern_tags"; // damage that makes Repair rebuild every derived row
                cmd.ExecuteNonQuery();
            }
            Assert.False(store.Repair().Healthy);
            Assert.Equal(6, Changes(store.Location));
            Assert.Equal((long)SqliteSchema.CurrentVersion, Convert.ToInt64(Scalar(Open(store.Location), "PRAGMA user_version")));
        }

        [Fact]
        public void Sequence_numbers_are_never_reused_after_the_newest_changes_are_deleted()
        {
            var store = NewStore();
            var feed = Feed(store);
            store.Save(Fresh(1));
            store.Save(Fresh(2));
            Assert.Equal(2, Drain(feed).Count);
            using (var c = Open(store.Location))
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = "DELETE FROM pattern_changes"; // as a prune of everything would
                cmd.ExecuteNonQuery();
            }
            store.Save(Fresh(3));
            Assert.Equal(new[] { TestPatterns.Id(3) }, Ids(Drain(feed)));
        }

        [Fact]
        public void Compress_prunes_changes_past_the_retention_and_the_feed_goes_on()
        {
            var store = NewStore();
            var feed = Feed(store);
            for (var i = 0; i < 10; i++) store.Save(Fresh(i));
            using (var c = Open(store.Location))
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = "UPDATE pattern_changes SET changed_ms = changed_ms - @age WHERE seq <= (SELECT min(seq) + 5 FROM pattern_changes)";
                cmd.Parameters.AddWithValue("@age", (long)SqliteChangeLog.Retention.TotalMilliseconds + 60_000);
                cmd.ExecuteNonQuery();
            }
            store.Compress(DateTimeOffset.UtcNow);
            Assert.Equal(4, Changes(store.Location));
            // The six pruned before the feed read them are lost to it, and it says so once; the rest come once.
            Assert.Equal(Enumerable.Range(6, 4).Select(TestPatterns.Id).ToArray(), Ids(Drain(feed)));
            var gap = Assert.Single(feed.DrainWarnings());
            Assert.Contains("fell behind: changes 1–6 were pruned", gap.Message);
            store.Save(Fresh(50));
            Assert.Equal(new[] { TestPatterns.Id(50) }, Ids(Drain(feed)));
            Assert.Empty(feed.DrainWarnings());
        }

        [Fact]
        public void Writers_prune_old_changes_a_bounded_few_at_a_time()
        {
            var store = NewStore();
            using (var w = store.OpenWriter())
                for (var i = 0; i < SqliteChangeLog.PruneEvery - 1; i++) w.Add(MoaiPatterns.Input.PatternInput.ToValidated(Fresh(i)));
            using (var c = Open(store.Location))
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = "UPDATE pattern_changes SET changed_ms = 0";
                cmd.ExecuteNonQuery();
            }
            store.Save(Fresh(5000)); // the PruneEvery-th change
            Assert.Equal(1, Changes(store.Location));
        }

        [Fact]
        public void A_row_the_original_tool_inserts_is_followed_once_the_feed_indexes_it()
        {
            var store = NewStore();
            store.Save(Fresh(1));
            var feed = Feed(store);
            using (var c = Open(store.Location))
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = "INSERT INTO patterns (pattern_id, pattern_type, timestamp, data, context) VALUES ('py-new', 'error_occurrence', 1764500001, '{\"error_type\": \"OSError\", \"error_message\": \"quokka\"}', '{\"tags\": [\"legacy\"]}')";
                cmd.ExecuteNonQuery();
            }
            var got = Drain(feed);
            Assert.Equal(new[] { "py-new" }, Ids(got));
            Assert.Equal(new[] { "legacy" }, got[0].Tags);
        }

        [Fact]
        public void A_version_2_file_gains_the_change_log_on_upgrade_and_logs_no_old_rows()
        {
            var store = NewStore();
            for (var i = 0; i < 3; i++) store.Save(Fresh(i));
            store.Dispose();
            using (var c = Open(store.Location))
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = "DROP TABLE pattern_changes; PRAGMA user_version = 2";
                cmd.ExecuteNonQuery();
            }
            var upgraded = Track(Reopen(store.Location));
            Assert.Equal(3, upgraded.Count(PatternQuery.All));
            Assert.Equal(0, Changes(upgraded.Location));
            var feed = Feed(upgraded);
            upgraded.Save(Fresh(7));
            Assert.Equal(new[] { TestPatterns.Id(7) }, Ids(Drain(feed)));
        }
    }
}
