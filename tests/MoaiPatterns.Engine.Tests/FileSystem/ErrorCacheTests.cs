using System;
using System.IO;
using System.Linq;
using MoaiPatterns.Errors;
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
    }
}
