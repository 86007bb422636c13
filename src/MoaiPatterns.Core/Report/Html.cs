using System;
using System.Globalization;
using System.Text;

namespace MoaiPatterns.Report
{
    /// <summary>Escaping and number formats of the report: every text from a pattern goes through <see cref="Escape"/>.</summary>
    internal static class Html
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        /// <summary>Text as HTML/SVG character data or an attribute value (double-quoted): &amp; &lt; &gt; " ' escaped, control characters dropped.</summary>
        public static string Escape(string? text)
        {
            if (string.IsNullOrEmpty(text)) return string.Empty;
            var sb = new StringBuilder(text!.Length + 16);
            foreach (var c in text)
            {
                switch (c)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '"': sb.Append("&quot;"); break;
                    case '\'': sb.Append("&#39;"); break;
                    default:
                        // XML 1.0 forbids most C0 controls even escaped (the SVG must stay well formed).
                        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') sb.Append('\uFFFD');
                        else sb.Append(c);
                        break;
                }
            }
            return sb.ToString();
        }

        /// <summary>At most <paramref name="max"/> characters, with an ellipsis when cut (not splitting a surrogate pair).</summary>
        public static string Shorten(string text, int max)
        {
            if (text.Length <= max) return text;
            var cut = max - 1;
            if (char.IsHighSurrogate(text[cut - 1])) cut--;
            return text.Substring(0, cut) + "\u2026";
        }

        public static string Count(long n) => n.ToString("N0", Inv);

        public static string Number(double v) => v.ToString("0.###", Inv);

        public static string Percent(double? rate) => rate == null ? "\u2013" : (rate.Value * 100).ToString("0.0", Inv) + "\u00A0%";

        /// <summary>850 ms, 2.5 s, 3.2 min, 1.5 h.</summary>
        public static string Duration(double? ms)
        {
            if (ms == null) return "\u2013";
            var v = ms.Value;
            if (v < 1000) return v.ToString("0", Inv) + "\u00A0ms";
            if (v < 60_000) return (v / 1000).ToString("0.0", Inv) + "\u00A0s";
            if (v < 3_600_000) return (v / 60_000).ToString("0.0", Inv) + "\u00A0min";
            return (v / 3_600_000).ToString("0.0", Inv) + "\u00A0h";
        }

        public static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", Inv);

        public static string DateTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Inv) + " UTC";

        public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv);

        /// <summary>A number for an attribute or SVG coordinate: invariant, short.</summary>
        public static string N(double v) => v.ToString("0.##", Inv);

        public static string N(long v) => v.ToString(Inv);

        /// <summary>The exact value for a data- attribute (round-trip form), so a reader gets the engine's number.</summary>
        public static string Exact(double v) => v.ToString("R", Inv);
    }
}
