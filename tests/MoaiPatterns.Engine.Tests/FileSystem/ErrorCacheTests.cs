using System;
using System.IO;
using System.Linq;
using MoaiPatterns.Errors;
using MoaiPatterns.Query;
using MoaiPatterns.Storage;
using MoaiPatterns.Tests.Errors;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>The error cache under .moai/ is derived: a missing or torn cache changes no answer, and readers never write it.</summary>
    public sealed class ErrorCacheTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-errcache-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        [Fact]
        public void Answers_the_same_from_the_cache_without_it_and_with_a_torn_line()
        {
            var eval = new ResolutionEvaluation(21, historyPerPhrasing: 1, variantsPerFamily: 1);
            using var store = PatternStores.Open(_dir, StoreBackend.FileSystem, create: true);
            using (var w = store.OpenWriter()) foreach (var p in eval.History) w.Add(p);
            var cache = Path.Combine(_dir, ".moai", "errors.cache");
            Assert.True(File.Exists(cache));
            var reference = new InMemoryErrorSearch(eval.History.Select(ErrorDocument.Of)!);

            void Same()
            {
                var search = ResolutionFinder.SearchOf(store);
                foreach (var (_, q) in eval.Variants)
                {
                    var doc = ErrorDocument.Of(q);
                    Assert.Equal(ResolutionFinder.Find(reference, doc).Select(s => s.Resolution + s.Score + s.Occurrences + string.Join(",", s.ExampleIds)),
                        ResolutionFinder.Find(search, doc).Select(s => s.Resolution + s.Score + s.Occurrences + string.Join(",", s.ExampleIds)));
                }
            }

            Same();
            File.AppendAllText(cache, "half\ta line\t");
            Same();
            File.Delete(cache);
            Same();
            Assert.False(File.Exists(cache), "a reader wrote the cache");
        }

        [Fact]
        public void Lines_with_escapes_upserts_and_unresolved_rewrites_answer_as_the_reference()
        {
            // Windows paths (backslashes), tabs and newlines in the texts are escaped on the cache line; a later line of an
            // id replaces the earlier one, also when it takes the resolution away; a line of the same id whose index
            // entry moved on is not used.
            var eval = new ResolutionEvaluation(5, historyPerPhrasing: 2, variantsPerFamily: 1);
            var saved = new System.Collections.Generic.Dictionary<string, MoaiPattern>();
            using var store = PatternStores.Open(_dir, StoreBackend.FileSystem, create: true);
            using (var w = store.OpenWriter())
                for (var i = 0; i < eval.History.Count; i++)
                {
                    var p = eval.History[i];
                    if (i % 3 == 0)
                    {
                        var data = (ErrorOccurrenceData)p.Data;
                        data.FilePath = "C:\\src\\app\\" + (data.FilePath ?? "x.cs");
                        data.ErrorMessage = data.ErrorMessage + "\tat\nline 2\\";
                        if (i % 2 == 0) data.Resolution = data.Resolution + "\tthen retried";
                    }
                    w.Add(p);
                    saved[p.PatternId] = p;
                }
            var ids = saved.Keys.OrderBy(x => x, StringComparer.Ordinal).ToList();
            for (var i = 0; i < ids.Count; i += 7)
            {
                var old = saved[ids[i]];
                var data = (ErrorOccurrenceData)old.Data;
                var changed = new ErrorOccurrenceData
                {
                    ErrorType = data.ErrorType, ErrorMessage = data.ErrorMessage, FilePath = data.FilePath, FunctionName = data.FunctionName,
                    Resolution = i % 2 == 0 ? "Pinned the dependency" : null, ResolutionTimeMs = i,
                };
                var p = new MoaiPattern(old.PatternId, PatternType.ErrorOccurrence, i % 3 == 0 ? old.Timestamp : old.Timestamp.AddMinutes(-1), changed, old.Context);
                store.Save(p);
                saved[p.PatternId] = p;
            }
            var cache = Path.Combine(_dir, ".moai", "errors.cache");
            Assert.Contains("\\\\", File.ReadAllText(cache));
            var reference = new InMemoryErrorSearch(saved.Values.Select(ErrorDocument.Of)!);
            var search = ResolutionFinder.SearchOf(store);
            var answered = 0;
            foreach (var (_, q) in eval.Variants)
            {
                var doc = ErrorDocument.Of(q);
                var expected = reference.Statistics(doc.DistinctTerms);
                var actual = search.Statistics(doc.DistinctTerms);
                Assert.Equal(expected.Documents, actual.Documents);
                Assert.Equal(expected.LengthTotals, actual.LengthTotals);
                foreach (var t in doc.DistinctTerms) Assert.Equal(expected.Df(t), actual.Df(t));
                foreach (var filter in new[] { new PatternQuery(), new PatternQuery { Before = saved.Values.Max(p => p.Timestamp).AddMinutes(-30) } })
                {
                    var want = ResolutionFinder.Find(reference, doc, filter, 10).Select(Describe).ToList();
                    Assert.Equal(want, ResolutionFinder.Find(search, doc, filter, 10).Select(Describe).ToList());
                    if (want.Count > 0) answered++;
                }
            }
            Assert.True(answered > eval.Variants.Count / 2, "too few answers to compare");
        }

        private static string Describe(ResolutionSuggestion s) =>
            $"{s.Resolution} | {s.Score:R} | {s.Occurrences} | {s.AutoResolvedRate:R} | {s.MedianResolutionTimeMs} | {s.LastUsed:o} | {s.Template} | {string.Join(",", s.ExampleIds)}";
    }
}
