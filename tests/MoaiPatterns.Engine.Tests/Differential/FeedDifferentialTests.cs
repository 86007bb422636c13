using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;
using Xunit;

namespace MoaiPatterns.Tests.Differential
{
    /// <summary>
    /// Every watchable backend's change feed against the reference: random non-ASCII patterns saved one by one, through
    /// a writer, and replaced, followed by feeds with random filters. A feed read after the saves must return, in save
    /// order, each pattern once at its latest save, exactly when <see cref="PatternMatcher"/> matches its latest content.
    /// </summary>
    public sealed class FeedDifferentialTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-feed-diff-" + Guid.NewGuid().ToString("N"));

        public FeedDifferentialTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        public static IEnumerable<object[]> Cases() =>
            from backend in BackendDifferentialTests.Backends.Keys from seed in new[] { 11, 12 } select new object[] { backend, seed };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Random_filters_follow_saves_as_the_reference_says(string backend, int seed)
        {
            var gen = new RandomPatterns(seed);
            using var store = BackendDifferentialTests.Backends[backend](_dir);
            // Each feed holds a file-system watcher: a modest number of them.
            var queries = Enumerable.Range(0, 24).Select(_ => gen.Query().WithoutPaging()).ToList();
            var feeds = queries.Select(q => ((IWatchableStore)store).OpenFeed(q)).ToList();
            try
            {
                var order = new List<string>();                 // ids in the order of their latest save
                var latest = new Dictionary<string, MoaiPattern>();
                void Saved(MoaiPattern p) { order.Remove(p.PatternId); order.Add(p.PatternId); latest[p.PatternId] = p; }
                var patterns = Enumerable.Range(0, 120).Select(gen.Pattern).ToList();
                foreach (var p in patterns.Take(60)) { store.Save(p); Saved(p); }
                using (var w = store.OpenWriter())
                    foreach (var p in patterns.Skip(60)) { w.Add(p); Saved(p); }
                var rebuilt = new RandomPatterns(seed + 1000);
                foreach (var old in patterns.Where((_, i) => i % 7 == 0))
                {
                    var fresh = rebuilt.Pattern(0);
                    var replaced = new MoaiPattern(old.PatternId, fresh.PatternType, fresh.Timestamp, fresh.Data, fresh.Context);
                    store.Save(replaced);
                    Saved(replaced);
                }
                var failures = new List<string>();
                var selective = 0;
                for (var n = 0; n < queries.Count; n++)
                {
                    var matcher = new PatternMatcher(queries[n]);
                    var expected = order.Where(id => matcher.Matches(latest[id])).ToList();
                    if (expected.Count > 0 && expected.Count < order.Count) selective++;
                    var actual = new List<string>();
                    IReadOnlyList<MoaiPattern> batch;
                    while ((batch = feeds[n].ReadNext()).Count > 0) actual.AddRange(batch.Select(p => p.PatternId));
                    if (!expected.SequenceEqual(actual))
                        failures.Add($"filter #{n}\n  expected [{string.Join(", ", expected)}]\n  actual   [{string.Join(", ", actual)}]");
                }
                Assert.True(selective >= 5, "too few filters both match and leave out patterns: " + selective);
                Assert.True(failures.Count == 0, $"{backend}'s feed disagrees with the reference in {failures.Count} cases:\n" + string.Join("\n", failures.Take(5)));
            }
            finally
            {
                foreach (var f in feeds) f.Dispose();
            }
        }
    }
}
