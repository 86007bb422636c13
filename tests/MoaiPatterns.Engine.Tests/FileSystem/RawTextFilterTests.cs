using System.Text;
using MoaiPatterns.Query;
using MoaiPatterns.Storage.FileSystem;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>The raw-byte pre-check only ever rules out files that cannot match.</summary>
    public sealed class RawTextFilterTests
    {
        private static bool May(PatternQuery q, string fileText) => new RawTextFilter(new PatternMatcher(q)).MayMatch(Encoding.UTF8.GetBytes(fileText));

        [Fact]
        public void TagsAreFoundCaseInsensitivelyAndMissingOnesRuleTheFileOut()
        {
            var q = new PatternQuery { Tags = new[] { "Security", "database" } };
            Assert.True(May(q, "{\"context\":{\"tags\":[\"SECURITY\",\"Database\"]}}"));
            Assert.False(May(q, "{\"context\":{\"tags\":[\"security\",\"api\"]}}"));
        }

        [Fact]
        public void EscapedOrNonAsciiFilesAreAlwaysPassedOnToTheParser()
        {
            var q = new PatternQuery { Tags = new[] { "security" }, Text = "deadlock" };
            Assert.True(May(q, "{\"tags\":[\"\\u0073ecurity\"]}"));          // an escape could spell the tag
            Assert.True(May(q, "{\"tags\":[\"s\u00e9curit\u00e9\"]}"));        // non-ASCII: folding is not byte-wise
        }

        [Fact]
        public void WordsATimestampCouldSupplyAndNonAsciiNeedlesDoNotFilter()
        {
            Assert.False(new RawTextFilter(new PatternMatcher(new PatternQuery { Text = "2025 20t12" })).IsActive);
            Assert.False(new RawTextFilter(new PatternMatcher(new PatternQuery { Tags = new[] { "caf\u00e9" } })).IsActive);
            Assert.True(new RawTextFilter(new PatternMatcher(new PatternQuery { Text = "dead" })).IsActive);
            Assert.False(May(new PatternQuery { Text = "deadlock" }, "{\"data\":{\"error_message\":\"timeout\"}}"));
            Assert.True(May(new PatternQuery { Text = "DEADLOCK" }, "{\"data\":{\"error_message\":\"Deadlock found\"}}"));
        }
    }
}
