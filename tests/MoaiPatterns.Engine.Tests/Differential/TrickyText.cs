using System;
using System.Collections.Generic;
using System.Linq;

namespace MoaiPatterns.Tests.Differential
{
    /// <summary>
    /// Text that separates folding rules: each family holds spellings one Unicode case fold (after NFKC)
    /// treats as equal, and near-misses it must not.
    /// </summary>
    public static class TrickyText
    {
        /// <summary>Spellings of one key; the first is the plain one.</summary>
        public static readonly string[][] Families =
        {
            new[] { "k-bot", "\u212A-bot", "K-BOT", "K-Bot" },                 // Kelvin sign
            new[] { "\u03C3igma", "\u03C2igma", "\u03A3IGMA" },                  // sigma, final sigma, capital
            new[] { "\u03C3\u03B9\u03C3\u03C5\u03C6\u03BF\u03C3", "\u03A3\u0399\u03A3\u03A5\u03A6\u039F\u03A3", "\u03C3\u03B9\u03C3\u03C5\u03C6\u03BF\u03C2" },
            new[] { "caf\u00E9", "cafe\u0301", "CAF\u00C9", "Cafe\u0301" },  // composed, decomposed
            new[] { "file", "\uFB01le", "FILE", "\uFB01LE" },                   // ligature fi
            new[] { "stra\u00DFe", "STRA\u1E9EE" },                              // sharp s, capital sharp s
            new[] { "\u00FCber", "\u00DCBER", "u\u0308ber" },
            new[] { "\u6570\u636E\u5E93", "\u6570\u636E" },                      // CJK (second is a prefix)
            new[] { "\uD801\uDC00\uD801\uDC28", "\uD801\uDC28\uD801\uDC28" },  // Deseret (outside the BMP)
            new[] { "\uFF21\uFF22\uFF23", "abc", "ABC" },                         // full width
            new[] { "i\u0307stanbul", "\u0130stanbul" },
            new[] { "\u0131", "I" },                                              // dotless i vs I: not equal under simple folding
            new[] { "deploy\U0001F680", "\U0001F680deploy", "deploy" },          // emoji separate words
            new[] { "back-end", "BACK_END", "backend" },
        };

        public static IEnumerable<string> All => Families.SelectMany(f => f);

        public static string Pick(Random r) { var f = Families[r.Next(Families.Length)]; return f[r.Next(f.Length)]; }

        /// <summary>A few words, some tricky, some plain, joined by assorted separators.</summary>
        public static string Sentence(Random r)
        {
            var plain = new[] { "error", "handler", "timeout", "Build", "42", "x1" };
            var seps = new[] { " ", ", ", "/", "\t", " - ", "." };
            var n = 1 + r.Next(4);
            var parts = new List<string>();
            for (var i = 0; i < n; i++) parts.Add(r.Next(2) == 0 ? Pick(r) : plain[r.Next(plain.Length)]);
            return string.Join(seps[r.Next(seps.Length)], parts);
        }

        /// <summary>A query word: a whole spelling, or a prefix of one (prefix search), never empty.</summary>
        public static string QueryWord(Random r)
        {
            var s = Pick(r);
            if (r.Next(3) != 0 || s.Length < 3) return s;
            var cut = 1 + r.Next(s.Length - 1);
            if (char.IsHighSurrogate(s[cut - 1])) cut++;  // never half a surrogate pair
            return s.Substring(0, Math.Min(cut, s.Length));
        }
    }
}
