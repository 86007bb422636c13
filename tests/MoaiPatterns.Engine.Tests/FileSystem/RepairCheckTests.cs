using System;
using System.IO;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Storage.FileSystem;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>Repair reads every file: corrupt indexed files, misnamed files and stray temp files are found and fixed.</summary>
    public sealed class RepairCheckTests : IDisposable
    {
        private static readonly DateTimeOffset Newest = new DateTimeOffset(2025, 11, 20, 12, 0, 0, TimeSpan.Zero);
        private readonly TempStoreFolder _folder = new TempStoreFolder();

        public void Dispose() => _folder.Dispose();

        private FileSystemPatternStore Seed(int n = 10)
        {
            var store = FileSystemPatternStore.Open(_folder.Path, create: true);
            foreach (var p in SamplePatterns.Series(n, Newest)) store.Save(p);
            return store;
        }

        private string FileOf(string id) =>
            Directory.GetFiles(_folder.Path, "*_" + id + ".json*", SearchOption.AllDirectories).Single(f => !f.Contains(".moai"));

        private string[] Quarantined() =>
            Directory.Exists(_folder.File(".moai/quarantine")) ? Directory.GetFiles(_folder.File(".moai/quarantine")) : Array.Empty<string>();

        [Theory]
        [InlineData("truncated")]
        [InlineData("garbage")]
        [InlineData("bad-gzip")]
        [InlineData("other-id")]
        public void AnIndexedFileOverwrittenWithJunkIsReportedThenQuarantinedAndDropped(string junk)
        {
            using var store = Seed();
            if (junk == "bad-gzip") store.Compress(Newest.AddDays(1));
            var victim = FileOf("p000003");
            byte[] bytes = junk switch
            {
                "truncated" => File.ReadAllBytes(victim).Take(40).ToArray(),
                "garbage" => new byte[] { 0xff, 0x00, 0x41, 0x7b, 0x22 },
                "bad-gzip" => new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03 },
                _ => PatternJson.ToUtf8Bytes(SamplePatterns.Make("intruder", Newest, PatternType.ErrorOccurrence)),
            };
            File.WriteAllBytes(victim, bytes);
            var index = File.ReadAllBytes(_folder.File("index.json"));

            var dry = store.Repair(whatIf: true);
            Assert.False(dry.Healthy);
            Assert.Contains(dry.Problems, p => p.Contains(victim));
            Assert.Contains(dry.Actions, a => a.StartsWith("Move unreadable '" + victim + "'"));
            Assert.Equal(bytes, File.ReadAllBytes(victim));
            Assert.Equal(index, File.ReadAllBytes(_folder.File("index.json")));
            Assert.Empty(Quarantined());

            var repair = store.Repair();
            Assert.False(repair.Healthy);
            Assert.False(File.Exists(victim));
            Assert.Equal(bytes, File.ReadAllBytes(Quarantined().Single()));
            Assert.Equal(9, repair.PatternCount);
            Assert.Null(store.Get("p000003"));
            Assert.Equal(9, store.Find(PatternQuery.All).Count());
            Assert.Empty(store.DrainWarnings());
            Assert.True(store.Repair(whatIf: true).Healthy);

            using var reopened = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.Equal(9, reopened.Count(PatternQuery.All));
            Assert.Empty(reopened.DrainWarnings());
        }

        [Fact]
        public void FindWarnsWhenAnIndexedFileHoldsAnotherPattern()
        {
            using var store = Seed();
            var victim = FileOf("p000004");
            File.WriteAllBytes(victim, PatternJson.ToUtf8Bytes(SamplePatterns.Make("intruder", Newest, PatternType.AgentUsage)));
            Assert.DoesNotContain(store.Find(PatternQuery.All), p => p.PatternId == "p000004" || p.PatternId == "intruder");
            Assert.Contains(store.DrainWarnings(), w => w.Target == victim && w.Message.Contains("intruder"));
            Assert.Null(store.Get("p000004"));
            Assert.Empty(store.DrainWarnings()); // one warning per file per command
            store.Release(); // the command ends: the next one warns again
            Assert.Null(store.Get("p000004"));
            Assert.Contains(store.DrainWarnings(), w => w.Target == victim);
        }

        [Fact]
        public void MisnamedJsonFilesAreFoundAndWarnedAboutThenRenamedOrQuarantinedByRepair()
        {
            using var store = Seed();
            var day = _folder.File("2025/11/20");
            var handmade = Path.Combine(day, "handmade.json");
            var gzHandmade = Path.Combine(day, "copied-by-tool.json.gz");
            var broken = Path.Combine(day, "notes.json");
            var text = Path.Combine(day, "readme.txt");
            var good = SamplePatterns.Make("hand1", Newest.AddMinutes(-30), PatternType.ErrorOccurrence, "manual");
            var goodGz = SamplePatterns.Make("hand2", Newest.AddMinutes(-20), PatternType.UserCorrection, "manual");
            File.WriteAllBytes(handmade, PatternJson.ToUtf8Bytes(good));
            File.WriteAllBytes(gzHandmade, FileOps.Gzip(PatternJson.ToUtf8Bytes(goodGz)));
            File.WriteAllText(broken, "{ \"pattern_id\": ");
            File.WriteAllText(text, "not a pattern, never read");

            var all = store.Find(PatternQuery.All).ToList();
            Assert.Equal(12, all.Count);
            Assert.Equal(Json(good), Json(all.Single(p => p.PatternId == "hand1")));
            var warnings = store.DrainWarnings();
            Assert.Single(warnings);
            Assert.Equal(broken, warnings[0].Target);
            Assert.Contains(broken, warnings[0].Message);
            Assert.Equal(new[] { "hand1" }, store.Find(new PatternQuery { Types = new[] { PatternType.ErrorOccurrence }, Tags = new[] { "manual" } }).Select(p => p.PatternId));
            Assert.Equal(2, store.Count(new PatternQuery { Tags = new[] { "manual" } }));
            store.DrainWarnings();

            var dry = store.Repair(whatIf: true);
            Assert.Contains(dry.Problems, p => p.Contains(handmade) && p.Contains("hand1"));
            Assert.Contains(dry.Problems, p => p.Contains(gzHandmade));
            Assert.Contains(dry.Problems, p => p.Contains(broken));
            Assert.DoesNotContain(dry.Problems, p => p.Contains(text));
            Assert.Contains(dry.Actions, a => a.StartsWith("Rename '" + handmade + "'"));
            Assert.Equal(12, dry.PatternCount);
            Assert.True(File.Exists(handmade) && File.Exists(gzHandmade) && File.Exists(broken));
            Assert.Empty(Quarantined());

            var repair = store.Repair();
            Assert.Equal(12, repair.PatternCount);
            Assert.False(File.Exists(handmade) || File.Exists(gzHandmade) || File.Exists(broken));
            Assert.True(File.Exists(text));
            Assert.Equal(_folder.File(StoreLayout.RelativePathFor(good)), FileOf("hand1"));
            Assert.Single(Quarantined());
            Assert.Equal(Json(good), Json(store.Get("hand1")!));
            Assert.Equal(Json(goodGz), Json(store.Get("hand2")!));
            Assert.Equal(string.Join(",", Enumerable.Range(0, 10).Select(i => $"p{i:D6}").Concat(new[] { "hand1", "hand2" }).OrderBy(x => x, StringComparer.Ordinal)),
                string.Join(",", store.Find(PatternQuery.All).Select(p => p.PatternId).OrderBy(x => x, StringComparer.Ordinal)));
            Assert.Empty(store.DrainWarnings());
            var again = store.Repair(whatIf: true);
            Assert.True(again.Healthy, string.Join("\n", again.Problems));
        }

        [Fact]
        public void AMisnamedCopyOfAStoredPatternIsQuarantinedAndTheOriginalKept()
        {
            using var store = Seed();
            var original = FileOf("p000002");
            var copy = Path.Combine(Path.GetDirectoryName(original)!, "backup-of-p2.json");
            File.Copy(original, copy);
            Assert.Single(store.Find(PatternQuery.All), p => p.PatternId == "p000002");
            var repair = store.Repair();
            Assert.Contains(repair.Problems, p => p.Contains(copy) && p.Contains("second copy"));
            Assert.False(File.Exists(copy));
            Assert.True(File.Exists(original));
            Assert.Single(Quarantined());
            Assert.NotNull(store.Get("p000002"));
            Assert.True(store.Repair(whatIf: true).Healthy);
        }

        [Fact]
        public void OldTempFilesAnywhereInTheStoreAreReportedAndDeletedFreshOnesKept()
        {
            using var store = Seed();
            var old = DateTime.UtcNow.AddHours(-2);
            var stale = new[] { _folder.File(".tmp-root"), _folder.File("2025/11/20/.tmp-day"), _folder.File("2025/11/.tmp-month"), _folder.File(".moai/tmp/.tmp-private") };
            foreach (var f in stale)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(f)!);
                File.WriteAllText(f, "half a pattern");
                File.SetLastWriteTimeUtc(f, old);
            }
            var fresh = _folder.File("2025/11/20/.tmp-live-writer");
            File.WriteAllText(fresh, "being written");

            var dry = store.Repair(whatIf: true);
            foreach (var f in stale) Assert.Contains(dry.Problems, p => p.Contains(f));
            Assert.DoesNotContain(dry.Problems, p => p.Contains(fresh));
            Assert.All(stale, f => Assert.True(File.Exists(f)));

            var repair = store.Repair();
            Assert.Equal(4, repair.Actions.Count(a => a.StartsWith("Delete leftover temp file")));
            Assert.All(stale, f => Assert.False(File.Exists(f)));
            Assert.True(File.Exists(fresh));
            Assert.Equal(10, store.Count(PatternQuery.All));
        }

        [Fact]
        public void WhatIfOnAStoreWithoutAnIndexReportsItAndDoesNotRebuildIt()
        {
            using (Seed()) { }
            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            File.Delete(_folder.File("index.json"));
            File.Delete(_folder.File(".moai/index.journal"));
            var dry = store.Repair(whatIf: true);
            Assert.Contains(dry.Problems, p => p.Contains("index.json"));
            Assert.Equal(10, dry.PatternCount);
            Assert.False(File.Exists(_folder.File("index.json")));
            Assert.False(File.Exists(_folder.File(".moai/index.journal")));
            Assert.False(store.Repair().Healthy);
            Assert.True(File.Exists(_folder.File("index.json")));
            Assert.True(store.Repair(whatIf: true).Healthy);
        }

        private static string Json(MoaiPattern p) => System.Text.Encoding.UTF8.GetString(PatternJson.ToUtf8Bytes(p));
    }
}
