using System;

namespace MoaiPatterns.Stores
{
    /// <summary>A store that does not exist was opened for reading (ErrorId <c>StoreNotFound</c>).</summary>
    public sealed class StoreNotFoundException : Exception
    {
        public StoreNotFoundException(string path)
            : base($"No pattern store exists at '{path}'.")
        {
            StorePath = path;
        }

        /// <summary>No store, and why (e.g. the database named in a server address does not exist).</summary>
        public StoreNotFoundException(string path, string reason)
            : base($"No pattern store exists at '{path}': {reason}")
        {
            StorePath = path;
        }

        public string StorePath { get; }
    }

    /// <summary>A store that cannot be used as it is (ErrorId <c>StoreCorrupt</c>).</summary>
    public sealed class StoreCorruptException : Exception
    {
        public StoreCorruptException(string path, string problem, Exception? inner = null)
            : base($"The pattern store at '{path}' cannot be used: {problem}", inner)
        {
            StorePath = path;
        }

        public string StorePath { get; }
    }

    /// <summary>A file inside a store could not be read as a pattern; the rest of the store is fine.</summary>
    public sealed class CorruptPatternFileException : Exception
    {
        public CorruptPatternFileException(string filePath, string problem, Exception? inner = null)
            : base($"'{filePath}' is not a readable pattern ({problem}); it was skipped.", inner)
        {
            FilePath = filePath;
        }

        public string FilePath { get; }
    }
}

namespace MoaiPatterns.Stores
{
    /// <summary>Why a store could not be read or written, whatever the backend (each maps to one ErrorId).</summary>
    public enum StoreFailure
    {
        /// <summary>Another process holds the store longer than the wait allows.</summary>
        Busy,
        /// <summary>The user may read the store but not write it (permissions, a read-only file or folder).</summary>
        ReadOnly,
        /// <summary>The disk or the quota is full; nothing was half written.</summary>
        Full,
        /// <summary>Any other input/output failure.</summary>
        Io,
        /// <summary>A database server could not be reached (down, wrong host or port, network, TLS refused).</summary>
        Unreachable,
        /// <summary>The server refused the user name or password.</summary>
        AuthenticationFailed,
        /// <summary>The server's user lacks a privilege the call needs (connect, create, read or write).</summary>
        PermissionDenied,
    }

    /// <summary>A store could not do what was asked for a reason outside the patterns themselves; nothing was lost.</summary>
    public sealed class StoreAccessException : Exception
    {
        public StoreAccessException(StoreFailure failure, string path, string problem, Exception? inner = null)
            : base($"The pattern store at '{path}' {problem}", inner)
        {
            Failure = failure;
            StorePath = path;
        }

        public StoreFailure Failure { get; }

        public string StorePath { get; }
    }

    /// <summary>The path names something that is no pattern store at all (ErrorId <c>NotAPatternStore</c>), e.g. a CSV file.</summary>
    public sealed class NotAPatternStoreException : Exception
    {
        private const string DefaultAdvice = "Pass a store folder or a SQLite database file (.db, .sqlite, .sqlite3).";

        /// <param name="path">The full path given as the store.</param>
        /// <param name="problem">What the path is instead, completing "'path' …".</param>
        /// <param name="advice">What to do; default: pass a store folder or a database file.</param>
        public NotAPatternStoreException(string path, string problem, string? advice = null)
            : base($"'{path}' {problem} {advice ?? DefaultAdvice}")
        {
            StorePath = path;
        }

        public string StorePath { get; }
    }
}
