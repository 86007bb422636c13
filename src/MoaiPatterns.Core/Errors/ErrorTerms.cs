using System.Collections.Generic;
using MoaiPatterns.Query;

namespace MoaiPatterns.Errors
{
    /// <summary>
    /// The words of each error field: folded by the one fold (<see cref="Folding"/>), so every backend and
    /// every query see the same words. Identifiers (types, functions) also give their camelCase parts, so
    /// FileNotFoundError and FileNotFoundException share "file", "not", "found".
    /// </summary>
    public static class ErrorTerms
    {
        public static string[] OfType(string? errorType) => WithParts(errorType);

        public static string[] OfTemplate(string template) => Folding.Words(ErrorTemplate.WithoutPlaceholders(template)).ToArray();

        public static string[] OfMessage(string? message)
        {
            if (string.IsNullOrEmpty(message)) return new string[0];
            var text = message!.Length > ErrorTemplate.MaxMessageLength ? message.Substring(0, ErrorTemplate.MaxMessageLength) : message;
            return Folding.Words(text).ToArray();
        }

        public static string[] OfFile(string? filePath) => Folding.Words(filePath).ToArray();

        public static string[] OfFunction(string? function) => WithParts(function);

        private static string[] WithParts(string? identifier)
        {
            var words = Folding.Words(identifier);
            if (string.IsNullOrEmpty(identifier)) return words.ToArray();
            var parts = new List<string>();
            foreach (var segment in RawWords(identifier!))
            {
                var split = CamelParts(segment);
                if (split.Count > 1) foreach (var p in split) parts.Add(Folding.Fold(p));
            }
            words.AddRange(parts);
            return words.ToArray();
        }

        // Runs of letters and digits as written (before folding), for the camelCase split.
        private static IEnumerable<string> RawWords(string text)
        {
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var word = i < text.Length && char.IsLetterOrDigit(text[i]);
                if (word && start < 0) start = i;
                else if (!word && start >= 0)
                {
                    yield return text.Substring(start, i - start);
                    start = -1;
                }
            }
        }

        /// <summary>"IOError" → IO, Error; "fileNotFound" → file, Not, Found.</summary>
        internal static List<string> CamelParts(string word)
        {
            var parts = new List<string>();
            var start = 0;
            for (var i = 1; i < word.Length; i++)
            {
                var lowerToUpper = char.IsLower(word[i - 1]) && char.IsUpper(word[i]);
                var acronymEnd = char.IsUpper(word[i - 1]) && char.IsUpper(word[i]) && i + 1 < word.Length && char.IsLower(word[i + 1]);
                var digitEdge = char.IsDigit(word[i - 1]) != char.IsDigit(word[i]);
                if (lowerToUpper || acronymEnd || digitEdge)
                {
                    parts.Add(word.Substring(start, i - start));
                    start = i;
                }
            }
            parts.Add(word.Substring(start));
            return parts;
        }
    }
}
