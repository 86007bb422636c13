using System.Collections.Generic;
using MoaiPatterns.Query;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// A cheap test on a pattern file's raw bytes before it is parsed: a file that is plain ASCII with
    /// no JSON escapes holds every tag and search word it can match as an ASCII case-insensitive
    /// substring, so a file lacking one cannot match and is not parsed. Any other file is passed on.
    /// </summary>
    internal sealed class RawTextFilter
    {
        private readonly byte[][] _needles;

        public RawTextFilter(PatternMatcher query)
        {
            var needles = new List<byte[]>();
            // An ASCII-only file folds by ASCII lower case alone (NFKC and case folding leave ASCII as ASCII),
            // so a folded ASCII key it holds appears in its bytes, ignoring ASCII case.
            foreach (var tag in query.Tags) AddAscii(needles, tag);
            // A search word is only a usable needle if no reformatted timestamp (digits, 't', 'z' after
            // folding) could supply it: context.timestamp may be written back differently from the file.
            foreach (var term in query.Words) if (HasCharOtherThanTimestampChars(term)) AddAscii(needles, term);
            _needles = needles.ToArray();
        }

        public bool IsActive => _needles.Length > 0;

        /// <summary>False only when the file certainly cannot match.</summary>
        public bool MayMatch(byte[] bytes)
        {
            foreach (var b in bytes) if (b >= 0x80 || b == (byte)'\\') return true; // escapes or non-ASCII: only the parse can tell
            foreach (var needle in _needles) if (!ContainsIgnoreAsciiCase(bytes, needle)) return false;
            return true;
        }

        private static void AddAscii(List<byte[]> needles, string lower)
        {
            if (lower.Length == 0) return;
            var bytes = new byte[lower.Length];
            for (var i = 0; i < lower.Length; i++)
            {
                var c = lower[i];
                if (c >= 0x80) return; // non-ASCII folding is not byte-wise: no needle
                bytes[i] = (byte)c;
            }
            needles.Add(bytes);
        }

        private static bool HasCharOtherThanTimestampChars(string term)
        {
            foreach (var c in term) if (!((c >= '0' && c <= '9') || c == 't' || c == 'z')) return true;
            return false;
        }

        private static bool ContainsIgnoreAsciiCase(byte[] hay, byte[] needle)
        {
            var first = needle[0];
            var last = hay.Length - needle.Length;
            for (var i = 0; i <= last; i++)
            {
                if (Lower(hay[i]) != first) continue;
                var j = 1;
                while (j < needle.Length && Lower(hay[i + j]) == needle[j]) j++;
                if (j == needle.Length) return true;
            }
            return false;
        }

        private static byte Lower(byte b) => b >= (byte)'A' && b <= (byte)'Z' ? (byte)(b + 32) : b;
    }
}
