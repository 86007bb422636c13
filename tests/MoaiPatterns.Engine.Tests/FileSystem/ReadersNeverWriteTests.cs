using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MoaiPatterns.Query;
using MoaiPatterns.Storage.FileSystem;
using Xunit;
using Xunit.Abstractions;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>
    /// Find, Get, Count, GetInfo and the suggestions never write a file the original could have written
    /// (index.json, pattern files, date folders); the module's own index lives under .moai/, and a store
    /// that cannot be written at all is read from a rebuild in memory. Writers bring index.json up to date.
    /// </summary>
    public sealed class ReadersNeverWriteTests : IDisposable
    {
        private readonly TempStoreFolder _folder = new TempStoreFolder();
        private readonly ITestOutputHelper _out;

        public ReadersNeverWriteTests(ITestOutputHelper output) => _out = output;

        public void Dispose()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && Directory.Exists(_folder.Path))
                foreach (var d in Directory.GetDirectories(_folder.Path, "*", SearchOption.AllDirectories).Append(_folder.Path))
                    try { File.SetUnixFileMode(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); } catch (IOException) { }
            _folder.Dispose();
        }

        /// <summary>A store as the original left it: 60 patterns, 20 gzipped later with index.json still naming the .json (stale).</summary>
        private List<MoaiPattern> BuildStaleOriginal()
        {
            var builder = new OriginalStoreBuilder(_folder.Path);
            var patterns = new List<MoaiPattern>();
            var start = new DateTimeOffset(2025, 10, 1, 22, 57, 55, TimeSpan.Zero);
            for (var i = 0; i < 60; i++)
            {
                var p = SamplePatterns.Make(Guid.NewGuid().ToString("N"), start.AddHours(i * 13).ToOffset(TimeSpan.FromHours(i % 3 * 4)), SamplePatterns.TypeFor(i), "tag" + (i % 5));
                var rel = builder.Add(p);
                patterns.Add(p);
                if (i < 20) builder.GzipLeavingIndexStale(rel);
            }
            builder.WriteIndex();
            // Old mtimes everywhere, so that even a rewrite with the same bytes would show.
            var old = new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);
            foreach (var f in Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(f, old);
            foreach (var d in Directory.GetDirectories(_folder.Path, "*", SearchOption.AllDirectories)) Directory.SetLastWriteTimeUtc(d, old);
            return patterns;
        }

        /// <summary>Every file and folder outside .moai/: content hash and mtime (folders: their entry names and mtime).</summary>
        private Dictionary<string, string> OriginalsFiles()
        {
            var state = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var f in Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(_folder.Path, f);
                if (rel.StartsWith(".moai", StringComparison.Ordinal)) continue;
                state[rel] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))) + " " + File.GetLastWriteTimeUtc(f).Ticks;
            }
            foreach (var d in Directory.GetDirectories(_folder.Path, "*", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(_folder.Path, d);
                if (rel.StartsWith(".moai", StringComparison.Ordinal)) continue;
                state[rel + "/"] = string.Join(",", Directory.GetFileSystemEntries(d).Select(Path.GetFileName).OrderBy(x => x, StringComparer.Ordinal)) + " " + Directory.GetLastWriteTimeUtc(d).Ticks;
            }
            return state;
        }

        /// <summary>Everything a reader does, as the read cmdlets and tab completion do it, one command after another.</summary>
        private static void ReadEverything(FileSystemPatternStore store, List<MoaiPattern> patterns)
        {
            Assert.Equal(patterns.Count, store.Find(PatternQuery.All).Count());
            store.Release();
            Assert.Equal(patterns.Count(p => p.PatternType == PatternType.AgentUsage), store.Find(new PatternQuery { Types = new[] { PatternType.AgentUsage } }).Count());
            Assert.Equal(12, store.Count(new PatternQuery { Tags = new[] { "tag1" } }));
            store.Release();
            foreach (var p in patterns) Assert.Equal(PatternJsonText(p), PatternJsonText(store.Get(p.PatternId)!));
            store.Release();
            var info = store.GetInfo();
            Assert.Equal(patterns.Count, info.Count);
            store.Release();
            Assert.Equal(5, store.SuggestTags("tag", 10).Count);
            Assert.Equal(3, store.SuggestAgents("", 10).Count);
            Assert.NotEmpty(store.SuggestIds(patterns[7].PatternId.Substring(0, 6), 10));
            store.Release();
            Assert.Empty(store.DrainWarnings());
        }

        private static string PatternJsonText(MoaiPattern p) => MoaiPatterns.Serialization.PatternJson.ToJson(p);

        [Fact]
        public void ReadingAStaleOriginalStoreLeavesEveryFileTheOriginalWroteUntouched()
        {
            var patterns = BuildStaleOriginal();
            var before = OriginalsFiles();
            var indexBytes = File.ReadAllBytes(_folder.File("index.json"));
            var indexMtime = File.GetLastWriteTimeUtc(_folder.File("index.json"));

            using (var store = FileSystemPatternStore.Open(_folder.Path, create: false)) ReadEverything(store, patterns);
            using (var store = FileSystemPatternStore.Open(_folder.Path, create: false)) ReadEverything(store, patterns); // from .moai/ this time
            Assert.True(File.Exists(_folder.File(".moai/index.snapshot")));

            Assert.Equal(indexBytes, File.ReadAllBytes(_folder.File("index.json")));
            Assert.Equal(indexMtime, File.GetLastWriteTimeUtc(_folder.File("index.json")));
            Assert.Equal(before, OriginalsFiles());
        }

        [Fact]
        public void WhenItsPrivateFolderCannotBeWrittenAReaderWorksFromMemoryAndWritesNothing()
        {
            var patterns = BuildStaleOriginal();
            File.WriteAllText(_folder.File(".moai"), "not a folder"); // nothing can be created under it, even by root
            var before = OriginalsFiles();
            using (var store = FileSystemPatternStore.Open(_folder.Path, create: false))
            {
                ReadEverything(store, patterns);
                ReadEverything(store, patterns); // the rebuild in memory is reused while index.json stays as it was
            }
            Assert.Equal(before, OriginalsFiles());
            Assert.Equal("not a folder", File.ReadAllText(_folder.File(".moai")));
        }

        [Fact]
        public void AReadOnlyStoreIsReadable()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            var patterns = BuildStaleOriginal();
            var before = OriginalsFiles();
            var dirs = Directory.GetDirectories(_folder.Path, "*", SearchOption.AllDirectories).Append(_folder.Path).ToList();
            foreach (var d in dirs) File.SetUnixFileMode(d, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var probe = _folder.File("probe");
            try { File.WriteAllText(probe, "x"); }
            catch (UnauthorizedAccessException) { probe = null; }
            if (probe != null)
            {
                // Root ignores permissions: the read-only case is run for real by the reliability suite in a user namespace.
                _out.WriteLine("SKIPPED the permission part: this process may write a folder without write permission (root).");
                return;
            }
            using (var store = FileSystemPatternStore.Open(_folder.Path, create: false)) ReadEverything(store, patterns);
            Assert.False(Directory.Exists(_folder.File(".moai")));
            Assert.Equal(before, OriginalsFiles());
        }

        [Fact]
        public void WhenTheOriginalSavesIntoTheStoreReadersSeeItAndTheNextWriteKeepsItsEntry()
        {
            var t = new DateTimeOffset(2025, 11, 20, 12, 0, 0, TimeSpan.Zero);
            using (var store = FileSystemPatternStore.Open(_folder.Path, create: true))
                foreach (var p in SamplePatterns.Series(10, t)) store.Save(p);
            // The original saves: its file, then index.json rewritten in place with its entry added.
            var theirs = SamplePatterns.Make("0riginal5aved", t.AddMinutes(30).ToOffset(TimeSpan.FromHours(9)), PatternType.ErrorOccurrence);
            var rel = OriginalStoreBuilder.OriginalRelativePath(theirs);
            Directory.CreateDirectory(Path.GetDirectoryName(_folder.File(rel))!);
            File.WriteAllText(_folder.File(rel), PatternJsonText(theirs));
            var index = File.ReadAllText(_folder.File("index.json"));
            var withTheirs = index.TrimEnd().TrimEnd('}').TrimEnd() + ",\n  \"0riginal5aved\": {\n    \"path\": \"" + rel + "\",\n    \"type\": \"error_occurrence\",\n    \"timestamp\": \"" + MoaiPatterns.Serialization.IsoTimestamp.Format(theirs.Timestamp) + "\"\n  }\n}";
            File.WriteAllText(_folder.File("index.json"), withTheirs);
            var stamp = File.GetLastWriteTimeUtc(_folder.File("index.json"));

            using (var reader = FileSystemPatternStore.Open(_folder.Path, create: false))
            {
                Assert.NotNull(reader.Get("0riginal5aved"));
                Assert.Equal(11, reader.Count(PatternQuery.All));
            }
            Assert.Equal(withTheirs, File.ReadAllText(_folder.File("index.json")));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(_folder.File("index.json")));

            using (var writer = FileSystemPatternStore.Open(_folder.Path, create: false))
                writer.Save(SamplePatterns.Make("ours-after", t.AddHours(1)));
            var rewritten = File.ReadAllText(_folder.File("index.json"));
            Assert.Contains("\"0riginal5aved\"", rewritten);
            Assert.Contains("\"ours-after\"", rewritten);
            Assert.Contains("\"p000009\"", rewritten);
        }

        [Fact]
        public void ARemovalAloneLeavesIndexJsonToTheNextSave()
        {
            var t = new DateTimeOffset(2025, 11, 20, 12, 0, 0, TimeSpan.Zero);
            using var store = FileSystemPatternStore.Open(_folder.Path, create: true);
            foreach (var p in SamplePatterns.Series(10, t)) store.Save(p); // a tiny store: every save rewrites index.json
            var indexPath = _folder.File("index.json");
            var before = File.ReadAllBytes(indexPath);
            Assert.True(store.Remove("p000003"));
            Assert.Equal(before, File.ReadAllBytes(indexPath)); // the original skips the entry: its file is gone
            store.Save(SamplePatterns.Make("p000010", t.AddHours(1)));
            var after = File.ReadAllText(indexPath);
            Assert.DoesNotContain("\"p000003\"", after);
            Assert.Contains("\"p000010\"", after);
        }

        [Fact]
        public void SingleSavesIntoALargerStoreRewriteIndexJsonOnlyOnceItLagsByItsSizeOverTheBudget()
        {
            var t = DateTimeOffset.UtcNow;
            using (var store = FileSystemPatternStore.Open(_folder.Path, create: true))
            using (var writer = store.OpenWriter())
                foreach (var p in SamplePatterns.Series(2000, t, "bulk")) writer.Add(p);
            var indexPath = _folder.File("index.json");
            var size = new FileInfo(indexPath).Length;
            Assert.Equal(2000, System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(indexPath)).RootElement.EnumerateObject().Count()); // the pipeline's end exported it
            var threshold = (int)((size + FileSystemIndex.ExportBudgetBytes - 1) / FileSystemIndex.ExportBudgetBytes);
            var stamp = File.GetLastWriteTimeUtc(indexPath);
            var rewrittenAfter = -1;
            for (var i = 0; i < threshold + 2 && rewrittenAfter < 0; i++)
            {
                using (var store = FileSystemPatternStore.Open(_folder.Path, create: false))
                    store.Save(SamplePatterns.Make("one" + i, t.AddSeconds(i + 1)));
                if (File.GetLastWriteTimeUtc(indexPath) != stamp) rewrittenAfter = i + 1;
            }
            _out.WriteLine($"index.json {size} bytes: rewritten after {rewrittenAfter} single saves (budget {FileSystemIndex.ExportBudgetBytes} bytes per change).");
            Assert.Equal(threshold, rewrittenAfter);
            var entries = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(indexPath)).RootElement;
            Assert.Equal(2000 + threshold, entries.EnumerateObject().Count());
        }
    }
}
