using System;
using System.IO;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Storage.FileSystem;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>Where new writes go, and that a save leaves exactly one whole file.</summary>
    public sealed class LayoutAndAtomicityTests : IDisposable
    {
        private readonly TempStoreFolder _folder = new TempStoreFolder();

        public void Dispose() => _folder.Dispose();

        private static string[] PatternFiles(string root) =>
            Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + ".moai" + Path.DirectorySeparatorChar) && Path.GetFileName(f) != "index.json")
                .Select(f => f.Substring(root.Length + 1).Replace(Path.DirectorySeparatorChar, '/')).OrderBy(x => x).ToArray();

        [Fact]
        public void ANewWriteGoesToTheUtcDateFolderWithTheFullIdAndPrettyJson()
        {
            using var store = FileSystemPatternStore.Open(_folder.Path, create: true);
            var p = SamplePatterns.Make("abc-123_x.y", DateTimeOffset.Parse("2025-11-28T22:57:55.123+09:00"), PatternType.AgentUsage);
            store.Save(p);
            var files = PatternFiles(_folder.Path);
            Assert.Equal(new[] { "2025/11/28/agent_usage_20251128_135755_abc-123_x.y.json" }, files);
            Assert.Equal(PatternJson.ToUtf8Bytes(p), File.ReadAllBytes(_folder.File(files[0])));
            Assert.Contains("\n  \"pattern_id\"", File.ReadAllText(_folder.File(files[0])));

            var early = SamplePatterns.Make("early", DateTimeOffset.Parse("2025-11-29T02:00:00+09:00"));
            store.Save(early); // 2025-11-28T17:00Z: UTC decides the folder
            Assert.Contains("2025/11/28/task_completion_20251128_170000_early.json", PatternFiles(_folder.Path));
        }

        [Fact]
        public void UpsertWithAChangedTimestampLeavesOneFile()
        {
            using var store = FileSystemPatternStore.Open(_folder.Path, create: true);
            var t = new DateTimeOffset(2025, 11, 1, 10, 0, 0, TimeSpan.Zero);
            store.Save(SamplePatterns.Make("same-id", t));
            store.Save(SamplePatterns.Make("same-id", t.AddDays(3)));
            store.Save(SamplePatterns.Make("same-id", t.AddDays(3))); // same path again: replaced in place
            Assert.Equal(new[] { "2025/11/04/task_completion_20251104_100000_same-id.json" }, PatternFiles(_folder.Path));
            Assert.Equal(t.AddDays(3), store.Get("same-id")!.Timestamp);
            Assert.Single(store.Find(PatternQuery.All));

            using var reopened = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.Equal(t.AddDays(3), reopened.Get("same-id")!.Timestamp);
        }

        [Fact]
        public void SavesLeaveNoTempFilesAndOldLeftoversAreCleanedOnOpen()
        {
            using (var store = FileSystemPatternStore.Open(_folder.Path, create: true))
            {
                foreach (var p in SamplePatterns.Series(20, DateTimeOffset.UtcNow)) store.Save(p);
                using (var w = store.OpenWriter())
                    foreach (var p in SamplePatterns.Series(30, DateTimeOffset.UtcNow, "bulk")) w.Add(p);
            }
            var tmpDir = _folder.File(".moai/tmp");
            Assert.Empty(Directory.GetFiles(tmpDir));
            Assert.DoesNotContain(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).StartsWith(".tmp-"));

            // A crashed writer's leftovers: an old one is cleaned, a fresh one (maybe a live writer's) is kept.
            var old = Path.Combine(tmpDir, ".tmp-crashed");
            var fresh = Path.Combine(tmpDir, ".tmp-live");
            File.WriteAllText(old, "{\"half");
            File.WriteAllText(fresh, "{\"half");
            File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddMinutes(-5));
            using (var store = FileSystemPatternStore.Open(_folder.Path, create: false))
            {
                Assert.Equal(50, store.Count(PatternQuery.All));
            }
            Assert.False(File.Exists(old));
            Assert.True(File.Exists(fresh));
        }

        [Fact]
        public void WriterCommitsInBatchesAndEverythingAddedBeforeAFailureStays()
        {
            using var store = FileSystemPatternStore.Open(_folder.Path, create: true);
            var patterns = SamplePatterns.Series(1100, DateTimeOffset.UtcNow);
            using (var w = store.OpenWriter())
            {
                foreach (var p in patterns) w.Add(p);
                Assert.Equal(1024, w.Committed); // two batches of 512 so far
                Assert.Throws<MoaiPatterns.Validation.InvalidPatternException>(() => w.Add(SamplePatterns.Make("../evil", DateTimeOffset.UtcNow)));
                w.Flush();
                Assert.Equal(1100, w.Committed);
            }
            Assert.Equal(1100, store.Count(PatternQuery.All));
            Assert.NotNull(store.Get(patterns[1099].PatternId));
        }
    }
}
