using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;
using Xunit;

namespace MoaiPatterns.Tests.Differential
{
    /// <summary>
    /// Every backend against the in-memory reference (<see cref="PatternMatcher"/> + <see cref="NewestFirst"/>
    /// over the saved list): random patterns and random queries, non-ASCII text, timestamp ties and several
    /// offsets; the same ids in the same order, and the same counts. A new backend joins by adding to <see cref="Backends"/>.
    /// </summary>
    public sealed class BackendDifferentialTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-diff-" + Guid.NewGuid().ToString("N"));

        public BackendDifferentialTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        /// <summary>Every backend, by name, created empty under a folder.</summary>
        public static readonly IReadOnlyDictionary<string, Func<string, IPatternStore>> Backends = new Dictionary<string, Func<string, IPatternStore>>
        {
            ["FileSystem"] = dir => PatternStores.Open(Path.Combine(dir, "fs"), StoreBackend.FileSystem, create: true),
            ["Sqlite"] = dir => PatternStores.Open(Path.Combine(dir, "patterns.db"), StoreBackend.Sqlite, create: true),
            // A schema of its own on the shared test cluster (a real server).
            ["PostgreSql"] = _ => PatternStores.Open(Postgres.PostgresTestCluster.Shared.Address(Postgres.PostgresTestCluster.NewSchema("diff")), StoreBackend.PostgreSql, create: true),
        };

        public static IEnumerable<object[]> Cases() =>
            from backend in Backends.Keys from seed in new[] { 1, 2, 3 } select new object[] { backend, seed };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Random_queries_agree_with_the_reference(string backend, int seed)
        {
            var gen = new RandomPatterns(seed);
            var saved = new Dictionary<string, MoaiPattern>();
            using var store = Backends[backend](_dir);
            var patterns = Enumerable.Range(0, 160).Select(gen.Pattern).ToList();
            // Half saved one by one, half through a pipeline writer, then some replaced (upsert) with new keys.
            foreach (var p in patterns.Take(80)) { store.Save(p); saved[p.PatternId] = p; }
            using (var w = store.OpenWriter())
                foreach (var p in patterns.Skip(80)) { w.Add(p); saved[p.PatternId] = p; }
            var rebuilt = new RandomPatterns(seed + 1000);
            foreach (var old in patterns.Where((_, i) => i % 9 == 0))
            {
                var fresh = rebuilt.Pattern(0);
                var replaced = new MoaiPattern(old.PatternId, fresh.PatternType, fresh.Timestamp, fresh.Data, fresh.Context);
                store.Save(replaced);
                saved[old.PatternId] = replaced;
            }
            store.Release();

            var all = saved.Values.ToList();
            var failures = new List<string>();
            for (var n = 0; n < 300; n++)
            {
                var q = gen.Query();
                var expected = Reference(all, q);
                var actual = store.Find(q).Select(p => p.PatternId).ToList();
                if (!expected.SequenceEqual(actual))
                    failures.Add($"query #{n} {Describe(q)}\n  expected [{string.Join(", ", expected)}]\n  actual   [{string.Join(", ", actual)}]");
                var count = store.Count(q);
                var expectedCount = all.Count(new PatternMatcher(q).Matches);
                if (count != expectedCount) failures.Add($"query #{n} {Describe(q)}: count {count}, expected {expectedCount}");
            }
            Assert.True(failures.Count == 0, $"{backend} disagrees with the reference in {failures.Count} cases:\n" + string.Join("\n", failures.Take(8)));
        }

        /// <summary>The cases the issue names, on every backend, with the expected answer stated outright.</summary>
        [Theory]
        [MemberData(nameof(BackendNames))]
        public void Named_non_ascii_cases_match_on_every_backend(string backend)
        {
            using var store = Backends[backend](_dir);
            var ts = new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);
            store.Save(new MoaiPattern("kelvin", PatternType.TaskCompletion, ts,
                new TaskCompletionData { TaskType = "build", Agent = "\u212A-bot", DurationMs = 1, Success = true }, new PatternContext { Tags = new[] { "\u212A" } }));
            store.Save(new MoaiPattern("final-sigma", PatternType.TaskCompletion, ts.AddMinutes(1),
                new TaskCompletionData { TaskType = "\u03C3\u03B9\u03C3\u03C5\u03C6\u03BF\u03C2 deploy", Agent = "\u03C2igma", DurationMs = 1, Success = true }));
            store.Save(new MoaiPattern("ligature", PatternType.ErrorOccurrence, ts.AddMinutes(2),
                new ErrorOccurrenceData { ErrorType = "IOError", ErrorMessage = "cannot open \uFB01le caf\u00E9" }));

            string[] Ids(PatternQuery q) => store.Find(q).Select(p => p.PatternId).ToArray();
            Assert.Equal(new[] { "kelvin" }, Ids(new PatternQuery { Agent = "k-bot" }));
            Assert.Equal(new[] { "kelvin" }, Ids(new PatternQuery { Tags = new[] { "k" } }));
            Assert.Equal(new[] { "final-sigma" }, Ids(new PatternQuery { Agent = "\u03C3igma" }));
            Assert.Equal(new[] { "final-sigma" }, Ids(new PatternQuery { Agent = "\u03A3IGMA" }));
            Assert.Equal(new[] { "final-sigma" }, Ids(new PatternQuery { Text = "\u03A3\u0399\u03A3\u03A5\u03A6\u039F\u03A3" }));
            Assert.Equal(new[] { "final-sigma" }, Ids(new PatternQuery { Text = "\u03C3\u03B9\u03C3" }));
            Assert.Equal(new[] { "ligature" }, Ids(new PatternQuery { Text = "FILE" }));
            Assert.Equal(new[] { "ligature" }, Ids(new PatternQuery { Text = "cafe\u0301" }));
            Assert.Empty(Ids(new PatternQuery { Text = "cafes" }));
        }

        public static IEnumerable<object[]> BackendNames() => Backends.Keys.Select(b => new object[] { b });

        private static List<string> Reference(List<MoaiPattern> all, PatternQuery q)
        {
            var m = new PatternMatcher(q);
            IEnumerable<MoaiPattern> r = all.Where(m.Matches).OrderBy(p => p, NewestFirst.Instance).Skip((int)q.Skip);
            if (q.First != null) r = r.Take((int)q.First.Value);
            return r.Select(p => p.PatternId).ToList();
        }

        private static string Describe(PatternQuery q) =>
            $"types=[{string.Join(",", q.Types ?? Array.Empty<PatternType>())}] tags=[{string.Join(",", q.Tags ?? Array.Empty<string>())}] " +
            $"agent={q.Agent} text={q.Text} after={q.After:o} before={q.Before:o} skip={q.Skip} first={q.First}";
    }
}
