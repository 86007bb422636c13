using System;

namespace MoaiPatterns.Stores
{
    /// <summary>A store that does not exist was opened for reading (ErrorId <c>StoreNotFound</c>).</summary>
    public sealed class StoreNotFoundException : Exception
    {
        public StoreNotFoundException(string path)
            : base($"No pattern store exists at '{path}'. Save a pattern there to create it, or pass -Store with the path of an existing store.")
        {
            StorePath = path;
        }

        public string StorePath { get; }
    }

    /// <summary>A store that cannot be used as it is (ErrorId <c>StoreCorrupt</c>).</summary>
    public sealed class StoreCorruptException : Exception
    {
        public StoreCorruptException(string path, string problem, Exception? inner = null)
            : base($"The pattern store at '{path}' cannot be used: {problem} Run Repair-MoaiPatternStore -Store '{path}' -WhatIf to see what can be recovered.", inner)
        {
            StorePath = path;
        }

        public string StorePath { get; }
    }

    /// <summary>A file inside a store could not be read as a pattern; the rest of the store is fine.</summary>
    public sealed class CorruptPatternFileException : Exception
    {
        public CorruptPatternFileException(string filePath, string problem, Exception? inner = null)
            : base($"'{filePath}' is not a readable pattern ({problem}); it was skipped. Repair-MoaiPatternStore can move it aside.", inner)
        {
            FilePath = filePath;
        }

        public string FilePath { get; }
    }
}
