using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MoaiPatterns.Input;
using MoaiPatterns.Query;
using MoaiPatterns.Storage;
using MoaiPatterns.Storage.PostgreSql;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Contract;
using MoaiPatterns.Tests.Postgres;
using Npgsql;
using Xunit;

namespace MoaiPatterns.Tests.Watch
{
    /// <summary>The feed contract on PostgreSQL, plus what only its change log can show: commits out of sequence order,
    /// concurrent writers, a dropped connection, pruning and the version-1 upgrade.</summary>
    public sealed class PostgresChangeFeedTests : ChangeFeedContractTests
    {
        private static PostgresTestCluster Cluster => PostgresTestCluster.Shared;

        private readonly string _schema = PostgresTestCluster.NewSchema("feed");

        /// <summary>The address of this test's store, naming its connections so a test can find the feed's.</summary>
        private string Address => Cluster.Address(_schema) + "&application_name=" + _schema;

        protected override IPatternStore CreateStore(string tempDir) => PatternStores.Open(Address, StoreBackend.PostgreSql, create: true);

        // The location holds no password: open this test's schema again with it.
        protected override IPatternStore Reopen(string location) => PatternStores.Open(Address, StoreBackend.PostgreSql, create: false);

        protected override void RemoveStore(string location) => Sql($"DROP SCHEMA {_schema} CASCADE");

        protected override void MakeRepairWork(IPatternStore store) => Sql($"UPDATE {_schema}.patterns SET tags = '{{}}'");

        private static object? Sql(string sql)
        {
            using var c = new NpgsqlConnection(Cluster.ConnectionString());
            c.Open();
            using var cmd = new NpgsqlCommand(sql, c);
            return cmd.ExecuteScalar();
        }

        private long Changes() => Convert.ToInt64(Sql($"SELECT count(*) FROM {_schema}.pattern_changes"));

        [Fact]
        public void Each_save_logs_one_change_in_its_transaction_and_repair_logs_none()
        {
            var store = NewStore();
            for (var i = 0; i < 5; i++) store.Save(Fresh(i));
            store.Save(Fresh(1));
            using (var w = store.OpenWriter())
                for (var i = 10; i < 13; i++) w.Add(PatternInput.ToValidated(Fresh(i)));
            Assert.Equal(9, Changes());
            MakeRepairWork(store);
            Assert.False(store.Repair().Healthy);
            Assert.Equal(9, Changes());
            Assert.Equal(PostgresSchema.CurrentVersion.ToString(), Sql($"SELECT value FROM {_schema}.moai_schema WHERE key = 'version'"));
        }

        /// <summary>
        /// Writer A is held (by a test trigger waiting on a lock this test holds) at two points of its save: before it
        /// logs (A began first, B commits first: B's save comes first), and after it took its sequence value (B cannot
        /// take a number until A committed, so B's number is higher and B comes second). Meanwhile the feed reads,
        /// and nothing is skipped either way.
        /// </summary>
        [Theory]
        [InlineData("patterns", false)]
        [InlineData("pattern_changes", true)]
        public void Writers_committing_out_of_their_start_order_skip_nothing(string heldAt, bool aFirst)
        {
            var store = NewStore();
            const long Gate = 424242;
            Sql($@"CREATE FUNCTION {_schema}.hold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN IF NEW.pattern_id = 'held' THEN PERFORM pg_advisory_xact_lock({Gate}); END IF; RETURN NEW; END $$;
CREATE TRIGGER hold BEFORE INSERT ON {_schema}.{heldAt} FOR EACH ROW EXECUTE FUNCTION {_schema}.hold()");
            var feed = Feed(store);
            using var gate = new NpgsqlConnection(Cluster.ConnectionString());
            gate.Open();
            using (var lk = new NpgsqlCommand($"SELECT pg_advisory_lock({Gate})", gate)) lk.ExecuteNonQuery();
            var a = Track(Reopen(store.Location));
            var b = Track(Reopen(store.Location));
            var held = new MoaiPattern("held", PatternType.ErrorOccurrence, DateTimeOffset.UtcNow, Fresh(1).Data, Fresh(1).Context);
            var saveA = Task.Run(() => a.Save(held));
            var clock = Stopwatch.StartNew();
            while (Convert.ToInt64(Sql($"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {Gate} AND NOT granted")) == 0)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "writer A never reached the trigger");
                Thread.Sleep(20);
            }
            if (aFirst)
                Assert.Equal(1L, Convert.ToInt64(Sql($"SELECT count(*) FROM {_schema}.pattern_changes_seq_seq WHERE is_called"))); // A took its number
            var saveB = Task.Run(() => b.Save(Fresh(2)));
            if (aFirst)
            {
                Assert.False(saveB.Wait(400), "B logged while A held a number it had not committed");
                Assert.Empty(feed.ReadNext());
            }
            else
            {
                saveB.Wait(TimeSpan.FromSeconds(20));
                Assert.True(saveB.IsCompleted);
                Assert.Equal(new[] { TestPatterns.Id(2) }, Ids(Drain(feed))); // B committed; A is still open
            }
            using (var un = new NpgsqlCommand($"SELECT pg_advisory_unlock({Gate})", gate)) un.ExecuteNonQuery();
            Assert.True(Task.WaitAll(new[] { saveA, saveB }, TimeSpan.FromSeconds(20)));
            Assert.Equal(aFirst ? new[] { "held", TestPatterns.Id(2) } : new[] { "held" }, Ids(Drain(feed)));
            Assert.Empty(feed.ReadNext());
        }

        /// <summary>Four writers (two saving one by one, two through batch writers), each on its own connections, while a
        /// feed reads all along: every save comes exactly once, each writer's saves in the order it made them.</summary>
        [Fact]
        public void Concurrent_writers_are_followed_without_a_gap_or_a_repeat()
        {
            var store = NewStore();
            var feed = Feed(store);
            var writers = Enumerable.Range(0, 4).Select(w => Track(Reopen(store.Location))).ToArray();
            const int PerWriter = 300;
            var seen = new List<string>();
            var done = 0;
            var reader = Task.Run(() =>
            {
                while (Volatile.Read(ref done) < writers.Length) { seen.AddRange(Ids(feed.ReadNext())); Thread.Sleep(1); }
            });
            var tasks = writers.Select((s, w) => Task.Run(() =>
            {
                try
                {
                    if (w < 2) for (var i = 0; i < PerWriter; i++) s.Save(Fresh(w * 10_000 + i));
                    else
                        using (var pw = s.OpenWriter())
                            for (var i = 0; i < PerWriter; i++)
                            {
                                pw.Add(PatternInput.ToValidated(Fresh(w * 10_000 + i)));
                                if (i % 37 == 0) pw.Flush(); // many small batches interleaving with the single saves
                            }
                }
                finally { Interlocked.Increment(ref done); }
            })).ToArray();
            Task.WaitAll(tasks);
            reader.Wait();
            seen.AddRange(Ids(Drain(feed)));
            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.Equal(4 * PerWriter, seen.Count);
            for (var w = 0; w < 4; w++)
                Assert.Equal(Enumerable.Range(0, PerWriter).Select(i => TestPatterns.Id(w * 10_000 + i)).ToArray(),
                    seen.Where(id => int.Parse(id.Substring(2)) / 10_000 == w).ToArray());
            // The feed's order is the log's order, and the log's order is commit order (one number at a time under the lock).
            var logged = new List<string>();
            using (var c = new NpgsqlConnection(Cluster.ConnectionString()))
            {
                c.Open();
                using var cmd = new NpgsqlCommand($"SELECT pattern_id FROM {_schema}.pattern_changes ORDER BY seq", c);
                using var r = cmd.ExecuteReader();
                while (r.Read()) logged.Add(r.GetString(0));
            }
            Assert.Equal(logged, seen);
        }

        /// <summary>The NOTIFY itself ends a long wait (a polling-only feed would sleep the whole 20 s), and so does a
        /// cancellation from another thread; nothing else does.</summary>
        [Fact]
        public void A_notification_or_a_cancellation_ends_a_long_wait_and_nothing_else_does()
        {
            var store = NewStore();
            var feed = Feed(store);
            Assert.Empty(feed.ReadNext());
            var clock = Stopwatch.StartNew();
            feed.WaitForChange(TimeSpan.FromMilliseconds(700), CancellationToken.None); // nothing saved: it runs to its timeout
            Assert.InRange(clock.ElapsedMilliseconds, 650, 15_000);
            var writer = Track(Reopen(store.Location));
            var saver = new Thread(() => { Thread.Sleep(300); writer.Save(Fresh(5)); });
            saver.Start();
            clock.Restart();
            feed.WaitForChange(TimeSpan.FromSeconds(20), CancellationToken.None);
            var waited = clock.ElapsedMilliseconds;
            saver.Join();
            Assert.InRange(waited, 250, 10_000);
            Assert.Equal(new[] { TestPatterns.Id(5) }, Ids(Drain(feed)));
            using var cts = new CancellationTokenSource(300);
            clock.Restart();
            feed.WaitForChange(TimeSpan.FromSeconds(20), cts.Token);
            Assert.InRange(clock.ElapsedMilliseconds, 250, 5_000);
        }

        [Fact]
        public void A_dropped_connection_is_reopened_and_the_feed_resumes_without_a_gap()
        {
            var store = NewStore();
            var feed = Feed(store);
            store.Save(Fresh(1));
            Assert.Equal(new[] { TestPatterns.Id(1) }, Ids(Drain(feed)));
            var killed = Convert.ToInt64(Sql($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{_schema} watch'"));
            Assert.Equal(1, killed);
            store.Save(Fresh(2)); // its NOTIFY is lost with the connection; the log is not
            store.Save(Fresh(3));
            Thread.Sleep(100);
            Assert.Equal(new[] { TestPatterns.Id(2), TestPatterns.Id(3) }, Ids(Drain(feed)));
            var woke = new Thread(() => { Thread.Sleep(300); store.Save(Fresh(4)); });
            woke.Start();
            var got = PatternWatch.Follow(feed, 1, TimeSpan.FromSeconds(10), CancellationToken.None).ToList(); // LISTENs again
            woke.Join();
            Assert.Equal(new[] { TestPatterns.Id(4) }, Ids(got));
        }

        [Fact]
        public void Compress_prunes_changes_past_the_retention_and_the_feed_goes_on()
        {
            var store = NewStore();
            var feed = Feed(store);
            for (var i = 0; i < 10; i++) store.Save(Fresh(i));
            Sql($"UPDATE {_schema}.pattern_changes SET changed_at = changed_at - interval '1 day 1 minute' WHERE seq <= (SELECT min(seq) + 5 FROM {_schema}.pattern_changes)");
            store.Compress(DateTimeOffset.UtcNow);
            Assert.Equal(4, Changes());
            // The six pruned before the feed read them are lost to it (documented); the rest come once.
            Assert.Equal(Enumerable.Range(6, 4).Select(TestPatterns.Id).ToArray(), Ids(Drain(feed)));
            store.Save(Fresh(50));
            Assert.Equal(new[] { TestPatterns.Id(50) }, Ids(Drain(feed)));
        }

        [Fact]
        public void Writers_prune_old_changes_a_bounded_few_at_a_time()
        {
            var store = NewStore();
            using (var w = store.OpenWriter())
                for (var i = 0; i < PostgresChangeLog.PruneEvery - 1; i++) w.Add(PatternInput.ToValidated(Fresh(i)));
            Sql($"UPDATE {_schema}.pattern_changes SET changed_at = now() - interval '2 days'");
            store.Save(Fresh(5000)); // the PruneEvery-th change
            Assert.Equal(1, Changes());
        }

        [Fact]
        public void A_version_1_schema_gains_the_change_log_on_upgrade_and_logs_no_old_rows()
        {
            var store = NewStore();
            for (var i = 0; i < 3; i++) store.Save(Fresh(i));
            store.Dispose();
            Sql($"DROP TABLE {_schema}.pattern_changes; UPDATE {_schema}.moai_schema SET value = '1' WHERE key = 'version'");
            var upgraded = Track(Reopen(store.Location));
            Assert.Equal(3, upgraded.Count(PatternQuery.All));
            Assert.Equal(PostgresSchema.CurrentVersion.ToString(), Sql($"SELECT value FROM {_schema}.moai_schema WHERE key = 'version'"));
            Assert.Equal(0, Changes());
            var feed = Feed(upgraded);
            upgraded.Save(Fresh(7));
            Assert.Equal(new[] { TestPatterns.Id(7) }, Ids(Drain(feed)));
            Assert.StartsWith("pg:", feed.Position);
        }
    }
}
