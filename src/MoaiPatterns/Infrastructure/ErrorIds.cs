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
        /// <summary>A store on a database server: the server cannot be reached (down, wrong host or port, network, TLS; category ConnectionError).</summary>
        public const string StoreUnreachable = "StoreUnreachable";
        /// <summary>A store on a database server: the server refused the user name or password (category AuthenticationError).</summary>
        public const string StoreAuthenticationFailed = "StoreAuthenticationFailed";
        /// <summary>A store on a database server: the user lacks a privilege the command needs (category PermissionDenied).</summary>
        public const string StorePermissionDenied = "StorePermissionDenied";
        /// <summary>Export-MoaiPattern -NoClobber and the file exists (category ResourceExists); nothing was written.</summary>
        public const string NoClobber = "NoClobber";
        /// <summary>Import-MoaiPattern: no file at a -Path (category ObjectNotFound).</summary>
        public const string FileNotFound = "FileNotFound";
        /// <summary>Import-MoaiPattern: a pattern file cannot be read on (bad gzip data, a broken JSON array; category ReadError).</summary>
        public const string FileReadError = "FileReadError";
        /// <summary>Export-MoaiPattern: the file cannot be written (category WriteError); the target is left as it was.</summary>
        public const string FileWriteError = "FileWriteError";
        /// <summary>Find-MoaiResolution, Save-MoaiPattern -Resolution: the input is not an error (category InvalidArgument); the message names what is accepted.</summary>
        public const string NotAnError = "NotAnError";
        /// <summary>A store was deleted or moved while it was in use, e.g. watched (category ResourceUnavailable).</summary>
        public const string StoreRemoved = "StoreRemoved";
        /// <summary>Watch-MoaiPattern on a backend without a change feed (category NotImplemented).</summary>
        public const string WatchNotSupported = "WatchNotSupported";
    }
}
