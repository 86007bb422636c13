using System;
using System.Text.RegularExpressions;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// What PostgreSQL text and jsonb can hold. Text: valid UTF-8 without NUL, so no U+0000 and no lone
    /// surrogate. jsonb: additionally no \u0000 escape and no escaped surrogate (this module's JSON writes
    /// characters raw and escapes only lone surrogates). A key that text cannot hold is refused on save, and a
    /// query value it cannot hold matches nothing; JSON that jsonb cannot hold keeps its text only.
    /// </summary>
    internal static class PostgresText
    {
        private static readonly Regex JsonbUnsafeEscape = new Regex(@"\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})", RegexOptions.CultureInvariant);

        public static bool CanHold(string? s)
        {
            if (s == null) return true;
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '\0') return false;
                if (char.IsHighSurrogate(c))
                {
                    if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                    i++;
                }
                else if (char.IsLowSurrogate(c)) return false;
            }
            return true;
        }

        public static bool JsonbCanHold(string json) => !JsonbUnsafeEscape.IsMatch(json);

        /// <summary>A value for a message: NUL and lone surrogates shown as escapes.</summary>
        public static string Shown(string s)
        {
            var sb = new System.Text.StringBuilder(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                var pair = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
                if (c == '\0' || (char.IsSurrogate(c) && !pair)) sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                else if (pair) { sb.Append(c).Append(s[++i]); }
                else sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
