using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Errors;

namespace MoaiPatterns.Tests.Errors
{
    /// <summary>
    /// The evaluation of Find-MoaiResolution kept in the repository: a history of past errors from
    /// <see cref="ErrorFamily.All"/> (three of each phrasing; 85 % carry the family's fix, 15 % a generic
    /// "Retried and it passed"; unresolved families carry nothing), then held-out variants (new values, any
    /// phrasing, sometimes a prefix or suffix) asked against it. recall@k: the family's fix among the first k
    /// suggestions; MRR over the first 10; unresolved families must get no suggestion at all.
    /// </summary>
    internal sealed class ResolutionEvaluation
    {
        public const string GenericFix = "Retried and it passed";

        public ResolutionEvaluation(int seed = 42, int historyPerPhrasing = 3, int variantsPerFamily = 10)
        {
            var r = new Random(seed);
            var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var n = 0;
            foreach (var family in ErrorFamily.All)
                for (var p = 0; p < family.Phrasings.Length; p++)
                    for (var k = 0; k < historyPerPhrasing; k++)
                    {
                        var fix = family.Fix == null ? null : r.NextDouble() < 0.85 ? family.Fix : GenericFix;
                        History.Add(Pattern("h" + (n++).ToString("00000"), t0.AddMinutes(n * 7), family, family.Message(r, p), fix, r));
                    }
            foreach (var family in ErrorFamily.All)
                for (var v = 0; v < variantsPerFamily; v++)
                {
                    var message = family.Message(r, r.Next(family.Phrasings.Length));
                    switch (r.Next(6))
                    {
                        case 0: message = "Error: " + message; break;
                        case 1: message += " (attempt " + r.Next(2, 9) + ")"; break;
                    }
                    Variants.Add((family, Data(family, message, null, r)));
                }
        }

        public List<MoaiPattern> History { get; } = new List<MoaiPattern>();

        public List<(ErrorFamily Family, ErrorOccurrenceData Query)> Variants { get; } = new List<(ErrorFamily, ErrorOccurrenceData)>();

        private static MoaiPattern Pattern(string id, DateTimeOffset ts, ErrorFamily family, string message, string? fix, Random r)
        {
            var data = Data(family, message, fix, r);
            if (fix != null)
            {
                data.AutoResolved = r.Next(3) == 0;
                data.ResolutionTimeMs = r.Next(1000, 600_000);
            }
            return new MoaiPattern(id, PatternType.ErrorOccurrence, ts, data, new PatternContext { Tags = new[] { "eval" } });
        }

        private static ErrorOccurrenceData Data(ErrorFamily family, string message, string? fix, Random r) => new ErrorOccurrenceData
        {
            ErrorType = family.Type,
            ErrorMessage = message,
            FilePath = ErrorFamily.Files[r.Next(ErrorFamily.Files.Length)],
            FunctionName = ErrorFamily.Functions[r.Next(ErrorFamily.Functions.Length)],
            LineNumber = r.Next(1, 400),
            Resolution = fix,
        };

        /// <summary>Runs every variant through <paramref name="find"/> (the first 10 suggestions of a query).</summary>
        public Figures Run(Func<ErrorOccurrenceData, IList<ResolutionSuggestion>> find)
        {
            var f = new Figures();
            foreach (var (family, query) in Variants)
            {
                var suggestions = find(query);
                if (family.Fix == null)
                {
                    f.Unresolved++;
                    if (suggestions.Count > 0) f.UnresolvedWithSuggestion.Add(query.ErrorType + ": " + query.ErrorMessage + " -> " + suggestions[0].Resolution + " " + suggestions[0].Score);
                    continue;
                }
                f.Resolved++;
                var rank = suggestions.Select(s => s.Resolution).ToList().IndexOf(family.Fix) + 1;
                if (rank == 1) f.Hits1++;
                if (rank >= 1 && rank <= 5) f.Hits5++;
                if (rank >= 1) f.ReciprocalRanks += 1.0 / rank;
                if (rank != 1) f.Misses.Add($"{query.ErrorType}: {query.ErrorMessage} -> rank {rank}, first: {(suggestions.Count > 0 ? suggestions[0].Resolution + " " + suggestions[0].Score : "none")}");
            }
            return f;
        }

        internal sealed class Figures
        {
            public int Resolved, Unresolved, Hits1, Hits5;
            public double ReciprocalRanks;
            public readonly List<string> Misses = new List<string>();
            public readonly List<string> UnresolvedWithSuggestion = new List<string>();

            public double RecallAt1 => (double)Hits1 / Resolved;
            public double RecallAt5 => (double)Hits5 / Resolved;
            public double Mrr => ReciprocalRanks / Resolved;

            public override string ToString() =>
                $"{Resolved} resolved variants: recall@1 {RecallAt1:0.000}, recall@5 {RecallAt5:0.000}, MRR {Mrr:0.000}; " +
                $"{Unresolved} unresolved variants, {UnresolvedWithSuggestion.Count} with a suggestion";
        }
    }
}
