using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MoaiPatterns.Query
{
    /// <summary>
    /// The one comparison rule for tags, agents and search words, used for stored keys and queries
    /// alike by every backend: compatibility normalization (NFKC, so a ligature "ﬁ" is "fi") followed by
    /// Unicode simple case folding from a generated table (<see cref="CaseFoldTable"/>), so the answer
    /// does not depend on the runtime's culture or ICU version: the Kelvin sign K folds to k, final ς to σ.
    /// Words are maximal runs of letters, combining marks and numbers of the folded text.
    /// </summary>
    public static class Folding
    {
        private static readonly char[] Bmp = BuildBmp(out SupplementaryMap);
        private static readonly Dictionary<int, int> SupplementaryMap;

        /// <summary>The folded form of a tag, an agent name or a text: equal folded forms compare equal.</summary>
        public static string Fold(string text)
        {
            if (text.Length == 0) return text;
            if (IsAscii(text)) return AsciiLower(text);
            var normalized = NormalizeKC(text);
            var sb = new StringBuilder(normalized.Length);
            for (var i = 0; i < normalized.Length; i++)
            {
                var c = normalized[i];
                if (char.IsHighSurrogate(c) && i + 1 < normalized.Length && char.IsLowSurrogate(normalized[i + 1]))
                {
                    var cp = char.ConvertToUtf32(c, normalized[i + 1]);
                    sb.Append(char.ConvertFromUtf32(SupplementaryMap.TryGetValue(cp, out var to) ? to : cp));
                    i++;
                }
                else sb.Append(Bmp[c]);
            }
            return sb.ToString();
        }

        /// <summary>
        /// NFKC of the text; runs the platform cannot normalize (lone surrogates, noncharacters) stay as they
        /// are and the valid runs between them are normalized on their own, so any string has a folded form.
        /// </summary>
        private static string NormalizeKC(string text)
        {
            try
            {
                return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
            }
            catch (ArgumentException)
            {
                var sb = new StringBuilder(text.Length);
                var start = 0;
                for (var i = 0; i < text.Length; i++)
                {
                    var width = CodePointWidth(text, i, out var valid);
                    if (!valid)
                    {
                        AppendNormalized(sb, text.Substring(start, i - start));
                        sb.Append(text, i, width);
                        start = i + width;
                    }
                    i += width - 1;
                }
                AppendNormalized(sb, text.Substring(start));
                return sb.ToString();
            }
        }

        private static void AppendNormalized(StringBuilder sb, string run)
        {
            if (run.Length == 0) return;
            try { sb.Append(run.Normalize(NormalizationForm.FormKC)); }
            catch (ArgumentException) { sb.Append(run); }
        }

        /// <summary>UTF-16 units of the code point at <paramref name="i"/>; invalid for lone surrogates and noncharacters.</summary>
        private static int CodePointWidth(string s, int i, out bool valid)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                var cp = char.ConvertToUtf32(c, s[i + 1]);
                valid = (cp & 0xFFFE) != 0xFFFE;
                return 2;
            }
            valid = !char.IsSurrogate(c) && (c & 0xFFFE) != 0xFFFE && !(c >= 0xFDD0 && c <= 0xFDEF);
            return 1;
        }

        /// <summary>The folded words of a text, in order, with repeats.</summary>
        public static List<string> Words(string? text)
        {
            var words = new List<string>();
            AddWords(text, words);
            return words;
        }

        /// <summary>Appends the folded words of a text to a list.</summary>
        public static void AddWords(string? text, ICollection<string> words)
        {
            if (string.IsNullOrEmpty(text)) return;
            var folded = Fold(text!);
            var start = -1;
            for (var i = 0; i < folded.Length; i++)
            {
                var pair = char.IsHighSurrogate(folded[i]) && i + 1 < folded.Length && char.IsLowSurrogate(folded[i + 1]);
                if (IsWordChar(folded, i))
                {
                    if (start < 0) start = i;
                }
                else if (start >= 0)
                {
                    words.Add(folded.Substring(start, i - start));
                    start = -1;
                }
                if (pair) i++;
            }
            if (start >= 0) words.Add(folded.Substring(start));
        }

        /// <summary>The distinct folded words of a query, in order; empty when it has none (then nothing is filtered).</summary>
        public static string[] QueryWords(string? text)
        {
            var list = new List<string>();
            foreach (var w in Words(text)) if (!list.Contains(w)) list.Add(w);
            return list.ToArray();
        }

        /// <summary>Folded, distinct, empty ones dropped, in first-seen order.</summary>
        public static string[] FoldDistinct(IEnumerable<string?>? values)
        {
            var list = new List<string>();
            if (values == null) return list.ToArray();
            foreach (var v in values)
            {
                if (string.IsNullOrEmpty(v)) continue;
                var f = Fold(v!);
                if (!list.Contains(f)) list.Add(f);
            }
            return list.ToArray();
        }

        /// <summary>Letters, combining marks and numbers make words; everything else separates them.</summary>
        public static bool IsWordChar(string s, int index)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(s, index))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.OtherNumber:
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsAscii(string s)
        {
            foreach (var c in s) if (c >= 0x80) return false;
            return true;
        }

        private static string AsciiLower(string s)
        {
            var i = 0;
            while (i < s.Length && !(s[i] >= 'A' && s[i] <= 'Z')) i++;
            if (i == s.Length) return s;
            var chars = s.ToCharArray();
            for (; i < chars.Length; i++) if (chars[i] >= 'A' && chars[i] <= 'Z') chars[i] = (char)(chars[i] + 32);
            return new string(chars);
        }

        private static char[] BuildBmp(out Dictionary<int, int> supplementary)
        {
            var bmp = new char[0x10000];
            for (var i = 0; i < bmp.Length; i++) bmp[i] = (char)i;
            supplementary = new Dictionary<int, int>();
            var runs = CaseFoldTable.Runs;
            for (var r = 0; r < runs.Length; r += 4)
            {
                int first = runs[r], count = runs[r + 1], stride = runs[r + 2], delta = runs[r + 3];
                for (var k = 0; k < count; k++)
                {
                    var from = first + k * stride;
                    var to = from + delta;
                    if (from < 0x10000 && to < 0x10000) bmp[from] = (char)to;
                    else supplementary[from] = to;
                }
            }
            return bmp;
        }
    }
}
