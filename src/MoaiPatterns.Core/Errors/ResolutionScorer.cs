using System;
using System.Collections.Generic;
using MoaiPatterns.Query;

namespace MoaiPatterns.Errors
{
    /// <summary>
    /// The one ranking of past errors against a new one. Two signals fused linearly:
    /// <list type="bullet">
    /// <item>BM25F over type, template, message, file and function (field weights <see cref="ErrorFields.Weights"/>,
    /// k1 1.2, b 0.75, corpus statistics from the store), divided by the query's score against itself over its
    /// type, template, file and function words (not the variable parts of its message), so 1 means "everything
    /// fixed the query says, this past error says too";</item>
    /// <item>the Dice coefficient of character trigrams of type and template, which forgives near-misses
    /// (FileNotFoundError vs FileNotFoundException, a plural, a typo) that whole words miss.</item>
    /// </list>
    /// Score = 0.7 · min(1, bm25 ratio) + 0.3 · trigram Dice, rounded to 4 decimals (so backends cannot differ
    /// by a rounding of the last bit).
    /// </summary>
    public sealed class ResolutionScorer
    {
        public const double K1 = 1.2, B = 0.75, TextWeight = 0.7, TrigramWeight = 0.3;

        private readonly ErrorDocument _query;
        private readonly ErrorCorpusStats _stats;
        private readonly string[] _terms;
        private readonly double[] _idf;
        private readonly double _selfScore;
        private readonly bool[] _required;
        private readonly HashSet<string> _queryTrigrams;
        private readonly Dictionary<string, double> _diceBySignature = new Dictionary<string, double>(StringComparer.Ordinal);

        public ResolutionScorer(ErrorDocument query, ErrorCorpusStats stats)
        {
            _query = query;
            _stats = stats;
            _terms = query.DistinctTerms;
            _idf = new double[_terms.Length];
            var n = Math.Max(stats.Documents, 1);
            for (var i = 0; i < _terms.Length; i++)
            {
                var df = Math.Min(stats.Df(_terms[i]), n);
                _idf[i] = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
            }
            // The variable parts of the query's message (words only its raw message has: numbers, names, paths the
            // template masks) add to a match when a past error shares them, but never count against one.
            var fixedWords = new HashSet<string>(StringComparer.Ordinal);
            for (var f = 0; f < ErrorFields.Count; f++)
                if (f != (int)ErrorField.Message) foreach (var w in query.FieldTerms[f]) fixedWords.Add(w);
            _required = new bool[_terms.Length];
            for (var i = 0; i < _terms.Length; i++) _required[i] = fixedWords.Contains(_terms[i]);
            _selfScore = Bm25(query, _required);
            _queryTrigrams = Trigrams(query.ErrorType, query.Template);
        }

        /// <summary>The query's words, distinct, ordinal order.</summary>
        public string[] Terms => _terms;

        public double Score(ErrorDocument doc)
        {
            var text = _selfScore <= 0 ? 0 : Math.Min(1.0, Bm25(doc, null) / _selfScore);
            if (!_diceBySignature.TryGetValue(doc.Signature, out var dice))
                _diceBySignature[doc.Signature] = dice = Dice(_queryTrigrams, Trigrams(doc.ErrorType, doc.Template));
            return Math.Round(TextWeight * text + TrigramWeight * dice, 4, MidpointRounding.AwayFromZero);
        }

        private double Bm25(ErrorDocument doc, bool[]? only)
        {
            var score = 0.0;
            for (var i = 0; i < _terms.Length; i++)
            {
                if (_idf[i] <= 0 || (only != null && !only[i])) continue;
                var tf = 0.0;
                for (var f = 0; f < ErrorFields.Count; f++)
                {
                    var words = doc.FieldTerms[f];
                    var count = 0;
                    foreach (var w in words) if (string.Equals(w, _terms[i], StringComparison.Ordinal)) count++;
                    if (count == 0) continue;
                    var avg = _stats.AverageLength(f);
                    var norm = avg > 0 ? 1 - B + B * words.Length / avg : 1;
                    tf += ErrorFields.Weights[f] * count / norm;
                }
                if (tf > 0) score += _idf[i] * tf * (K1 + 1) / (K1 + tf);
            }
            return score;
        }

        /// <summary>Character trigrams of the folded type and template (placeholders dropped), padded by a space.</summary>
        public static HashSet<string> Trigrams(string errorType, string template)
        {
            var words = new List<string>();
            words.AddRange(ErrorTerms.OfType(errorType));
            words.AddRange(Folding.Words(ErrorTemplate.WithoutPlaceholders(template)));
            var text = " " + string.Join(" ", words) + " ";
            var set = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + 3 <= text.Length; i++) set.Add(text.Substring(i, 3));
            return set;
        }

        public static double Dice(HashSet<string> a, HashSet<string> b)
        {
            if (a.Count == 0 || b.Count == 0) return 0;
            var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
            var common = 0;
            foreach (var t in small) if (large.Contains(t)) common++;
            return 2.0 * common / (a.Count + b.Count);
        }
    }
}
