using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace MoaiPatterns.Validation
{
    /// <summary>
    /// Every rule of the seed (API.md "Validation rules"), applied to the seed-shaped JSON tree so that
    /// types are checked as given (a boolean is not an integer, "5" is not an integer, 5.5 is not an integer).
    /// Returns every violation, not just the first.
    /// </summary>
    public static class PatternValidator
    {
        /// <summary>Longest pattern id.</summary>
        public const int MaxPatternIdLength = 128;

        public static IReadOnlyList<ValidationError> Validate(JsonObject root) => throw new NotImplementedException();

        public static IReadOnlyList<ValidationError> Validate(MoaiPattern pattern) => Validate(Serialization.PatternJson.ToNode(pattern));

        /// <summary>Throws <see cref="InvalidPatternException"/> when the pattern breaks any rule.</summary>
        public static void EnsureValid(MoaiPattern pattern)
        {
            var errors = Validate(pattern);
            if (errors.Count > 0) throw new InvalidPatternException(errors, pattern.PatternId);
        }
    }
}
