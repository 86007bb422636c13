using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MoaiPatterns.Analysis;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Storage.FileSystem;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>
    /// The module's own index keeps each pattern's facts (folded tags and agent, what Measure reads), so tag and
    /// agent filters and Measure rule files out without opening them; the files stay the truth wherever the index
    /// cannot know (the original's entries, files changed behind its back).
    /// </summary>
    public sealed class IndexFactsTests : IDisposable
    {
        private static readonly DateTimeOffset Newest = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        private readonly TempStoreFolder _folder = new TempStoreFolder();

        public void Dispose() => _folder.Dispose();

        private FileSystemPatternStore Seed()
        {
            var store = FileSystemPatternStore.Open(_folder.Path, create: true);
            using (var w = store.OpenWriter())
                for (var i = 0; i < 60; i++)
                    w.Add(SamplePatterns.Make($"p{i:D3}", Newest.AddHours(-i), PatternType.TaskCompletion, i % 3 == 0 ? new[] { "Backend", "api" } : new[] { "frontend" }));
            return store;
        }

        private string FileOf(string id) => Directory.GetFiles(_folder.Path, "*_" + id + ".json", SearchOption.AllDirectories).Single();

        /// <summary>
        /// Garbles a file in place, so any read of it is noticed as a warning. It still holds every tag's text, so the
        /// raw-byte prefilter (which skips a file that cannot contain a queried key) does not hide the read.
        /// </summary>
        private void Garble(string id) => File.WriteAllText(FileOf(id), "{ backend api frontend hotfix " + new string('x', 200));

        [Fact]
        public void ATagQueryNeverOpensTheFilesTheIndexRulesOut()
        {
            using (Seed()) { }
            Garble("p001"); // tagged frontend only
            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            var found = store.Find(new PatternQuery { Tags = new[] { "backend", "API" } }).Select(p => p.PatternId).ToList();
            Assert.Equal(Enumerable.Range(0, 60).Where(i => i % 3 == 0).Select(i => $"p{i:D3}"), found);
            Assert.Empty(store.DrainWarnings());
            Assert.Equal(20, store.Count(new PatternQuery { Tags = new[] { "backend" } }));
            Assert.Empty(store.DrainWarnings());
            // A query that must read p001 does notice it.
            Assert.Equal(39, store.Find(new PatternQuery { Tags = new[] { "frontend" } }).Count());
            Assert.Contains(store.DrainWarnings(), w => w.Target.Contains("p001"));
        }

        [Fact]
        public void MeasureReadsTheIndexNotTheFiles()
        {
            using (var s = Seed())
            {
                var expected = PatternAnalysis.MeasureByFind(s, new MeasureQuery(new PatternQuery { Tags = new[] { "backend" } }));
                foreach (var i in new[] { 0, 3, 6 }) Garble($"p{i:D3}");
                using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
                var measured = store.Measure(new MeasureQuery(new PatternQuery { Tags = new[] { "backend" } }));
                Assert.Empty(store.DrainWarnings());
                Assert.Equal(expected.Single().Count, measured.Single().Count);
                Assert.Equal(20, measured.Single().Count);
                Assert.Equal(expected.Single().DurationP95, measured.Single().DurationP95);
            }
        }

        [Fact]
        public void TheFactsAreWrittenToTheModulesIndexOnlyNeverToIndexJson()
        {
            using (var store = Seed()) store.Remove("p059"); // any writer command ends with a consistent index.json
            var journal = File.ReadAllText(_folder.File(".moai/index.journal"));
            Assert.Contains("\"k\":{\"a\":\"expert-backend\",\"g\":[\"backend\",\"api\"]", journal);
            var indexJson = File.ReadAllText(_folder.File("index.json"));
            Assert.DoesNotContain("\"k\"", indexJson);
            Assert.DoesNotContain("expert-backend", indexJson);
        }

        [Fact]
        public void ACheckpointedSnapshotKeepsTheFactsAndIndexJsonStaysTheSeedsShape()
        {
            using (var store = Seed())
            {
                using (var w = store.OpenWriter())
                    for (var i = 0; i < 4000; i++) w.Add(SamplePatterns.Make($"bulk{i:D5}", Newest.AddDays(-10).AddSeconds(-i)));
            }
            Assert.True(File.Exists(_folder.File(".moai/index.snapshot")));
            Assert.Contains("\"k\":{\"a\":\"expert-backend\"", File.ReadAllText(_folder.File(".moai/index.snapshot")));
            var seedIndex = File.ReadAllText(_folder.File("index.json"));
            Assert.DoesNotContain("\"k\"", seedIndex);
            Assert.Matches(new Regex("^\\{\\n  \"[^\"]+\": \\{\\n    \"path\": "), seedIndex);
            Garble("p001");
            using var reopened = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.Equal(20, reopened.Find(new PatternQuery { Tags = new[] { "backend" } }).Count());
            Assert.Empty(reopened.DrainWarnings());
        }

        [Fact]
        public void APatternTheOriginalRewroteInPlaceIsReadAgainNotTakenFromStaleFacts()
        {
            using (Seed()) { }
            var journalTime = File.GetLastWriteTimeUtc(_folder.File(".moai/index.journal"));
            // The original saves p001 again with another tag: same path (type, time, id), new content, index.json rewritten.
            var path = FileOf("p001");
            var changed = SamplePatterns.Make("p001", Newest.AddHours(-1), PatternType.TaskCompletion, "hotfix");
            File.WriteAllText(path, PatternJson.ToJson(changed));
            File.SetLastWriteTimeUtc(path, journalTime.AddSeconds(2));
            File.WriteAllText(_folder.File("index.json"), File.ReadAllText(_folder.File("index.json")) + "\n");
            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.Equal(new[] { "p001" }, store.Find(new PatternQuery { Tags = new[] { "hotfix" } }).Select(p => p.PatternId));
            Assert.Equal(1, store.Measure(new MeasureQuery(new PatternQuery { Tags = new[] { "hotfix" } })).Single().Count);
            Assert.Equal(39, store.Count(new PatternQuery { Tags = new[] { "frontend" } }));
        }

        [Fact]
        public void RepairFindsFactsAFileNoLongerHasAndFixesThem()
        {
            using (Seed()) { }
            var path = FileOf("p002");
            File.WriteAllText(path, PatternJson.ToJson(SamplePatterns.Make("p002", Newest.AddHours(-2), PatternType.TaskCompletion, "edited")));
            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            var dry = store.Repair(whatIf: true);
            Assert.Contains(dry.Problems, p => p.Contains("p002") && p.Contains("query keys"));
            store.Repair();
            Assert.Equal(new[] { "p002" }, store.Find(new PatternQuery { Tags = new[] { "edited" } }).Select(p => p.PatternId));
            Assert.True(store.Repair(whatIf: true).Healthy);
        }

        [Fact]
        public void EntriesWithoutFactsAreAnsweredFromTheFilesAndRepairRecordsTheirKeys()
        {
            using (Seed()) { }
            // An earlier release's journal: the same lines without "k".
            var lines = File.ReadAllLines(_folder.File(".moai/index.journal"))
                .Select(l => Regex.Replace(l, ",\"k\":\\{[^}]*\\}", "")).ToArray();
            File.WriteAllLines(_folder.File(".moai/index.journal"), lines);
            File.SetLastWriteTimeUtc(_folder.File("index.json"), File.GetLastWriteTimeUtc(_folder.File("index.json"))); // unchanged stamp
            Garble("p001");
            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.Equal(20, store.Find(new PatternQuery { Tags = new[] { "backend" } }).Count());
            Assert.Contains(store.DrainWarnings(), w => w.Target.Contains("p001")); // no facts: every file was read
            var repair = store.Repair();
            Assert.Contains(repair.Actions, a => a.Contains("query keys of 59 patterns"));
            Assert.Contains("\"k\":", File.ReadAllText(_folder.File(".moai/index.snapshot")));
            store.DrainWarnings();
            Assert.Equal(20, store.Find(new PatternQuery { Tags = new[] { "backend" } }).Count());
            Assert.Empty(store.DrainWarnings());
        }
    }
}
