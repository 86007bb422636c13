using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Storage.FileSystem;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>Stores written by the original Python system open and read exactly.</summary>
    public sealed class ReferenceFormatTests : IDisposable
    {
        private readonly TempStoreFolder _folder = new TempStoreFolder();

        public void Dispose() => _folder.Dispose();

        private List<MoaiPattern> BuildOriginal()
        {
            var builder = new OriginalStoreBuilder(_folder.Path);
            var offsets = new[] { TimeSpan.Zero, TimeSpan.FromHours(9), TimeSpan.FromHours(-5) };
            var patterns = new List<MoaiPattern>();
            var start = new DateTimeOffset(2025, 10, 1, 22, 57, 55, TimeSpan.Zero);
            for (var i = 0; i < 60; i++)
            {
                var off = offsets[i % 3];
                var ts = new DateTimeOffset(start.AddHours(i * 13).UtcDateTime.Ticks, TimeSpan.Zero).ToOffset(off);
                var id = Guid.NewGuid().ToString("N");
                var p = SamplePatterns.Make(id, ts, SamplePatterns.TypeFor(i), "tag" + (i % 5));
                var rel = builder.Add(p);
                patterns.Add(p);
                if (i < 20) builder.GzipLeavingIndexStale(rel); // the original gzipped old ones later
            }
            builder.WriteIndex();
            return patterns;
        }

        [Fact]
        public void EveryPatternLoadsByIdAndAppearsInFindWithItsExactTimestamp()
        {
            var patterns = BuildOriginal();
            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            foreach (var p in patterns)
            {
                var got = store.Get(p.PatternId);
                Assert.NotNull(got);
                Assert.Equal(p.Timestamp, got!.Timestamp);
                Assert.Equal(p.Timestamp.Offset, got.Timestamp.Offset);
                Assert.Equal(PatternJson.ToJson(p), PatternJson.ToJson(got));
            }
            var found = store.Find(PatternQuery.All).ToList();
            var expected = patterns.OrderBy(x => x, NewestFirst.Instance).ToList();
            Assert.Equal(expected.Select(x => x.PatternId), found.Select(x => x.PatternId));
            Assert.Equal(expected.Select(x => x.Timestamp), found.Select(x => x.Timestamp));
            Assert.Equal(60, store.Count(PatternQuery.All));
            Assert.Empty(store.DrainWarnings());
        }

        [Fact]
        public void ReadersLeaveTheStaleIndexAloneAndTheNextWriteRewritesItToPointAtTheGzippedFiles()
        {
            var patterns = BuildOriginal();
            var indexPath = _folder.File("index.json");
            var before = File.ReadAllBytes(indexPath);
            var mtime = File.GetLastWriteTimeUtc(indexPath);
            using (var reader = FileSystemPatternStore.Open(_folder.Path, create: false))
            {
                Assert.Equal(60, reader.Find(PatternQuery.All).Count());
                Assert.NotNull(reader.Get(patterns[3].PatternId));
            }
            Assert.Equal(before, File.ReadAllBytes(indexPath));
            Assert.Equal(mtime, File.GetLastWriteTimeUtc(indexPath));
            Assert.True(File.Exists(_folder.File(".moai/index.snapshot"))); // the module's own index, rebuilt under .moai/ only

            using (var writer = FileSystemPatternStore.Open(_folder.Path, create: false))
                writer.Save(SamplePatterns.Make("fresh-one", DateTimeOffset.UtcNow));
            var index = File.ReadAllText(indexPath);
            Assert.Equal(20, CountOccurrences(index, ".json.gz\""));
            Assert.Contains("\"fresh-one\"", index);
            Assert.Equal(61, CountOccurrences(index, "\"path\""));
            Assert.StartsWith("{\n  \"", index.Replace("\r\n", "\n"));
        }

        [Fact]
        public void FindOrdersExactlyAcrossLocalClockFoldersNearMidnight()
        {
            var builder = new OriginalStoreBuilder(_folder.Path);
            // UTC instants a minute apart around midnight, filed by their own clocks into different days.
            var baseUtc = new DateTimeOffset(2025, 11, 28, 23, 58, 0, TimeSpan.Zero);
            var offsets = new[] { TimeSpan.FromHours(9), TimeSpan.FromHours(-5), TimeSpan.Zero, TimeSpan.FromHours(14), TimeSpan.FromHours(-12) };
            var all = new List<MoaiPattern>();
            for (var i = 0; i < 25; i++)
            {
                var ts = baseUtc.AddMinutes(i - 12).ToOffset(offsets[i % offsets.Length]);
                var p = SamplePatterns.Make("mid" + i.ToString("D2") + "abcdef", ts, SamplePatterns.TypeFor(i));
                builder.Add(p);
                all.Add(p);
            }
            // Two at the same millisecond: the id breaks the tie.
            var tie = baseUtc.AddMinutes(1);
            all.Add(SamplePatterns.Make("tieA0000x", tie.ToOffset(TimeSpan.FromHours(9))));
            builder.Add(all[all.Count - 1]);
            all.Add(SamplePatterns.Make("tieB0000x", tie.ToOffset(TimeSpan.FromHours(-5))));
            builder.Add(all[all.Count - 1]);
            builder.WriteIndex();

            using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
            var expected = all.OrderBy(x => x, NewestFirst.Instance).Select(x => x.PatternId).ToList();
            Assert.Equal(expected, store.Find(PatternQuery.All).Select(x => x.PatternId).ToList());

            var window = new PatternQuery { After = baseUtc.AddMinutes(-3), Before = baseUtc.AddMinutes(4), Skip = 1, First = 4 };
            var expectedWindow = all.Where(new PatternMatcher(window).Matches).OrderBy(x => x, NewestFirst.Instance).Skip(1).Take(4).Select(x => x.PatternId);
            Assert.Equal(expectedWindow, store.Find(window).Select(x => x.PatternId));
            Assert.Equal(all.Count(new PatternMatcher(window).Matches), store.Count(window));
        }

        private static int CountOccurrences(string s, string what)
        {
            var n = 0;
            for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
            return n;
        }
    }
}
