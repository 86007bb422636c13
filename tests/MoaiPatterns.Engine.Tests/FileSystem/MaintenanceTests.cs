using System;
using System.IO;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Storage.FileSystem;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>Compression and retention act on the pattern's timestamp, never on file mtimes.</summary>
    public sealed class MaintenanceTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 11, 30, 12, 0, 0, TimeSpan.Zero);
        private readonly TempStoreFolder _folder = new TempStoreFolder();

        public void Dispose() => _folder.Dispose();

        /// <summary>One pattern a day for 120 days, files' mtimes set the opposite way round.</summary>
        private FileSystemPatternStore Seed()
        {
            var store = FileSystemPatternStore.Open(_folder.Path, create: true);
            for (var d = 0; d < 120; d++)
                store.Save(SamplePatterns.Make($"d{d:D3}", Now.AddDays(-d).ToOffset(TimeSpan.FromHours(d % 2 == 0 ? 9 : -5)), SamplePatterns.TypeFor(d)));
            foreach (var f in Directory.GetFiles(_folder.Path, "*.json", SearchOption.AllDirectories))
                File.SetLastWriteTimeUtc(f, Now.UtcDateTime.AddDays(-200)); // old mtimes everywhere: must not matter
            return store;
        }

        [Fact]
        public void CompressGzipsOldPatternsAndTheyStillLoadAndFind()
        {
            using var store = Seed();
            var before = store.Find(PatternQuery.All).Select(p => p.PatternId).ToList();

            var dry = store.Compress(Now.AddDays(-30), whatIf: true);
            Assert.Equal(89, dry.CompressedCount); // d31..d119; d30 is exactly at the threshold, not older
            Assert.Empty(Directory.GetFiles(_folder.Path, "*.gz", SearchOption.AllDirectories));

            var result = store.Compress(Now.AddDays(-30));
            Assert.Equal(89, result.CompressedCount);
            Assert.True(result.BytesAfter < result.BytesBefore);
            Assert.Equal(89, Directory.GetFiles(_folder.Path, "*.json.gz", SearchOption.AllDirectories).Length);
            Assert.Equal(31, Directory.GetFiles(_folder.Path, "*.json", SearchOption.AllDirectories).Count(f => Path.GetFileName(f) != "index.json"));
            Assert.Equal(before, store.Find(PatternQuery.All).Select(p => p.PatternId).ToList());
            Assert.Equal(Now.AddDays(-100), store.Get("d100")!.Timestamp);
            Assert.Equal(0, store.Compress(Now.AddDays(-30)).CompressedCount);

            using var reopened = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.Equal(Now.AddDays(-100), reopened.Get("d100")!.Timestamp);
            Assert.True(reopened.Repair(whatIf: true).Healthy);
        }

        [Fact]
        public void AnInterruptedCompressionLeavingBothCopiesReturnsNoDuplicate()
        {
            using var store = Seed();
            var json = Directory.GetFiles(_folder.Path, "*d100.json", SearchOption.AllDirectories).Single();
            File.WriteAllBytes(json + ".gz", FileOps.Gzip(File.ReadAllBytes(json))); // crash after the rename, before the delete
            Assert.Single(store.Find(PatternQuery.All), p => p.PatternId == "d100");
            Assert.Equal(120, store.Count(PatternQuery.All));
            var repair = store.Repair();
            Assert.Contains(repair.Actions, a => a.Contains("duplicate"));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(json)!, "*d100*"));
            Assert.NotNull(store.Get("d100"));
        }

        [Fact]
        public void RetentionRemovesByPatternTimestampNotMtime()
        {
            using var store = Seed();
            // Newest files get ancient mtimes, oldest get fresh ones.
            foreach (var f in Directory.GetFiles(_folder.Path, "*_d0*.json", SearchOption.AllDirectories))
                File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddYears(-3));
            var cutoff = Now.AddDays(-90).AddHours(-1);
            var result = store.RemoveOlderThan(cutoff);
            Assert.Equal(29, result.RemovedCount); // days 91..119
            Assert.Equal(91, store.Count(PatternQuery.All));
            Assert.Null(store.Get("d091"));
            Assert.NotNull(store.Get("d090"));
            Assert.NotNull(store.Get("d000"));
            using var reopened = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.Equal(91, reopened.Count(PatternQuery.All));
            Assert.Null(reopened.Get("d119"));
        }

        [Fact]
        public void RetentionHonoursTheTypeFilter()
        {
            using var store = Seed();
            var result = store.RemoveOlderThan(Now.AddDays(-60).AddHours(-1), new[] { PatternType.ErrorOccurrence });
            var expected = Enumerable.Range(61, 59).Count(d => SamplePatterns.TypeFor(d) == PatternType.ErrorOccurrence);
            Assert.Equal(expected, result.RemovedCount);
            Assert.Equal(120 - expected, store.Count(PatternQuery.All));
            Assert.NotNull(store.Get("d100")); // d100 is TaskCompletion
        }

        [Fact]
        public void InfoCountsByTypeAndKnowsOldestAndNewest()
        {
            using var store = Seed();
            var info = store.GetInfo();
            Assert.Equal(120, info.Count);
            Assert.Equal(30, info.CountByType[PatternType.AgentUsage]);
            Assert.Equal(Now, info.Newest);
            Assert.Equal(Now.AddDays(-119), info.Oldest);
            Assert.True(info.SizeBytes > 120 * 300);
            Assert.Equal(new[] { "d100", "d101" }, store.SuggestIds("D10", 2));
            Assert.Equal(new[] { "expert-backend", "expert-frontend" }, store.SuggestAgents("exp", 10));
            Assert.Equal(new[] { "api" }, store.SuggestTags("A", 10));
        }
    }
}
