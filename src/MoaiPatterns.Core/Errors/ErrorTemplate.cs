using System;
using System.Text;
using System.Text.RegularExpressions;

namespace MoaiPatterns.Errors
{
    /// <summary>
    /// The one masking rule for error messages (Group-MoaiError, Find-MoaiResolution, every backend): the
    /// variable parts of a message become placeholders, so two occurrences of one error that differ only in
    /// numbers, quoted values, paths, URLs, hex ids, GUIDs or timestamps share a template. Like Drain's
    /// preprocessing, one left-to-right pass of one alternation: a masked span is never masked again.
    /// </summary>
    public static class ErrorTemplate
    {
        /// <summary>Messages are cut to this many characters first (a whole traceback in a message is not a template).</summary>
        public const int MaxMessageLength = 1000;

        /// <summary>Every placeholder the rule writes.</summary>
        public static readonly string[] Placeholders = { "<url>", "<guid>", "<time>", "<str>", "<path>", "<hex>", "<num>" };

        // Order matters: the first alternative that matches at a position wins.
        private static readonly Regex Variable = new Regex(
            @"(?<url>\b[A-Za-z][A-Za-z0-9+.-]*://[^\s'""<>`]+)" +
            @"|(?<guid>(?<![0-9A-Za-z])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Za-z]))" +
            @"|(?<time>(?<![0-9])\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![0-9]))" +
            @"|(?<str>(?<![\p{L}\p{N}])(?:'[^'\r\n]{0,256}'|""[^""\r\n]{0,256}""|`[^`\r\n]{0,256}`|\u2018[^\u2019\r\n]{0,256}\u2019|\u201C[^\u201D\r\n]{0,256}\u201D))" +
            @"|(?<path>(?<![\p{L}\p{N}_.\-])(?:[A-Za-z]:[\\/]|\\\\)[^\s'""<>|*?]*" +
                @"|(?<![\p{L}\p{N}_.\-/~])(?:~|\.{1,2})?/[\p{L}\p{N}_.@~+\-]+(?:/[\p{L}\p{N}_.@~+\-]*)*" +
                @"|(?<![\p{L}\p{N}_.\-/\\])[\p{L}\p{N}_.\-]+(?:[/\\][\p{L}\p{N}_.\-]+)+\.[\p{L}\p{N}]+)" +
            @"|(?<hex>(?<![\p{L}\p{N}])(?:0[xX][0-9A-Fa-f]+|(?=[0-9A-Fa-f]*[A-Fa-f])(?=[0-9A-Fa-f]*[0-9])[0-9A-Fa-f]{8,})(?![\p{L}\p{N}]))" +
            @"|(?<num>(?<![\p{L}\p{N}])[-+]?\d+(?:[.,]\d+)*)",
            RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));

        private static readonly Regex Spaces = new Regex(@"\s+", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>The template of a message: variable parts masked, whitespace runs made one space, trimmed.</summary>
        public static string Mask(string? message)
        {
            if (string.IsNullOrEmpty(message)) return string.Empty;
            var text = message!.Length > MaxMessageLength ? message.Substring(0, MaxMessageLength) : message;
            string masked;
            try
            {
                masked = Variable.Replace(text, Placeholder);
            }
            catch (RegexMatchTimeoutException)
            {
                masked = text;  // pathological input: unmasked is still a stable template
            }
            return Spaces.Replace(masked, " ").Trim();
        }

        private static string Placeholder(Match m)
        {
            if (m.Groups["url"].Success) return "<url>";
            if (m.Groups["guid"].Success) return "<guid>";
            if (m.Groups["time"].Success) return "<time>";
            if (m.Groups["str"].Success) return "<str>";
            if (m.Groups["path"].Success) return "<path>";
            if (m.Groups["hex"].Success) return "<hex>";
            return "<num>";
        }

        /// <summary>The template without its placeholders (what the template's words and trigrams are taken from).</summary>
        public static string WithoutPlaceholders(string template)
        {
            if (template.IndexOf('<') < 0) return template;
            var sb = new StringBuilder(template);
            foreach (var p in Placeholders) sb.Replace(p, " ");
            return sb.ToString();
        }
    }
}
