using System;
using System.IO;
using System.Linq;
using MoaiPatterns.Input;
using MoaiPatterns.Query;
using MoaiPatterns.Storage;
using MoaiPatterns.Storage.FileSystem;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Contract;
using Xunit;

namespace MoaiPatterns.Tests.Watch
{
    /// <summary>The feed contract on the filesystem backend, plus the journal's generations (checkpoints) it must follow.</summary>
    public sealed class FileSystemChangeFeedTests : ChangeFeedContractTests
    {
        protected override IPatternStore CreateStore(string tempDir) =>
            PatternStores.Open(Path.Combine(tempDir, "patterns"), StoreBackend.FileSystem, create: true);

        protected override IPatternStore Reopen(string location) => PatternStores.Open(location, StoreBackend.FileSystem, create: false);

        protected override void RemoveStore(string location) => Directory.Delete(location, true);

        /// <summary>A crash leftover older than the grace period: Repair reports it and rebuilds the index (a new journal generation).</summary>
        protected override void MakeRepairWork(IPatternStore store)
        {
            var tmp = Path.Combine(store.Location, ".moai", "tmp");
            Directory.CreateDirectory(tmp);
            var leftover = Path.Combine(tmp, ".tmp-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(leftover, "{");
            File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddHours(-1));
        }

        private string Generation(IPatternStore store) =>
            File.ReadLines(Path.Combine(store.Location, ".moai", "index.journal")).First().Split("\"generation\":\"")[1].Substring(0, 32);

        private void Checkpoint(IPatternStore store)
        {
            var before = Generation(store);
            MakeRepairWork(store);
            Assert.False(store.Repair().Healthy);
            Assert.NotEqual(before, Generation(store));
        }

        [Fact]
        public void Two_checkpoints_between_reads_lose_and_repeat_nothing()
        {
            var store = NewStore();
            var feed = Feed(store);
            store.Save(Fresh(1));
            Checkpoint(store);
            store.Save(Fresh(2));
            Checkpoint(store);
            store.Save(Fresh(3));
            Assert.Equal(new[] { 1, 2, 3 }.Select(TestPatterns.Id).ToArray(), Ids(Drain(feed)));
            Assert.Empty(feed.DrainWarnings());
            Assert.True(store.Repair(whatIf: true).Healthy); // the kept journal copy is no problem for Repair
            if (!OperatingSystem.IsWindows()) // the kept journal is as private as the journal it copies
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(store.Location, ".moai", "index.journal.prev")));
            store.Save(Fresh(4));
            Assert.Equal(new[] { TestPatterns.Id(4) }, Ids(Drain(feed)));
        }

        [Fact]
        public void Three_checkpoints_between_reads_are_reported_as_a_gap_never_hidden()
        {
            var store = NewStore();
            var feed = Feed(store);
            store.Save(Fresh(1));
            Checkpoint(store);
            store.Save(Fresh(2));
            Checkpoint(store);
            store.Save(Fresh(3));
            Checkpoint(store);
            store.Save(Fresh(4));
            var got = Ids(Drain(feed));
            Assert.Equal(new[] { TestPatterns.Id(1), TestPatterns.Id(4) }, got); // 2 and 3 were in the journals in between
            Assert.Contains(feed.DrainWarnings(), w => w.Message.Contains("fell behind"));
        }

        [Fact]
        public void A_compaction_inside_a_long_pipeline_is_followed_exactly_once()
        {
            var store = (FileSystemPatternStore)NewStore();
            var feed = Feed(store);
            var writerStore = (FileSystemPatternStore)Track(Reopen(store.Location));
            writerStore.FlushEachSave = false;
            var gen = Generation(store);
            var seen = new System.Collections.Generic.List<MoaiPattern>();
            const int n = 6500; // > 1 MiB of journal lines: the writer checkpoints mid-pipeline
            using (var w = writerStore.OpenWriter())
            {
                for (var i = 0; i < n; i++)
                {
                    w.Add(PatternInput.ToValidated(Fresh(i)));
                    if (i % 1500 == 0) seen.AddRange(feed.ReadNext());
                }
            }
            Assert.NotEqual(gen, Generation(store));
            seen.AddRange(Drain(feed));
            Assert.Equal(Enumerable.Range(0, n).Select(TestPatterns.Id).ToArray(), Ids(seen));
        }

        [Fact]
        public void Compress_moves_are_not_saves()
        {
            var store = NewStore();
            for (var i = 0; i < 8; i++) store.Save(TestPatterns.Make(i));
            var feed = Feed(store);
            var result = store.Compress(DateTimeOffset.UtcNow.AddDays(-1));
            Assert.Equal(8, result.CompressedCount);
            Assert.Empty(Drain(feed));
            Assert.Contains("\"moved\":true", File.ReadAllText(Path.Combine(store.Location, ".moai", "index.journal")));
            Assert.Equal(8, store.Count(PatternQuery.All)); // readers of the journal still find every file
        }

        [Fact]
        public void An_index_json_rewritten_by_the_original_library_is_said_once_not_hidden()
        {
            var store = NewStore();
            store.Save(Fresh(1));
            var feed = Feed(store);
            var indexJson = Path.Combine(store.Location, "index.json");
            File.WriteAllText(indexJson, "{}"); // what the original's save does (with its own entry in it)
            File.SetLastWriteTimeUtc(indexJson, DateTime.UtcNow.AddSeconds(5));
            Assert.Empty(feed.ReadNext());
            Assert.Empty(feed.ReadNext());
            Assert.Empty(feed.DrainWarnings()); // not yet: a module writer journals its rewrite right after it
            System.Threading.Thread.Sleep(1100);
            Assert.Empty(feed.ReadNext());
            Assert.Empty(feed.ReadNext());
            var warnings = feed.DrainWarnings();
            Assert.Single(warnings);
            Assert.Contains("original Python library", warnings[0].Message);
        }

        [Fact]
        public void A_resume_position_from_before_one_checkpoint_still_works()
        {
            var store = NewStore();
            var first = Feed(store);
            var position = first.Position;
            first.Dispose();
            store.Save(Fresh(1));
            Checkpoint(store);
            store.Save(Fresh(2));
            var resumed = Feed(store, from: position);
            Assert.Equal(new[] { TestPatterns.Id(1), TestPatterns.Id(2) }, Ids(Drain(resumed)));
        }
    }
}
