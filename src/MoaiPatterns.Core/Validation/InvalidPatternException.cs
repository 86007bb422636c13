using System;
using System.Collections.Generic;
using System.Linq;

namespace MoaiPatterns.Validation
{
    /// <summary>Input that breaks one or more rules of the schema (ErrorId <c>InvalidPattern</c>).</summary>
    public sealed class InvalidPatternException : Exception
    {
        public InvalidPatternException(IReadOnlyList<ValidationError> errors, string? patternId = null)
            : base(BuildMessage(errors, patternId))
        {
            Errors = errors;
            PatternId = patternId;
        }

        public IReadOnlyList<ValidationError> Errors { get; }

        public string? PatternId { get; }

        private static string BuildMessage(IReadOnlyList<ValidationError> errors, string? id)
        {
            var who = string.IsNullOrEmpty(id) ? "The pattern" : $"Pattern '{id}'";
            var n = errors.Count;
            return $"{who} is not valid ({n} problem{(n == 1 ? "" : "s")}): " + string.Join("; ", errors.Select(e => $"{e.Field} [{e.Rule}] {e.Message}"));
        }
    }
}
