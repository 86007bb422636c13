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
        /// <summary>The store may be read but not written by this user (category PermissionDenied).</summary>
        public const string StoreReadOnly = "StoreReadOnly";
        /// <summary>Another process kept the store locked past the wait (category ResourceBusy).</summary>
        public const string StoreBusy = "StoreBusy";
        /// <summary>The disk is full; nothing was half written (category WriteError).</summary>
        public const string StoreFull = "StoreFull";
        /// <summary>Any other read or write failure of the store (category WriteError).</summary>
        public const string StoreIOError = "StoreIOError";
    }
}
