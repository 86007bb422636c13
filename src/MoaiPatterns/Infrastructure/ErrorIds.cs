namespace MoaiPatterns.Commands
{
    /// <summary>The stable ErrorIds scripts and tests match on (FullyQualifiedErrorId = "&lt;ErrorId&gt;,&lt;cmdlet type&gt;").</summary>
    public static class ErrorIds
    {
        public const string InvalidPattern = "InvalidPattern";
        public const string PatternNotFound = "PatternNotFound";
        public const string StoreNotFound = "StoreNotFound";
        public const string StoreCorrupt = "StoreCorrupt";
        public const string NotAPatternStore = "NotAPatternStore";
        public const string InvalidArgument = "InvalidArgument";
        public const string CorruptPatternFile = "CorruptPatternFile";
    }
}
