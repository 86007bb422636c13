using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MoaiPatterns.Errors;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Errors;
using Xunit;

namespace MoaiPatterns.Tests.Differential
{
    /// <summary>
    /// Find-MoaiResolution and Group-MoaiError on every backend against the in-memory reference
    /// (<see cref="InMemoryErrorSearch"/> and <see cref="ErrorGrouper"/> over the patterns saved): the same
    /// corpus statistics, the same candidates scored the same, identical suggestions in the same order, the
    /// same groups; after upserts that change or remove resolutions, removals and a retention cut.
    /// </summary>
    public sealed class ErrorDifferentialTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-errdiff-" + Guid.NewGuid().ToString("N"));

        public ErrorDifferentialTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        public static IEnumerable<object[]> Cases() =>
            from backend in BackendDifferentialTests.Backends.Keys from seed in new[] { 3, 11 } select new object[] { backend, seed };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Suggestions_statistics_and_groups_agree_with_the_reference(string backend, int seed)
        {
            var eval = new ResolutionEvaluation(seed, historyPerPhrasing: 2, variantsPerFamily: 2);
            var r = new Random(seed);
            var saved = new Dictionary<string, MoaiPattern>();
            using var store = BackendDifferentialTests.Backends[backend](_dir);
            // Every backend answers from an index of its own (PostgreSQL and SQLite in SQL), not the engine's in-memory fallback.
            Assert.IsAssignableFrom<IErrorSearchProvider>(store);
            var agents = new[] { "coder", "Tester", "\u212Aelvin" };
            var tagSets = new[] { new[] { "ci" }, new[] { "nightly", "ci" }, new string[0] };
            using (var w = store.OpenWriter())
                foreach (var p in eval.History)
                {
                    var data = (ErrorOccurrenceData)p.Data;
                    data.AdditionalProperties = new JsonFields
                        { ["agent"] = System.Text.Json.JsonDocument.Parse("\"" + agents[r.Next(agents.Length)] + "\"").RootElement };
                    // Timestamp ties on purpose: the order falls back to the id.
                    var copy = new MoaiPattern(p.PatternId, p.PatternType, p.Timestamp.AddMinutes(-(r.Next(3) * 7)), data,
                        new PatternContext { Tags = tagSets[r.Next(tagSets.Length)] });
                    w.Add(copy);
                    saved[copy.PatternId] = copy;
                }
            // Upserts: a resolution changed, one removed, an error turned into a task; then removals and retention.
            var ids = saved.Keys.OrderBy(x => x, StringComparer.Ordinal).ToList();
            for (var i = 0; i < ids.Count; i += 17)
            {
                var old = saved[ids[i]];
                var data = (ErrorOccurrenceData)old.Data;
                var changed = new ErrorOccurrenceData
                {
                    ErrorType = data.ErrorType, ErrorMessage = data.ErrorMessage, FilePath = data.FilePath, FunctionName = data.FunctionName,
                    Resolution = i % 2 == 0 ? "Reverted the last deploy" : null, AutoResolved = true, ResolutionTimeMs = 42,
                };
                var p = new MoaiPattern(old.PatternId, PatternType.ErrorOccurrence, old.Timestamp, changed, old.Context);
                store.Save(p);
                saved[p.PatternId] = p;
            }
            var turned = saved[ids[5]];
            var task = new MoaiPattern(turned.PatternId, PatternType.TaskCompletion, turned.Timestamp,
                new TaskCompletionData { TaskType = "build", Agent = "coder", DurationMs = 5, Success = true });
            store.Save(task);
            saved[task.PatternId] = task;
            foreach (var id in ids.Skip(3).Where((_, i) => i % 23 == 0)) { Assert.True(store.Remove(id)); saved.Remove(id); }
            var cutoff = saved.Values.Min(p => p.Timestamp).AddHours(6);
            store.RemoveOlderThan(cutoff);
            foreach (var id in saved.Where(kv => kv.Value.Timestamp < cutoff).Select(kv => kv.Key).ToList()) saved.Remove(id);
            store.Release();

            var reference = new InMemoryErrorSearch(saved.Values.Select(ErrorDocument.Of).Where(d => d != null)!);
            var search = ResolutionFinder.SearchOf(store);
            if (backend == "Sqlite" || backend == "PostgreSql") Assert.IsNotType<InMemoryErrorSearch>(search);
            var failures = new List<string>();
            var filters = new[]
            {
                new PatternQuery(),
                new PatternQuery { Tags = new[] { "CI" } },
                new PatternQuery { Agent = "kelvin" },
                new PatternQuery { After = cutoff.AddHours(30), Before = cutoff.AddHours(200) },
            };
            var n = 0;
            var answered = 0;
            foreach (var (family, query) in eval.Variants)
            {
                var doc = ErrorDocument.Of(query);
                var expectedStats = reference.Statistics(doc.DistinctTerms);
                var actualStats = search.Statistics(doc.DistinctTerms);
                if (expectedStats.Documents != actualStats.Documents || !expectedStats.LengthTotals.SequenceEqual(actualStats.LengthTotals)
                    || doc.DistinctTerms.Any(t => expectedStats.Df(t) != actualStats.Df(t)))
                    failures.Add($"statistics differ for '{query.ErrorMessage}': N {expectedStats.Documents}/{actualStats.Documents}, lengths " +
                                 $"[{string.Join(",", expectedStats.LengthTotals)}]/[{string.Join(",", actualStats.LengthTotals)}]");
                var filter = filters[n++ % filters.Length];
                var expected = ResolutionFinder.Find(reference, doc, filter, 10).Select(Describe).ToList();
                var actual = ResolutionFinder.Find(search, doc, filter, 10).Select(Describe).ToList();
                if (expected.Count > 0) answered++;
                if (!expected.SequenceEqual(actual))
                    failures.Add($"'{query.ErrorType}: {query.ErrorMessage}'\n  expected {string.Join("\n           ", expected)}\n  actual   {string.Join("\n           ", actual)}");
            }
            Assert.True(n > 50);
            Assert.True(answered > n / 3, $"only {answered} of {n} queries found a suggestion: the comparison says little");
            Assert.True(failures.Count == 0, $"{backend} disagrees with the reference in {failures.Count} cases:\n" + string.Join("\n", failures.Take(5)));

            // Group-MoaiError reads through Find: the same groups as the reference grouping of the saved patterns.
            var expectedGroups = new ErrorGrouper();
            foreach (var p in saved.Values.OrderBy(p => p, NewestFirst.Instance)) expectedGroups.Add(p);
            var actualGroups = new ErrorGrouper();
            foreach (var p in store.Find(new PatternQuery { Types = new[] { PatternType.ErrorOccurrence } })) actualGroups.Add(p);
            Assert.Equal(expectedGroups.Result().Select(Describe), actualGroups.Result().Select(Describe));
        }

        private static string Describe(ResolutionSuggestion s) =>
            $"{s.Resolution} | {s.Score:R} | {s.Occurrences} | {s.AutoResolvedRate:R} | {s.MedianResolutionTimeMs} | {s.LastUsed:o} | " +
            $"{s.ErrorType} | {s.Template} | {s.Signature} | {string.Join(",", s.ExampleIds)}";

        private static string Describe(ErrorGroup g) =>
            $"{g.Signature} {g.ErrorType} {g.Template} {g.Count} {g.FirstSeen:o} {g.LastSeen:o} [{string.Join(",", g.Agents)}] [{string.Join(",", g.Files)}] " +
            $"[{string.Join(";", g.Resolutions.Select(x => x.Resolution + "/" + x.Count + "/" + x.AutoResolved + "/" + x.MedianResolutionTimeMs))}] [{string.Join(",", g.SampleIds)}]";
    }
}
