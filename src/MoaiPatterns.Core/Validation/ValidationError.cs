namespace MoaiPatterns.Validation
{
    /// <summary>One violated rule: which field, which rule, and a message that says what to do.</summary>
    public sealed class ValidationError
    {
        public ValidationError(string field, string rule, string message)
        {
            Field = field;
            Rule = rule;
            Message = message;
        }

        /// <summary>Dotted path in the seed's JSON, e.g. <c>data.duration_ms</c> or <c>context.tags[2]</c>.</summary>
        public string Field { get; }

        /// <summary>A stable rule name: see <see cref="ValidationRules"/>.</summary>
        public string Rule { get; }

        public string Message { get; }

        public override string ToString() => $"{Field}: {Message}";
    }

    /// <summary>The stable rule names reported in <see cref="ValidationError.Rule"/>.</summary>
    public static class ValidationRules
    {
        public const string Required = "Required";
        public const string Type = "Type";
        public const string NonEmpty = "NonEmpty";
        public const string Range = "Range";
        public const string Enum = "Enum";
        public const string Timestamp = "Timestamp";
        public const string PatternId = "PatternId";
        public const string PatternType = "PatternType";
        public const string Encoding = "Encoding";
        public const string Size = "Size";
        /// <summary>Two input keys name the same field (e.g. <c>DurationMs</c> and <c>duration_ms</c>).</summary>
        public const string Duplicate = "Duplicate";
        /// <summary>A tag holds a control character (tags are used in indexes and file names).</summary>
        public const string ControlCharacter = "ControlCharacter";
        /// <summary>A JSON string input is not valid JSON.</summary>
        public const string Json = "Json";
    }
}
