using System.Collections.Generic;
using System.Linq;

namespace MoaiPatterns.Validation
{
    /// <summary>What <c>Test-MoaiPattern -Detailed</c> returns for one input.</summary>
    public sealed class ValidationResult
    {
        public ValidationResult(IReadOnlyList<ValidationError> errors, object? target = null, string? patternId = null)
        {
            Errors = errors;
            Target = target;
            PatternId = patternId;
        }

        public bool IsValid => Errors.Count == 0;

        /// <summary>The pattern id, when the input had a readable one.</summary>
        public string? PatternId { get; }

        public IReadOnlyList<ValidationError> Errors { get; }

        /// <summary>The input that was checked.</summary>
        public object? Target { get; }

        /// <summary>Every violation on one line each, for messages.</summary>
        public string Describe() => string.Join("; ", Errors.Select(e => e.ToString()));

        /// <summary>"$result" in a script: "Valid pattern 'x'." or "Invalid pattern 'x': field: problem; …".</summary>
        public override string ToString()
        {
            var id = string.IsNullOrEmpty(PatternId) ? "" : " '" + PatternId + "'";
            return IsValid ? $"Valid pattern{id}." : $"Invalid pattern{id}: {Describe()}";
        }
    }
}
