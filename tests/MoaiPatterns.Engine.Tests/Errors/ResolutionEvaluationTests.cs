using System.Linq;
using MoaiPatterns.Errors;
using Xunit;
using Xunit.Abstractions;

namespace MoaiPatterns.Tests.Errors
{
    public sealed class ResolutionEvaluationTests
    {
        private readonly ITestOutputHelper _out;

        public ResolutionEvaluationTests(ITestOutputHelper output) => _out = output;

        [Theory]
        [InlineData(42)]
        [InlineData(7)]
        public void Variants_of_known_errors_find_their_fix_and_unresolved_ones_find_nothing(int seed)
        {
            var eval = new ResolutionEvaluation(seed);
            var search = new InMemoryErrorSearch(eval.History.Select(ErrorDocument.Of).Where(d => d != null)!);
            var figures = eval.Run(q => ResolutionFinder.Find(search, ErrorDocument.Of(q), null, 10));
            _out.WriteLine(figures.ToString());
            foreach (var m in figures.Misses.Take(20)) _out.WriteLine("miss: " + m);
            foreach (var m in figures.UnresolvedWithSuggestion.Take(20)) _out.WriteLine("unresolved: " + m);
            Assert.True(figures.Resolved >= 250, "a few hundred held-out variants");
            Assert.True(figures.RecallAt1 >= 0.9, figures.ToString());
            Assert.True(figures.RecallAt5 >= 0.98, figures.ToString());
            Assert.True(figures.UnresolvedWithSuggestion.Count == 0, figures + "\n" + string.Join("\n", figures.UnresolvedWithSuggestion.Take(10)));
        }
    }
}
