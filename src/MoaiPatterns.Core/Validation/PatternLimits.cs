namespace MoaiPatterns.Validation
{
    /// <summary>
    /// Documented limits (rule <see cref="ValidationRules.Size"/>): they keep one pattern, one tag and
    /// one tree small enough for indexes, files and recursion to stay safe.
    /// </summary>
    public static class PatternLimits
    {
        /// <summary>Largest pattern: its compact UTF-8 JSON, 1 MiB.</summary>
        public const int MaxPatternBytes = 1024 * 1024;

        /// <summary>Longest pattern id, in characters.</summary>
        public const int MaxPatternIdLength = 128;

        /// <summary>Longest tag, in UTF-16 characters.</summary>
        public const int MaxTagLength = 128;

        /// <summary>Most tags on one pattern.</summary>
        public const int MaxTags = 64;

        /// <summary>Deepest nesting of objects and lists, the pattern itself being level 1.</summary>
        public const int MaxDepth = 32;
    }
}
