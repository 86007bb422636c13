using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Storage.FileSystem;
using MoaiPatterns.Stores;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>
    /// The one walker never follows a symbolic link out of the store (a linked year or day folder, a linked
    /// file): nothing behind one is read, deleted, compressed or written; Repair reports links. The one
    /// reader refuses files and gzip contents beyond its limit, and warns once per file per command.
    /// </summary>
    public sealed class LinksAndLimitsTests : IDisposable
    {
        private static readonly DateTimeOffset Day = new DateTimeOffset(2025, 11, 20, 12, 0, 0, TimeSpan.Zero);
        private readonly TempStoreFolder _store = new TempStoreFolder();
        private readonly TempStoreFolder _outside = new TempStoreFolder();

        public void Dispose()
        {
            _store.Dispose();
            _outside.Dispose();
        }

        private static Dictionary<string, string> State(string root) =>
            Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
                f => Path.GetRelativePath(root, f),
                f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))) + " " + File.GetLastWriteTimeUtc(f).Ticks);

        /// <summary>Store A (10 patterns on 2025-11-20) with links into store B: its day 2025-11-21, its year 2024, and one of its files.</summary>
        private (List<MoaiPattern> Ours, List<MoaiPattern> Theirs, string DayLink, string YearLink, string FileLink) BuildLinkedStores()
        {
            var ours = SamplePatterns.Series(10, Day, "ours");
            var theirs = SamplePatterns.Series(6, Day.AddDays(1), "theirs").Concat(SamplePatterns.Series(4, new DateTimeOffset(2024, 3, 5, 12, 0, 0, TimeSpan.Zero), "old")).ToList();
            using (var a = FileSystemPatternStore.Open(_store.Path, create: true)) foreach (var p in ours) a.Save(p);
            using (var b = FileSystemPatternStore.Open(_outside.Path, create: true)) foreach (var p in theirs) b.Save(p);
            var dayLink = _store.File("2025/11/21");
            var yearLink = _store.File("2024");
            var fileLink = _store.File("2025/11/20/task_completion_20251120_010000_linked.json");
            Directory.CreateSymbolicLink(dayLink, _outside.File("2025/11/21"));
            Directory.CreateSymbolicLink(yearLink, _outside.File("2024"));
            File.CreateSymbolicLink(fileLink, Directory.GetFiles(_outside.File("2025/11/21"))[0]);
            return (ours, theirs, dayLink, yearLink, fileLink);
        }

        [Fact]
        public void NothingBehindALinkIsReadDeletedCompressedOrWrittenAndRepairReportsTheLinks()
        {
            var (ours, theirs, dayLink, yearLink, fileLink) = BuildLinkedStores();
            var outsideBefore = State(_outside.Path);
            // An index.json entry (as the original might have written) that points through the linked day folder.
            var through = theirs[0];
            var throughRel = "2025/11/21/" + Path.GetFileName(Directory.GetFiles(_outside.File("2025/11/21"), "*" + through.PatternId + "*")[0]);
            var index = File.ReadAllText(_store.File("index.json")).TrimEnd().TrimEnd('}').TrimEnd();
            File.WriteAllText(_store.File("index.json"), index + (index.EndsWith("{") ? "" : ",") + "\n  \"" + through.PatternId + "\": {\"path\": \"" + throughRel + "\", \"type\": \"task_completion\", \"timestamp\": \"" + IsoTimestamp.Format(through.Timestamp) + "\"}\n}");

            using var store = FileSystemPatternStore.Open(_store.Path, create: false);
            var found = store.Find(PatternQuery.All).Select(p => p.PatternId).ToList();
            Assert.Equal(ours.Select(p => p.PatternId).OrderBy(x => x), found.OrderBy(x => x));
            Assert.Equal(10, store.Count(PatternQuery.All));
            Assert.Null(store.Get(through.PatternId));
            Assert.All(theirs, p => Assert.Null(store.Get(p.PatternId)));
            Assert.Equal(10, store.GetInfo().Count);
            var warnings = store.DrainWarnings();
            Assert.Equal(new[] { fileLink }, warnings.Select(w => w.Target)); // the linked file, once
            Assert.Contains("symbolic link", warnings[0].Message);
            store.Release();

            var dry = store.Repair(whatIf: true);
            Assert.Contains(dry.Problems, p => p.Contains(dayLink) && p.Contains("symbolic link"));
            Assert.Contains(dry.Problems, p => p.Contains(yearLink) && p.Contains("symbolic link"));
            Assert.Contains(dry.Problems, p => p.Contains(fileLink) && p.Contains("symbolic link"));
            Assert.DoesNotContain(dry.Actions, a => a.Contains(fileLink) || a.Contains(dayLink));
            var repair = store.Repair();
            Assert.False(repair.Healthy);
            Assert.True(File.Exists(fileLink) && new FileInfo(fileLink).LinkTarget != null);

            var compressed = store.Compress(Day.AddDays(400));
            Assert.Equal(10, compressed.CompressedCount);
            Assert.Throws<StoreCorruptException>(() => store.Save(SamplePatterns.Make("into-the-link", Day.AddDays(1).AddHours(3))));
            var removed = store.RemoveOlderThan(Day.AddDays(400));
            Assert.Equal(10, removed.RemovedCount);

            Assert.Equal(outsideBefore, State(_outside.Path));
            Assert.NotNull(new DirectoryInfo(dayLink).LinkTarget);
            Assert.NotNull(new DirectoryInfo(yearLink).LinkTarget);
            Assert.NotNull(new FileInfo(fileLink).LinkTarget);
            using var outside = FileSystemPatternStore.Open(_outside.Path, create: false);
            Assert.Equal(10, outside.Count(PatternQuery.All));
        }

        [Fact]
        public void AGzipBombStopsAtTheLimitWithOneWarningAndLittleMemory()
        {
            using var store = FileSystemPatternStore.Open(_store.Path, create: true);
            foreach (var p in SamplePatterns.Series(5, Day)) store.Save(p);
            var bomb = _store.File("2025/11/20/task_completion_20251120_010000_bomb.json.gz");
            using (var fs = File.Create(bomb))
            using (var gz = new GZipStream(fs, CompressionLevel.Optimal))
            {
                var spaces = new byte[1 << 20];
                Array.Fill(spaces, (byte)' ');
                gz.WriteByte((byte)'{');
                for (var i = 0; i < 64; i++) gz.Write(spaces, 0, spaces.Length); // 64 MiB inside, ~64 KB on disk
            }
            Assert.True(new FileInfo(bomb).Length < 1 << 20);

            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<InvalidDataException>(() => PatternFileReader.ReadBytes(bomb));
            Assert.Contains("larger than any pattern", e.Message);
            var used = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Assert.True(used < 48L << 20, $"decompression must stop at the limit ({used} bytes allocated)");

            Assert.Equal(5, store.Find(PatternQuery.All).Count());
            var warnings = store.DrainWarnings();
            Assert.Single(warnings);
            Assert.Equal(bomb, warnings[0].Target);
            Assert.Contains(store.Repair(whatIf: true).Problems, p => p.Contains(bomb) && p.Contains("larger than any pattern"));
        }

        [Fact]
        public void APlainFileBeyondTheLimitIsRefusedByTheOneReader()
        {
            Directory.CreateDirectory(_store.File("2025/11/20"));
            var big = _store.File("2025/11/20/task_completion_20251120_010000_big.json");
            File.WriteAllBytes(big, new byte[PatternFileReader.MaxFileBytes + 1]);
            Assert.Throws<InvalidDataException>(() => PatternFileReader.ReadBytes(big));
            var fits = _store.File("2025/11/20/task_completion_20251120_010000_fits.json");
            File.WriteAllBytes(fits, new byte[PatternFileReader.MaxFileBytes]);
            Assert.Equal(PatternFileReader.MaxFileBytes, PatternFileReader.ReadBytes(fits)!.Length);
        }

        [Fact]
        public void TheFirstFindAfterCorruptionWarnsOncePerFile()
        {
            using (var seed = FileSystemPatternStore.Open(_store.Path, create: true))
                foreach (var p in SamplePatterns.Series(10, Day)) seed.Save(p);
            var garbage = _store.File("2025/11/20/error_occurrence_20251120_030000_garbage.json");
            File.WriteAllText(garbage, "{ \"pattern_id\": ");
            File.Delete(_store.File(".moai/index.journal")); // the next open rebuilds the index, reading the garbage once
            using var store = FileSystemPatternStore.Open(_store.Path, create: false);
            Assert.Equal(10, store.Find(PatternQuery.All).Count());
            Assert.Equal(10, store.Count(new PatternQuery { Types = new[] { PatternType.ErrorOccurrence, PatternType.TaskCompletion } }) + store.Count(new PatternQuery { Types = new[] { PatternType.AgentUsage, PatternType.UserCorrection } }));
            Assert.Single(store.DrainWarnings(), w => w.Target == garbage);
        }
    }
}
