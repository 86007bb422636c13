// The change-feed contract (Core/Stores/IPatternFeed.cs) every watchable backend passes: a feed starts now,
// returns each later save once, in commit order, filtered by PatternMatcher; a pattern replaced or removed before
// it was read comes once at its latest save, or not at all; maintenance never replays or loses a save.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Contract;
using Xunit;

namespace MoaiPatterns.Tests.Watch
{
    public abstract class ChangeFeedContractTests : IDisposable
    {
        private readonly List<IDisposable> _opened = new List<IDisposable>();

        protected ChangeFeedContractTests()
        {
            TempDir = Path.Combine(Path.GetTempPath(), "moai-feed-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(TempDir);
        }

        protected string TempDir { get; }

        /// <summary>A fresh, empty store in <paramref name="tempDir"/>.</summary>
        protected abstract IPatternStore CreateStore(string tempDir);

        protected abstract IPatternStore Reopen(string location);

        protected T Track<T>(T d) where T : IDisposable { _opened.Add(d); return d; }

        protected IPatternStore NewStore() => Track(CreateStore(TempDir));

        protected IPatternFeed Feed(IPatternStore store, PatternQuery? filter = null, string? from = null) =>
            Track(((IWatchableStore)store).OpenFeed(filter ?? PatternQuery.All, from));

        /// <summary>Everything the feed has now (reads until a read comes back empty).</summary>
        protected static List<MoaiPattern> Drain(IPatternFeed feed)
        {
            var all = new List<MoaiPattern>();
            while (true)
            {
                var batch = feed.ReadNext();
                if (batch.Count == 0) return all;
                all.AddRange(batch);
            }
        }

        protected static string[] Ids(IEnumerable<MoaiPattern> ps) => ps.Select(p => p.PatternId).ToArray();

        protected static MoaiPattern Fresh(int i, PatternType? type = null, string[]? tags = null) =>
            TestPatterns.Make(i, DateTimeOffset.UtcNow.AddMinutes(-i % 7), tags, type);

        [Fact]
        public void A_feed_starts_now_and_returns_later_saves_in_commit_order()
        {
            var store = NewStore();
            for (var i = 0; i < 5; i++) store.Save(Fresh(i));
            var feed = Feed(store);
            Assert.Empty(feed.ReadNext());
            var other = Track(Reopen(store.Location)); // another instance, as another process would be
            foreach (var i in new[] { 9, 7, 8 }) other.Save(Fresh(i));
            Assert.Equal(new[] { TestPatterns.Id(9), TestPatterns.Id(7), TestPatterns.Id(8) }, Ids(Drain(feed)));
            Assert.Empty(feed.ReadNext());
        }

        [Fact]
        public void A_replaced_pattern_comes_again_with_its_new_content()
        {
            var store = NewStore();
            var feed = Feed(store);
            store.Save(Fresh(1));
            Assert.Equal(new[] { TestPatterns.Id(1) }, Ids(Drain(feed)));
            var changed = Fresh(1, tags: new[] { "changed" });
            store.Save(changed);
            var again = Drain(feed);
            Assert.Equal(new[] { TestPatterns.Id(1) }, Ids(again));
            Assert.Equal(new[] { "changed" }, again[0].Tags);
        }

        [Fact]
        public void Replaced_or_removed_before_the_read_comes_once_at_its_latest_save_or_not_at_all()
        {
            var store = NewStore();
            var feed = Feed(store);
            store.Save(Fresh(1));
            store.Save(Fresh(2));
            store.Save(Fresh(3));
            store.Save(Fresh(1, tags: new[] { "latest" }));
            Assert.True(store.Remove(TestPatterns.Id(3)));
            var got = Drain(feed);
            Assert.Equal(new[] { TestPatterns.Id(2), TestPatterns.Id(1) }, Ids(got));
            Assert.Equal(new[] { "latest" }, got[1].Tags);
        }

        [Fact]
        public void The_filter_is_the_query_rule()
        {
            var store = NewStore();
            var errors = Feed(store, new PatternQuery { Types = new[] { PatternType.ErrorOccurrence } });
            var tagged = Feed(store, new PatternQuery { Tags = new[] { "SECURITY" }, Agent = "EXPERT-backend" });
            var text = Feed(store, new PatternQuery { Text = "fail" });
            var saved = Enumerable.Range(0, 40).Select(i => Fresh(i)).ToList();
            foreach (var p in saved) store.Save(p);
            foreach (var (feed, query) in new[] { (errors, new PatternQuery { Types = new[] { PatternType.ErrorOccurrence } }),
                         (tagged, new PatternQuery { Tags = new[] { "SECURITY" }, Agent = "EXPERT-backend" }), (text, new PatternQuery { Text = "fail" }) })
            {
                var matcher = new PatternMatcher(query);
                var expected = saved.Where(matcher.Matches).Select(p => p.PatternId).ToArray();
                Assert.NotEmpty(expected);
                Assert.True(expected.Length < saved.Count);
                Assert.Equal(expected, Ids(Drain(feed)));
            }
        }

        [Fact]
        public void A_writer_pipeline_is_followed_across_its_batches_exactly_once()
        {
            var store = NewStore();
            var feed = Feed(store);
            var seen = new List<MoaiPattern>();
            using (var w = Track(Reopen(store.Location)).OpenWriter())
            {
                for (var i = 0; i < 1300; i++)
                {
                    w.Add(MoaiPatterns.Input.PatternInput.ToValidated(Fresh(i)));
                    if (i % 400 == 0) seen.AddRange(feed.ReadNext());
                }
            }
            seen.AddRange(Drain(feed));
            Assert.Equal(Enumerable.Range(0, 1300).Select(TestPatterns.Id).ToArray(), Ids(seen));
        }

        [Fact]
        public void A_position_resumes_a_feed_without_a_gap_or_a_repeat()
        {
            var store = NewStore();
            var first = Feed(store);
            store.Save(Fresh(1));
            store.Save(Fresh(2));
            Assert.Equal(2, Drain(first).Count);
            var position = first.Position;
            first.Dispose();
            store.Save(Fresh(3));
            store.Save(Fresh(4));
            var resumed = Feed(store, from: position);
            Assert.Equal(new[] { TestPatterns.Id(3), TestPatterns.Id(4) }, Ids(Drain(resumed)));
            Assert.Throws<ArgumentException>(() => ((IWatchableStore)store).OpenFeed(PatternQuery.All, "nonsense"));
        }

        [Fact]
        public void Retention_compression_and_repair_meanwhile_neither_replay_nor_lose_a_save()
        {
            var store = NewStore();
            for (var i = 0; i < 30; i++) store.Save(TestPatterns.Make(i)); // 2025: old enough to remove and compress
            var feed = Feed(store);
            store.Save(Fresh(100));
            var maintainer = Track(Reopen(store.Location));
            Assert.Equal(10, maintainer.RemoveOlderThan(TestPatterns.Base.AddMinutes(10)).RemovedCount);
            store.Save(Fresh(101));
            maintainer.Compress(DateTimeOffset.UtcNow.AddDays(-30));
            store.Save(Fresh(102));
            MakeRepairWork(maintainer);
            maintainer.Repair();
            store.Save(Fresh(103));
            maintainer.Compress(DateTimeOffset.UtcNow.AddDays(-30));
            Assert.Equal(new[] { 100, 101, 102, 103 }.Select(TestPatterns.Id).ToArray(), Ids(Drain(feed)));
            Assert.Equal(24, store.Count(PatternQuery.All));
        }

        /// <summary>Leaves something that makes Repair rebuild (default: nothing).</summary>
        protected virtual void MakeRepairWork(IPatternStore store) { }

        [Fact]
        public void A_store_removed_while_followed_ends_the_feed_with_StoreRemoved()
        {
            var store = NewStore();
            store.Save(Fresh(1));
            var feed = Feed(store);
            store.Release();
            RemoveStore(store.Location);
            Assert.Throws<StoreRemovedException>(() => feed.ReadNext());
        }

        protected abstract void RemoveStore(string location);

        [Fact]
        public void A_save_by_another_instance_wakes_a_waiting_feed_promptly()
        {
            var store = NewStore();
            var feed = Feed(store);
            var writer = Track(Reopen(store.Location));
            var saver = new Thread(() => { Thread.Sleep(300); writer.Save(Fresh(5)); });
            saver.Start();
            var clock = Stopwatch.StartNew();
            var got = PatternWatch.Follow(feed, 1, TimeSpan.FromSeconds(10), CancellationToken.None).ToList();
            saver.Join();
            Assert.Equal(new[] { TestPatterns.Id(5) }, Ids(got));
            Assert.InRange(clock.ElapsedMilliseconds, 250, 2000);
        }

        [Fact]
        public void Follow_ends_at_the_timeout_or_on_cancellation()
        {
            var store = NewStore();
            var feed = Feed(store);
            var clock = Stopwatch.StartNew();
            Assert.Empty(PatternWatch.Follow(feed, null, TimeSpan.FromMilliseconds(500), CancellationToken.None));
            Assert.InRange(clock.ElapsedMilliseconds, 450, 10000); // a loaded machine may be late, never early
            using var cts = new CancellationTokenSource(300);
            clock.Restart();
            Assert.Empty(PatternWatch.Follow(feed, null, null, cts.Token));
            Assert.InRange(clock.ElapsedMilliseconds, 250, 10000);
        }

        public void Dispose()
        {
            foreach (var d in Enumerable.Reverse(_opened))
            {
                try { d.Dispose(); } catch (Exception) { }
            }
            try { Directory.Delete(TempDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
