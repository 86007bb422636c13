using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Errors
{
    /// <summary>
    /// Find-MoaiResolution's engine: which past errors are candidates, how they are ranked
    /// (<see cref="ResolutionScorer"/>) and how they become suggestions, defined once for every backend.
    /// <para>Candidates: the query's own group (its newest <see cref="PerKeyLimit"/> resolved errors) and, for
    /// each of the query's <see cref="MaxTerms"/> rarest index words (type, template, file, function) present in
    /// the store (document frequency ascending, then ordinal), the newest <see cref="PerKeyLimit"/> resolved
    /// errors posted under it. A past
    /// error scoring under <see cref="MinScore"/> is not similar enough to suggest anything.</para>
    /// <para>Suggestions: one per distinct resolution text among the similar past errors. Its score is
    /// 0.8 · its best error's score + 0.2 · its share of the similar errors' summed scores, so a fix that resolved
    /// many close variants beats a generic one that once resolved a slightly closer one, while an exact match
    /// still beats a popular loose one. It counts those errors (<c>Occurrences</c>), their automatic share,
    /// median resolution time and last use. Ordered by score, then occurrences, then last use, then text.</para>
    /// </summary>
    public static class ResolutionFinder
    {
        public const int MaxTerms = 10, PerKeyLimit = 50, MaxExamples = 3;
        public const double MinScore = 0.45, BestWeight = 0.8;

        /// <summary>The search a store offers: its own index, or its resolved errors read into memory.</summary>
        public static IErrorSearch SearchOf(IPatternStore store) =>
            store is IErrorSearchProvider p ? p.OpenErrorSearch() : InMemoryErrorSearch.FromStore(store);

        public static List<ResolutionSuggestion> Find(IPatternStore store, ErrorDocument query, PatternQuery? filter = null, int first = 5) =>
            Find(SearchOf(store), query, filter, first);

        public static List<ResolutionSuggestion> Find(IErrorSearch search, ErrorDocument query, PatternQuery? filter = null, int first = 5)
        {
            var scored = Score(search, query, filter);
            return Suggest(scored, first);
        }

        /// <summary>Every candidate with its score, best first (then newest): what the suggestions are made of.</summary>
        public static List<(ErrorDocument Doc, double Score)> Score(IErrorSearch search, ErrorDocument query, PatternQuery? filter)
        {
            var matcher = new PatternMatcher(filter ?? new PatternQuery());
            var stats = search.Statistics(query.DistinctTerms);
            var result = new List<(ErrorDocument, double)>();
            if (stats.Documents == 0) return result;
            var scorer = new ResolutionScorer(query, stats);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in search.NewestWithSignature(query.Signature, PerKeyLimit, matcher)) ids.Add(id);
            var rare = query.IndexTerms.Where(t => stats.Df(t) > 0)
                .OrderBy(t => stats.Df(t)).ThenBy(t => t, StringComparer.Ordinal).Take(MaxTerms);
            foreach (var term in rare)
                foreach (var id in search.NewestWithTerm(term, PerKeyLimit, matcher))
                    ids.Add(id);
            foreach (var d in search.Documents(ids))
            {
                if (!d.IsResolved) continue;
                var s = scorer.Score(d);
                if (s >= MinScore) result.Add((d, s));
            }
            result.Sort((x, y) =>
            {
                var c = y.Item2.CompareTo(x.Item2);
                return c != 0 ? c : NewestFirst.Compare(x.Item1.UnixMs, x.Item1.PatternId, y.Item1.UnixMs, y.Item1.PatternId);
            });
            return result;
        }

        private static List<ResolutionSuggestion> Suggest(List<(ErrorDocument Doc, double Score)> scored, int first)
        {
            var byResolution = new Dictionary<string, List<(ErrorDocument Doc, double Score)>>(StringComparer.Ordinal);
            foreach (var s in scored)
            {
                if (!byResolution.TryGetValue(s.Doc.Resolution!, out var list)) byResolution[s.Doc.Resolution!] = list = new List<(ErrorDocument, double)>();
                list.Add(s);  // already best first
            }
            var total = 0.0;
            foreach (var s in scored) total += s.Score;
            var suggestions = byResolution.Select(kv =>
            {
                var list = kv.Value;
                var best = list[0];
                var times = list.Where(s => s.Doc.ResolutionTimeMs != null).Select(s => s.Doc.ResolutionTimeMs!.Value).ToList();
                return new ResolutionSuggestion
                {
                    Resolution = kv.Key,
                    Score = Math.Round(BestWeight * best.Score + (1 - BestWeight) * list.Sum(s => s.Score) / total, 4, MidpointRounding.AwayFromZero),
                    Occurrences = list.Count,
                    AutoResolvedRate = Math.Round((double)list.Count(s => s.Doc.AutoResolved == true) / list.Count, 4),
                    MedianResolutionTimeMs = Analysis.Percentile.NearestRankMedian(times),
                    LastUsed = DateTimeOffset.FromUnixTimeMilliseconds(list.Max(s => s.Doc.UnixMs)),
                    ErrorType = best.Doc.ErrorType,
                    Template = best.Doc.Template,
                    Signature = best.Doc.Signature,
                    ExampleIds = list.Take(MaxExamples).Select(s => s.Doc.PatternId).ToArray(),
                };
            });
            return suggestions
                .OrderByDescending(s => s.Score).ThenByDescending(s => s.Occurrences).ThenByDescending(s => s.LastUsed.UtcTicks)
                .ThenBy(s => s.Resolution, StringComparer.Ordinal)
                .Take(Math.Max(first, 0)).ToList();
        }
    }
}
