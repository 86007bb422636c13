using System;
using System.IO;
using System.Linq;
using System.Text;
using MoaiPatterns.Query;
using MoaiPatterns.Storage.FileSystem;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>The index is a cache: whatever happens to it, the files answer.</summary>
    public sealed class IndexRepairTests : IDisposable
    {
        private readonly TempStoreFolder _folder = new TempStoreFolder();
        private readonly System.Collections.Generic.List<MoaiPattern> _patterns;

        public IndexRepairTests()
        {
            _patterns = SamplePatterns.Series(40, new DateTimeOffset(2025, 11, 20, 12, 0, 0, TimeSpan.Zero));
            using var store = FileSystemPatternStore.Open(_folder.Path, create: true);
            foreach (var p in _patterns) store.Save(p);
        }

        public void Dispose() => _folder.Dispose();

        private void AssertAllLoad(FileSystemPatternStore store, int extra = 0)
        {
            foreach (var p in _patterns) Assert.Equal(p.Timestamp, store.Get(p.PatternId)!.Timestamp);
            Assert.Equal(_patterns.Count + extra, store.Count(PatternQuery.All));
            Assert.Equal(_patterns.Count + extra, store.Find(PatternQuery.All).Count());
        }

        [Fact]
        public void ADeletedIndexJsonIsRewrittenByTheNextWriterNotByReaders()
        {
            File.Delete(_folder.File("index.json"));
            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            AssertAllLoad(store);
            Assert.False(File.Exists(_folder.File("index.json")));
            store.Remove(_patterns[0].PatternId);
            var index = File.ReadAllText(_folder.File("index.json"));
            Assert.DoesNotContain(_patterns[0].PatternId, index);
            Assert.Contains(_patterns[39].PatternId, index);
        }

        [Fact]
        public void ADeletedJournalFolderIsRebuilt()
        {
            Directory.Delete(_folder.File(".moai"), true);
            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            AssertAllLoad(store);
        }

        [Fact]
        public void ACorruptIndexIsRebuiltWithAWarningNamingIt()
        {
            File.WriteAllText(_folder.File("index.json"), "{ \"garbage");
            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            var warnings = store.DrainWarnings();
            Assert.Contains(warnings, w => w.Target.EndsWith("index.json") && w.Message.Contains("index.json"));
            AssertAllLoad(store);
        }

        [Fact]
        public void AStaleIndexEntryIsResolvedToTheGzippedFile()
        {
            // Compress one file behind the store's back (as the original did): the index still says .json.
            var victim = _patterns[5];
            var rel = Directory.GetFiles(_folder.Path, "*" + victim.PatternId + ".json", SearchOption.AllDirectories).Single();
            var bytes = File.ReadAllBytes(rel);
            using (var fs = File.Create(rel + ".gz"))
            using (var gz = new System.IO.Compression.GZipStream(fs, System.IO.Compression.CompressionLevel.Fastest)) gz.Write(bytes, 0, bytes.Length);
            File.Delete(rel);
            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            AssertAllLoad(store);
            var repair = store.Repair(whatIf: false);
            Assert.Contains(repair.Problems, p => p.Contains(victim.PatternId) && p.Contains(".json.gz"));
            Assert.True(store.Repair(whatIf: true).Healthy);
        }

        [Fact]
        public void ATornLastJournalLineIsIgnoredAndLaterSavesStillCount()
        {
            var journal = _folder.File(".moai/index.journal");
            File.AppendAllText(journal, "{\"op\":\"set\",\"id\":\"torn\",\"pa", Encoding.UTF8);
            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.Null(store.Get("torn"));
            AssertAllLoad(store);
            var extra = SamplePatterns.Make("after-torn", DateTimeOffset.UtcNow);
            store.Save(extra);
            using var other = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.NotNull(other.Get("after-torn"));
            Assert.NotNull(other.Get(_patterns[0].PatternId));
        }

        [Fact]
        public void AStoreOfThePreviousReleaseIsReadAsItIsAndUpgradedByTheNextCheckpoint()
        {
            // The previous release's layout: index.json is the snapshot, and the journal's version-1 header names it.
            var map = new System.Collections.Generic.Dictionary<string, IndexEntry>();
            var tail = new MemoryStream();
            foreach (var p in _patterns)
            {
                var rel = Path.GetRelativePath(_folder.Path, Directory.GetFiles(_folder.Path, "*_" + p.PatternId + ".json", SearchOption.AllDirectories).Single()).Replace('\\', '/');
                if (map.Count < 35) map[p.PatternId] = IndexEntry.For(p, rel);
                else IndexJournal.AppendLine(tail, new IndexChange(p.PatternId, IndexEntry.For(p, rel)));
            }
            File.WriteAllBytes(_folder.File("index.json"), IndexSnapshot.Serialize(map));
            File.Delete(_folder.File(".moai/index.snapshot"));
            var index = new FileInfo(_folder.File("index.json"));
            var header = "{\"journal\":\"moai-index\",\"version\":1,\"generation\":\"0123abcd\",\"snapshot_length\":" + index.Length + ",\"snapshot_mtime\":" + index.LastWriteTimeUtc.Ticks + "}\n";
            File.WriteAllBytes(_folder.File(".moai/index.journal"), Encoding.UTF8.GetBytes(header).Concat(tail.ToArray()).ToArray());
            var journalBefore = File.ReadAllBytes(_folder.File(".moai/index.journal"));
            var indexBefore = File.ReadAllBytes(_folder.File("index.json"));

            using (var reader = FileSystemPatternStore.Open(_folder.Path, create: false))
            {
                AssertAllLoad(reader);
                Assert.Empty(reader.DrainWarnings());
            }
            Assert.Equal(journalBefore, File.ReadAllBytes(_folder.File(".moai/index.journal"))); // read as it is: no rebuild
            Assert.Equal(indexBefore, File.ReadAllBytes(_folder.File("index.json")));
            Assert.False(File.Exists(_folder.File(".moai/index.snapshot")));

            using (var writer = FileSystemPatternStore.Open(_folder.Path, create: false))
            {
                writer.Save(SamplePatterns.Make("after-upgrade", DateTimeOffset.UtcNow));
                Assert.Contains("\"version\":2", File.ReadAllText(_folder.File(".moai/index.journal"))); // its export was a full checkpoint
            }
            using var reopened = FileSystemPatternStore.Open(_folder.Path, create: false);
            AssertAllLoad(reopened, extra: 1);
            Assert.NotNull(reopened.Get("after-upgrade"));
            Assert.Contains("\"after-upgrade\"", File.ReadAllText(_folder.File("index.json")));
        }

        [Fact]
        public void TheJournalIsCompactedIntoIndexJsonOnceItOutgrowsIt()
        {
            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            var t = DateTimeOffset.UtcNow;
            // ~330-byte lines (with the facts): 1 MiB of journal is about 3,200 saves; the writer appends in batches.
            using (var w = store.OpenWriter())
                for (var i = 0; i < 8000; i++) w.Add(SamplePatterns.Make("c" + i, t.AddSeconds(-i)));
            // Compacted: the journal never outgrows the snapshot (or 1 MiB) by more than the last batch.
            var journal = new FileInfo(_folder.File(".moai/index.journal")).Length;
            var snapshot = new FileInfo(_folder.File(".moai/index.snapshot")).Length;
            Assert.True(journal < Math.Max(snapshot, 1 << 20), $"journal {journal} bytes, snapshot {snapshot}");
            Assert.True(File.ReadLines(_folder.File(".moai/index.journal")).Count() < 8000);
            Assert.Contains("\"c0\"", File.ReadAllText(_folder.File("index.json")));
            using var other = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.NotNull(other.Get("c7999"));
            Assert.NotNull(other.Get("c0"));
            Assert.Equal(8040, other.Count(PatternQuery.All));
        }
    }
}
