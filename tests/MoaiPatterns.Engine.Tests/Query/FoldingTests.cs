using MoaiPatterns.Query;
using Xunit;

namespace MoaiPatterns.Tests.Query
{
    /// <summary>The one fold and word rule every backend's keys come from.</summary>
    public sealed class FoldingTests
    {
        [Theory]
        [InlineData("\u212A-bot", "k-bot")]                 // Kelvin sign
        [InlineData("\u03C2igma", "\u03C3igma")]             // final sigma
        [InlineData("\u03A3\u0399\u03A3\u03A5\u03A6\u039F\u03A3", "\u03C3\u03B9\u03C3\u03C5\u03C6\u03BF\u03C3")]
        [InlineData("\uFB01le", "file")]                     // ligature, by NFKC
        [InlineData("cafe\u0301", "caf\u00E9")]              // decomposed to composed
        [InlineData("\uFF21\uFF22\uFF23", "abc")]            // full width
        [InlineData("STRA\u1E9EE", "stra\u00DFe")]           // capital sharp s folds to sharp s (simple folding)
        [InlineData("\uD801\uDC00", "\uD801\uDC28")]         // Deseret, outside the BMP
        [InlineData("\u13F8", "\u13F0")]                     // Cherokee folds to upper case
        [InlineData("\u0130", "\u0130")]                       // capital I with dot has no simple fold: it stays
        [InlineData("MiXeD-123", "mixed-123")]
        public void Folds_as_unicode_simple_case_folding_after_nfkc(string input, string expected) =>
            Assert.Equal(expected, Folding.Fold(input));

        [Theory]
        [InlineData("a\uD800b")]      // lone surrogate
        [InlineData("\uFFFE x")]      // noncharacter
        [InlineData("\uDC00\u212A")]
        public void Strings_the_platform_cannot_normalize_still_fold(string input)
        {
            var folded = Folding.Fold(input);
            Assert.Equal(folded, Folding.Fold(input));
            Assert.DoesNotContain("\u212A", folded);
        }

        [Fact]
        public void Words_are_letters_marks_and_numbers()
        {
            Assert.Equal(new[] { "deploy", "caf\u00E9", "x1", "\u6570\u636E" }, Folding.Words("Deploy\U0001F680 cafe\u0301, x1/\u6570\u636E"));
            Assert.Equal(new[] { "back", "end" }, Folding.Words("BACK_END"));
            Assert.Empty(Folding.Words(" -- "));
        }

        [Fact]
        public void Query_words_are_distinct_in_first_seen_order() =>
            Assert.Equal(new[] { "b", "a" }, Folding.QueryWords("B a b A"));
    }
}
