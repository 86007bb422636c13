using System;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>Reads one pattern file; an unreadable file becomes a warning naming it, never a crash.</summary>
    internal static class PatternFileReader
    {
        /// <summary>The pattern in the file, or null when it is gone or unreadable (then a warning is reported).</summary>
        public static MoaiPattern? TryRead(string fullPath, Action<StoreWarning> warn) => TryRead(fullPath, warn, null);

        /// <summary>As above; a file the filter rules out on its raw bytes is not parsed (null, no warning).</summary>
        public static MoaiPattern? TryRead(string fullPath, Action<StoreWarning> warn, RawTextFilter? filter)
        {
            try
            {
                var bytes = FileOps.ReadPatternBytes(fullPath);
                if (bytes == null || (filter != null && !filter.MayMatch(bytes))) return null;
                return PatternJson.Parse(bytes);
            }
            catch (Exception e) when (IsReadFailure(e))
            {
                var ex = new CorruptPatternFileException(fullPath, e.Message, e);
                warn(new StoreWarning(fullPath, ex.Message));
                return null;
            }
        }

        /// <summary>The warning for a file the index files under one id that holds another (overwritten or copied over).</summary>
        public static StoreWarning IdMismatch(string fullPath, string indexedId, string foundId) =>
            new StoreWarning(fullPath, new CorruptPatternFileException(fullPath, $"the index files pattern '{indexedId}' here, but the file holds '{foundId}'").Message);

        /// <summary>Failures that mean "this file is not a readable pattern" rather than a bug.</summary>
        public static bool IsReadFailure(Exception e) =>
            e is JsonException || e is InvalidDataException || e is IOException || e is UnauthorizedAccessException
            || e is FormatException || e is InvalidOperationException || e is ArgumentException || e is NotSupportedException
            || e is OverflowException;
    }
}
