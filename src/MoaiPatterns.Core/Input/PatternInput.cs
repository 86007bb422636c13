using System;
using System.Text.Json.Nodes;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Input
{
    /// <summary>
    /// Turns what a user hands in (a MoaiPattern, a dictionary shaped like the seed's dict with
    /// snake_case or PascalCase keys, a JSON string or node) into the seed's JSON tree, validates
    /// it, and builds the typed pattern. PowerShell objects are flattened to dictionaries and
    /// lists by the cmdlet layer before they get here.
    /// </summary>
    public static class PatternInput
    {
        /// <summary>The seed-shaped JSON tree of an input (keys normalized to snake_case), without validating it.</summary>
        public static JsonObject ToJsonObject(object input) => throw new NotImplementedException();

        /// <summary>Validates an input; never throws for bad input.</summary>
        public static ValidationResult Check(object input) => throw new NotImplementedException();

        /// <summary>The typed pattern for a valid input.</summary>
        /// <exception cref="InvalidPatternException">The input breaks one or more rules.</exception>
        public static MoaiPattern ToPattern(object input) => throw new NotImplementedException();

        /// <summary>A new pattern from parts (New-MoaiPattern): new GUID id and UTC now unless given; validated.</summary>
        /// <exception cref="InvalidPatternException">The parts break one or more rules.</exception>
        public static MoaiPattern Create(PatternType type, object data, object? context, string[]? tags, string? id, DateTimeOffset? timestamp)
            => throw new NotImplementedException();
    }
}
