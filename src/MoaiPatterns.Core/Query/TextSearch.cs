using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MoaiPatterns.Query
{
    /// <summary>
    /// Full-text semantics shared by every backend (SQLite answers with FTS5 configured to match):
    /// text is split into words (runs of Unicode letters and numbers), folded to invariant lower
    /// case; a query matches when each of its words is a prefix of some word of the pattern.
    /// The searched text is every string value in data and context, at any depth.
    /// </summary>
    public static class TextSearch
    {
        public static List<string> Tokenize(string? text)
        {
            var tokens = new List<string>();
            if (string.IsNullOrEmpty(text)) return tokens;
            var sb = new StringBuilder();
            foreach (var c in text!)
            {
                if (IsWordChar(c)) sb.Append(char.ToLowerInvariant(c));
                else if (sb.Length > 0) { tokens.Add(sb.ToString()); sb.Clear(); }
            }
            if (sb.Length > 0) tokens.Add(sb.ToString());
            return tokens;
        }

        /// <summary>The distinct words of a query; empty when it has none (then nothing is filtered).</summary>
        public static string[] QueryTerms(string? text)
        {
            var set = new List<string>();
            foreach (var t in Tokenize(text)) if (!set.Contains(t)) set.Add(t);
            return set.ToArray();
        }

        public static bool IsWordChar(char c)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.OtherNumber:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>All the text a pattern is searched by, one string value per line.</summary>
        public static string SearchableText(MoaiPattern pattern) =>
            SearchableText(Serialization.PatternJson.DataToJson(pattern.Data),
                Serialization.PatternJson.ContextToJson(pattern.Context ?? new PatternContext()));

        /// <summary>The same text from already serialized data and context JSON (saves a second serialization when a backend has them).</summary>
        public static string SearchableText(string dataJson, string? contextJson)
        {
            var sb = new StringBuilder();
            using (var doc = JsonDocument.Parse(dataJson)) AppendStrings(doc.RootElement, sb);
            if (!string.IsNullOrEmpty(contextJson))
                using (var doc = JsonDocument.Parse(contextJson!)) AppendStrings(doc.RootElement, sb);
            return sb.ToString();
        }

        public static bool Matches(MoaiPattern pattern, string[] terms)
        {
            if (terms.Length == 0) return true;
            var words = new HashSet<string>(Tokenize(SearchableText(pattern)));
            foreach (var term in terms)
            {
                var found = false;
                foreach (var w in words)
                {
                    if (w.StartsWith(term, StringComparison.Ordinal)) { found = true; break; }
                }
                if (!found) return false;
            }
            return true;
        }

        private static void AppendStrings(JsonElement e, StringBuilder sb)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: sb.Append(e.GetString()).Append('\n'); break;
                case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) AppendStrings(p.Value, sb); break;
                case JsonValueKind.Array: foreach (var i in e.EnumerateArray()) AppendStrings(i, sb); break;
            }
        }
    }
}
