using System;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// The one way a pattern file is read (Find, Get, index rebuild, Repair's check, Compress): never
    /// through a symbolic link or junction, never more than <see cref="MaxFileBytes"/> from disk nor
    /// decompressed from a .gz (a gzip bomb stops there), and an unreadable file becomes a warning
    /// naming it, never a crash.
    /// </summary>
    internal static class PatternFileReader
    {
        /// <summary>
        /// A file, or its decompressed content, larger than this is not a pattern (the largest is 1 MiB of
        /// compact JSON; pretty-printed and deeply nested it stays far below 16 MiB). Reading stops there.
        /// </summary>
        public const int MaxFileBytes = 16 * PatternLimits.MaxPatternBytes;

        /// <summary>The pattern in the file, or null when it is gone or unreadable (then a warning is reported).</summary>
        public static MoaiPattern? TryRead(string fullPath, Action<StoreWarning> warn) => TryRead(fullPath, warn, null);

        /// <summary>As above; a file the filter rules out on its raw bytes is not parsed (null, no warning).</summary>
        public static MoaiPattern? TryRead(string fullPath, Action<StoreWarning> warn, RawTextFilter? filter)
        {
            try
            {
                var bytes = ReadBytes(fullPath);
                if (bytes == null || (filter != null && !filter.MayMatch(bytes))) return null;
                return PatternJson.Parse(bytes);
            }
            catch (Exception e) when (IsReadFailure(e))
            {
                warn(Unreadable(fullPath, e));
                return null;
            }
        }

        /// <summary>The pattern in bytes already read from <paramref name="fullPath"/>, or null (a warning reported).</summary>
        public static MoaiPattern? TryParse(string fullPath, byte[] bytes, Action<StoreWarning> warn)
        {
            try { return PatternJson.Parse(bytes); }
            catch (Exception e) when (IsReadFailure(e))
            {
                warn(Unreadable(fullPath, e));
                return null;
            }
        }

        /// <summary>The warning for a file that could not be read as a pattern.</summary>
        public static StoreWarning Unreadable(string fullPath, Exception e) =>
            e is LinkRefusedException
                ? new StoreWarning(fullPath, LinkRefusedException.Describe(fullPath) + "; it was skipped.")
                : new StoreWarning(fullPath, new CorruptPatternFileException(fullPath, e.Message, e).Message);

        /// <summary>
        /// The bytes of a pattern file, decompressed when it is .json.gz; null when it does not exist.
        /// </summary>
        /// <exception cref="LinkRefusedException">The file is a symbolic link or junction.</exception>
        /// <exception cref="InvalidDataException">More than <see cref="MaxFileBytes"/>, on disk or decompressed; or not gzip.</exception>
        /// <exception cref="IOException">It cannot be read.</exception>
        public static byte[]? ReadBytes(string fullPath)
        {
            var stored = ReadStoredBytes(fullPath);
            if (stored == null || !StoreLayout.IsGzip(fullPath)) return stored;
            return Gunzip(stored);
        }

        /// <summary>The file's bytes as stored (a .gz stays compressed), at most <see cref="MaxFileBytes"/>; null when it does not exist.</summary>
        public static byte[]? ReadStoredBytes(string fullPath)
        {
            if (NativeFileReader.IsAvailable) return NativeFileReader.ReadAll(fullPath, MaxFileBytes);
            // Elsewhere the link check and the open are two steps; writers never swap a file for a link, so only a hand-made link can be met.
            try
            {
                if ((File.GetAttributes(fullPath) & FileAttributes.ReparsePoint) != 0) throw new LinkRefusedException(fullPath);
            }
            catch (FileNotFoundException) { return null; }
            catch (DirectoryNotFoundException) { return null; }
            FileStream fs;
            // No buffer (we read the whole length at once) and no SequentialScan (one fadvise call per file for nothing).
            try { fs = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None); }
            catch (FileNotFoundException) { return null; }
            catch (DirectoryNotFoundException) { return null; }
            using (fs)
            {
                var length = fs.Length;
                if (length > MaxFileBytes) throw TooLarge(length);
                var buffer = new byte[length];
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = fs.Read(buffer, read, buffer.Length - read);
                    if (n == 0) break;
                    read += n;
                }
                if (read == buffer.Length) return buffer;
                var shorter = new byte[read];
                Array.Copy(buffer, shorter, read);
                return shorter;
            }
        }

        /// <summary>
        /// Decompresses gzip bytes, refusing to produce more than <see cref="MaxFileBytes"/>: the output buffer
        /// grows by doubling up to that limit and no further, so a bomb costs at most about twice the limit.
        /// </summary>
        public static byte[] Gunzip(byte[] compressed)
        {
            using (var gz = new GZipStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress))
            {
                var output = new byte[Math.Min(MaxFileBytes, Math.Max(4096, compressed.Length * 4))];
                var length = 0;
                while (true)
                {
                    if (length == output.Length)
                    {
                        if (length == MaxFileBytes)
                        {
                            if (gz.ReadByte() < 0) break; // exactly the limit
                            throw TooLarge(length + 1L);
                        }
                        Array.Resize(ref output, (int)Math.Min(MaxFileBytes, output.Length * 2L));
                    }
                    var n = gz.Read(output, length, output.Length - length);
                    if (n == 0) break;
                    length += n;
                }
                if (length == output.Length) return output;
                var result = new byte[length];
                Buffer.BlockCopy(output, 0, result, 0, length);
                return result;
            }
        }

        public static InvalidDataException TooLarge(long bytes) =>
            new InvalidDataException($"more than {MaxFileBytes} bytes ({bytes} read), larger than any pattern");

        /// <summary>The warning for a file the index files under one id that holds another (overwritten or copied over).</summary>
        public static StoreWarning IdMismatch(string fullPath, string indexedId, string foundId) =>
            new StoreWarning(fullPath, new CorruptPatternFileException(fullPath, $"the index files pattern '{indexedId}' here, but the file holds '{foundId}'").Message);

        /// <summary>Failures that mean "this file is not a readable pattern" rather than a bug.</summary>
        public static bool IsReadFailure(Exception e) =>
            e is JsonException || e is InvalidDataException || e is IOException || e is UnauthorizedAccessException
            || e is FormatException || e is InvalidOperationException || e is ArgumentException || e is NotSupportedException
            || e is OverflowException;
    }

    /// <summary>A symbolic link or junction met inside the store: never read, written, deleted or compressed through.</summary>
    internal sealed class LinkRefusedException : IOException
    {
        public LinkRefusedException(string path)
            : base(Describe(path))
        {
            LinkPath = path;
        }

        public string LinkPath { get; }

        public static string Describe(string path) =>
            $"'{path}' is a symbolic link or junction; the store never follows links out of its folder, so what it points to is not part of the store";
    }
}
