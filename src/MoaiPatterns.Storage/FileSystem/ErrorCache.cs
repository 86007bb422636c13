using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using MoaiPatterns.Errors;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// The filesystem's error cache, <c>.moai/errors.cache</c>: one line per saved ErrorOccurrence, holding its
    /// <see cref="ErrorDocument"/> and the index entry it was made from (id, path, UTC ms), appended by the
    /// writer under the index lock as part of the same commit. It is derived and rebuildable: a reader takes a
    /// line only while the index still holds that id at that path and time (the last line of an id wins), reads
    /// the file of any error the cache lacks (written by the original tool, an older version, or a torn append)
    /// and keeps that in memory; readers never write. Without it, a lookup would read every error file.
    /// </summary>
    internal static class ErrorCache
    {
        public const string FileName = "errors.cache";
        private const char Sep = '\t';
        private const char TagSep = '\u001F';

        public static string PathOf(StoreLayout layout) => Path.Combine(layout.PrivateDir, FileName);

        /// <summary>Appends the error documents of a committed batch (the caller holds the index lock).</summary>
        public static void Append(StoreLayout layout, IReadOnlyList<FileSystemPatternStore.PendingFile> files)
        {
            StringBuilder? sb = null;
            foreach (var f in files)
            {
                var d = ErrorDocument.Of(f.Pattern);
                if (d == null) continue;
                sb ??= new StringBuilder();
                Line(sb, d, f.RelativePath);
            }
            if (sb == null) return;
            var bytes = Encoding.UTF8.GetBytes(sb.ToString());
            var path = PathOf(layout);
            if (!File.Exists(path))
            {
                // Owner-only like every other file of the store (the caller holds the lock, so no one else creates it).
                try { UnixPermissions.CreateOwnerOnlyFile(path); } catch (IOException) when (File.Exists(path)) { }
            }
            // A half line left by a crash is skipped by the reader (wrong field count); ours starts on a new line.
            using var fs = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            if (fs.Length > 0) fs.WriteByte((byte)'\n');
            fs.Write(bytes, 0, bytes.Length);
        }

        private static void Line(StringBuilder sb, ErrorDocument d, string path)
        {
            Field(sb, d.PatternId); Field(sb, path); Field(sb, d.UnixMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Field(sb, d.ErrorType); Field(sb, d.Template); Field(sb, d.Resolution ?? "\0");
            Field(sb, d.AutoResolved == null ? "" : d.AutoResolved.Value ? "1" : "0");
            Field(sb, d.ResolutionTimeMs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
            Field(sb, d.Agent ?? "\0"); Field(sb, string.Join(TagSep.ToString(), d.Tags)); Field(sb, d.FilePath ?? "\0");
            for (var f = 0; f < ErrorFields.Count; f++) Field(sb, d.FieldText((ErrorField)f));
            Field(sb, d.Signature, last: true);
            sb.Append('\n');
        }

        private const int FieldCount = 12 + ErrorFields.Count;

        /// <summary>MethodImplOptions.AggressiveOptimization (not in netstandard2.0): the loops that read the cache
        /// run once per session, so they are compiled optimized at once instead of starting unoptimized.</summary>
        internal const MethodImplOptions Hot = (MethodImplOptions)512;

        private static void Field(StringBuilder sb, string value, bool last = false)
        {
            foreach (var c in value)
            {
                switch (c)
                {
                    case '\\': sb.Append("\\\\"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    default: sb.Append(c); break;
                }
            }
            if (!last) sb.Append(Sep);
        }

        /// <summary>
        /// The resolved errors of the store as the index lists them now: from the cache where it holds the same
        /// entry, else from the pattern file (in memory only).
        /// </summary>
        public static IErrorSearch Load(StoreLayout layout, IReadOnlyDictionary<string, IndexEntry> entries, Action<StoreWarning> warn)
        {
            var text = ReadText(layout);
            var cached = ReadLines(text);
            var docs = new List<ErrorCacheSearch.Source>();
            foreach (var kv in entries)
            {
                var e = kv.Value;
                if (e.Type != PatternType.ErrorOccurrence) continue;
                if (cached.TryGetValue(kv.Key, out var c) && c.UnixMs == e.UnixMs && c.PathIs(text, e.Path))
                {
                    if (c.Resolved) docs.Add(new ErrorCacheSearch.Source { Id = kv.Key, UnixMs = c.UnixMs, Start = c.Start, End = c.End, WordsStart = c.WordsStart, Doc = c.Doc });
                    continue;
                }
                if (!layout.TryRealPath(e.Path, out var full)) continue;
                var p = PatternFileReader.TryRead(full, warn)
                    ?? (layout.TryRealPath(StoreLayout.Twin(e.Path), out var twin) ? PatternFileReader.TryRead(twin, warn) : null);
                if (p == null || p.PatternId != kv.Key) continue;
                var d = ErrorDocument.Of(p);
                if (d != null && d.IsResolved) docs.Add(new ErrorCacheSearch.Source { Id = d.PatternId, UnixMs = d.UnixMs, Doc = d });
            }
            return new ErrorCacheSearch(text, docs);
        }

        /// <summary>A whole cache line as found: where its fields are, not yet a document (a line with escapes is parsed at once).</summary>
        private struct CachedLine
        {
            public int Start, End, PathStart, PathLength, WordsStart;
            public long UnixMs;
            public bool Resolved;
            public string? Path;
            public ErrorDocument? Doc;

            public bool PathIs(string text, string path) => Path != null
                ? string.Equals(Path, path, StringComparison.Ordinal)
                : PathLength == path.Length && string.CompareOrdinal(text, PathStart, path, 0, PathLength) == 0;
        }

        private static string ReadText(StoreLayout layout)
        {
            try
            {
                // One read and one decode of the whole file (a StreamReader decodes in chunks and copies them again).
                using var fs = new FileStream(PathOf(layout), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
                var bytes = new byte[fs.Length];
                var n = 0;
                while (n < bytes.Length)
                {
                    var r = fs.Read(bytes, n, bytes.Length - n);
                    if (r <= 0) break;
                    n += r;
                }
                return Encoding.UTF8.GetString(bytes, 0, n);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException || e is IOException || e is UnauthorizedAccessException)
            {
                return "";  // no cache (or unreadable): every error is read from its file
            }
        }

        [MethodImpl(Hot)]
        private static Dictionary<string, CachedLine> ReadLines(string text)
        {
            var map = new Dictionary<string, CachedLine>(StringComparer.Ordinal);
            var tabs = new int[FieldCount];
            var start = 0;
            while (start < text.Length)
            {
                var end = text.IndexOf('\n', start);
                if (end < 0) end = text.Length;  // a torn last line: taken only if whole
                if (TryFind(text, start, end, tabs, out var id, out var line)) map[id] = line;
                start = end + 1;
            }
            return map;
        }

        /// <summary>What <see cref="TryParse"/> accepts, without making the document when the line has no escapes.</summary>
        [MethodImpl(Hot)]
        private static bool TryFind(string text, int start, int end, int[] fieldStarts, out string id, out CachedLine line)
        {
            line = default;
            id = "";
            if (text.IndexOf('\\', start, end - start) >= 0)
            {
                if (!TryParse(text, start, end, out id, out var path, out var doc)) return false;
                line = new CachedLine { Start = start, End = end, UnixMs = doc.UnixMs, Resolved = doc.IsResolved, Path = path, Doc = doc };
                return true;
            }
            var n = 0;
            fieldStarts[n++] = start;
            for (var i = text.IndexOf(Sep, start, end - start); i >= 0; i = text.IndexOf(Sep, i + 1, end - i - 1))
            {
                if (n >= FieldCount) return false;
                fieldStarts[n++] = i + 1;
            }
            if (n != FieldCount) return false;
            int Len(int f) => (f + 1 < FieldCount ? fieldStarts[f + 1] - 1 : end) - fieldStarts[f];
            if (!TryLong(text, fieldStarts[2], Len(2), out var ms)) return false;
            if (Len(7) > 0 && !TryLong(text, fieldStarts[7], Len(7), out _)) return false;
            id = text.Substring(start, Len(0));
            line = new CachedLine
            {
                Start = start, End = end, PathStart = fieldStarts[1], PathLength = Len(1), WordsStart = fieldStarts[11], UnixMs = ms,
                Resolved = !(Len(5) == 1 && text[fieldStarts[5]] == '\0'),
            };
            return true;
        }

        // As long.TryParse (invariant, NumberStyles.Integer), without a substring for the usual plain digits.
        [MethodImpl(Hot)]
        private static bool TryLong(string text, int start, int length, out long value)
        {
            value = 0;
            if (length > 0 && length <= 18)
            {
                var digits = true;
                for (var i = start; i < start + length && digits; i++)
                {
                    var c = text[i];
                    if (c < '0' || c > '9') digits = false;
                    else value = value * 10 + (c - '0');
                }
                if (digits) return true;
            }
            return long.TryParse(text.Substring(start, length), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value);
        }

        /// <summary>One whole line of the cache as its document; false for a torn or foreign line.</summary>
        internal static bool TryParse(string text, int start, int end, out string id, out string path, out ErrorDocument doc) =>
            Parse(text, start, end, new string[FieldCount], out id, out path, out doc);

        private static bool Parse(string text, int start, int end, string[] fields, out string id, out string path, out ErrorDocument doc)
        {
            id = path = ""; doc = null!;
            var n = 0;
            if (text.IndexOf('\\', start, end - start) < 0)
            {
                // No escapes on the line (the usual case): the fields are the tab-separated parts.
                var from = start;
                for (var i = start; i <= end; i++)
                {
                    if (i < end && text[i] != Sep) continue;
                    if (n >= FieldCount) return false;
                    fields[n++] = text.Substring(from, i - from);
                    from = i + 1;
                }
                return n == FieldCount && Build(fields, out id, out path, out doc);
            }
            var sb = new StringBuilder();
            for (var i = start; i < end; i++)
            {
                var c = text[i];
                if (c == Sep)
                {
                    if (n >= FieldCount - 1) return false;
                    fields[n++] = sb.ToString();
                    sb.Clear();
                }
                else if (c == '\\' && i + 1 < end)
                {
                    var next = text[++i];
                    sb.Append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
                }
                else sb.Append(c);
            }
            fields[n++] = sb.ToString();
            return n == FieldCount && Build(fields, out id, out path, out doc);
        }

        private static bool Build(string[] fields, out string id, out string path, out ErrorDocument doc)
        {
            id = path = ""; doc = null!;
            if (!long.TryParse(fields[2], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var ms)) return false;
            long? rtime = null;
            if (fields[7].Length > 0)
            {
                if (!long.TryParse(fields[7], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var t)) return false;
                rtime = t;
            }
            var words = new string[ErrorFields.Count][];
            for (var f = 0; f < ErrorFields.Count; f++) words[f] = ErrorDocument.SplitField(fields[11 + f]);
            id = fields[0];
            path = fields[1];
            doc = new ErrorDocument(id, ms, fields[3], fields[4], fields[11 + ErrorFields.Count], Null(fields[5]),
                fields[6] == "1" ? true : fields[6] == "0" ? false : (bool?)null, rtime, Null(fields[8]),
                fields[9].Length == 0 ? new string[0] : fields[9].Split(TagSep), Null(fields[10]), words);
            return true;
        }

        private static string? Null(string s) => s == "\0" ? null : s;
    }
}
