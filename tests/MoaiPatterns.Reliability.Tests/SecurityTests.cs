using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using MoaiPatterns.Input;
using MoaiPatterns.Query;
using MoaiPatterns.StressWorker;
using MoaiPatterns.Validation;
using Xunit;

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>Ids never address files outside the store, injection strings stay data, stores are owner-only, limits are enforced by name.</summary>
    public sealed class SecurityTests
    {
        private static readonly DateTimeOffset Day = new DateTimeOffset(2025, 7, 7, 7, 0, 0, TimeSpan.Zero);

        [Theory]
        [InlineData("filesystem")]
        [InlineData("sqlite")]
        public void TraversalIdsCannotSaveGetOrRemoveFilesOutsideTheStore(string backend)
        {
            using var temp = new TempStore(backend);
            var outside = Path.Combine(temp.Folder, "victim.json");
            File.WriteAllText(outside, "{\"pattern_id\": \"victim\"}");
            using var store = temp.Open();
            foreach (var id in new[] { "../victim", "../../victim.json", "..", ".", "/etc/passwd", "..\\victim", "a/../../victim", "victim\0", "%2e%2e/victim", new string('a', 129) })
            {
                var p = StressPatterns.Make("t", 0, Day);
                p.PatternId = id;
                Assert.Throws<InvalidPatternException>(() => store.Save(p));
                Assert.Null(store.Get(id));
                Assert.False(store.Remove(id));
            }
            Assert.Equal("{\"pattern_id\": \"victim\"}", File.ReadAllText(outside));
            Assert.Empty(store.Find(PatternQuery.All));
            Assert.DoesNotContain(Directory.GetFiles(temp.Folder), f => f != outside && !f.StartsWith(temp.Path_, StringComparison.Ordinal));
            store.Release();
        }

        [Theory]
        [InlineData("filesystem")]
        [InlineData("sqlite")]
        [InlineData("postgresql")]
        public void InjectionStringsAreStoredAndQueriedAsPlainData(string backend)
        {
            using var temp = new TempStore(backend);
            using var store = temp.Open();
            for (var i = 0; i < 5; i++) store.Save(StressPatterns.Make("keep", i, StressPatterns.TimestampFor(Day, i)));
            var evil = new[] { "x'); DROP TABLE patterns; --", "\" OR \"1\"=\"1", "a' OR '1'='1", "NEAR(x y) OR body:*", "tag\"; DELETE FROM pattern_tags; --" };
            var p = PatternInput.Create(PatternType.ErrorOccurrence, new System.Collections.Generic.Dictionary<string, object?>
                { ["error_type"] = evil[0], ["error_message"] = evil[1] + " " + evil[3], ["agent"] = evil[2] }, tags: evil, id: "evil-1", timestamp: Day);
            store.Save(p);
            Assert.Equal(6, store.Count(PatternQuery.All));
            foreach (var e in evil)
            {
                Assert.Single(store.Find(new PatternQuery { Tags = new[] { e } }));
                store.Find(new PatternQuery { Text = e }).ToList();
                store.Find(new PatternQuery { Agent = e }).ToList();
            }
            Assert.Single(store.Find(new PatternQuery { Agent = evil[2] }));
            Assert.Equal(6, store.Count(PatternQuery.All));
            Assert.Equal(5, store.Find(new PatternQuery { Tags = new[] { "keep" } }).Count());
            store.Release();
        }

        [Theory]
        [InlineData("filesystem")]
        [InlineData("sqlite")]
        public void OnUnixEveryFolderAndFileOfTheStoreIsOwnerOnly(string backend)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            using var temp = new TempStore(backend);
            using (var store = temp.Open())
            {
                // Two days so a new day folder is created after the store exists.
                store.Save(StressPatterns.Make("perm", 0, Day));
                store.Save(StressPatterns.Make("perm", 1, Day.AddDays(40)));
                using (var w = store.OpenWriter()) { w.Add(StressPatterns.Make("perm", 2, Day.AddDays(400))); }
                var root = temp.Backend == StoreBackend.FileSystem ? temp.Path_ : null;
                var entries = root != null
                    ? Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Append(root)
                    : Directory.GetFiles(temp.Folder).Where(f => Path.GetFileName(f).StartsWith("patterns.db", StringComparison.Ordinal));
                var list = entries.ToList();
                if (root == null) Assert.Contains(list, f => f.EndsWith("-wal", StringComparison.Ordinal)); // checked while the store is open
                foreach (var e in list)
                {
                    var mode = File.GetUnixFileMode(e);
                    var expected = Directory.Exists(e)
                        ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                        : UnixFileMode.UserRead | UnixFileMode.UserWrite;
                    Assert.True(mode == expected, $"{e} is {mode}");
                }
                store.Release();
            }
        }

        [Theory]
        [InlineData("filesystem")]
        [InlineData("sqlite")]
        public void DocumentedLimitsAreEnforcedWithMessagesNamingThem(string backend)
        {
            using var temp = new TempStore(backend);
            using var store = temp.Open();
            void Refused(MoaiPattern p, params string[] mentions)
            {
                var ex = Assert.Throws<InvalidPatternException>(() => store.Save(p));
                foreach (var m in mentions) Assert.Contains(m, ex.Message);
            }
            var big = StressPatterns.Make("lim", 0, Day);
            ((ErrorOccurrenceData)big.Data).StackTrace = new string('x', PatternLimits.MaxPatternBytes);
            Refused(big, PatternLimits.MaxPatternBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture).Replace(",", ""));
            var longTag = StressPatterns.Make("lim", 1, Day);
            longTag.Context.Tags = new[] { new string('t', PatternLimits.MaxTagLength + 1) };
            Refused(longTag, PatternLimits.MaxTagLength.ToString());
            var manyTags = StressPatterns.Make("lim", 2, Day);
            manyTags.Context.Tags = Enumerable.Range(0, PatternLimits.MaxTags + 1).Select(i => "t" + i).ToArray();
            Refused(manyTags, PatternLimits.MaxTags.ToString());
            var longId = StressPatterns.Make("lim", 3, Day);
            longId.PatternId = new string('i', PatternLimits.MaxPatternIdLength + 1);
            Refused(longId, PatternLimits.MaxPatternIdLength.ToString());
            Assert.Empty(store.Find(PatternQuery.All));
            var atLimit = StressPatterns.Make("lim", 4, Day);
            atLimit.Context.Tags = Enumerable.Range(0, PatternLimits.MaxTags).Select(i => "t" + i).Append(new string('t', PatternLimits.MaxTagLength)).Take(PatternLimits.MaxTags).ToArray();
            store.Save(atLimit);
            Assert.NotNull(store.Get(atLimit.PatternId));
            store.Release();
        }
    }
}
