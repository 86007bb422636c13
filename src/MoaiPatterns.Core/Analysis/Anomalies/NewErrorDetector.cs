using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Errors;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Analysis.Anomalies
{
    /// <summary>
    /// NewError: the first occurrence of an error group (<see cref="ErrorSignature"/>: type and masked message, as
    /// Group-MoaiError groups) that the store never saw before the queried range. The range starts at -After; without it,
    /// at the UTC day <see cref="DefaultDays"/> days before the newest matching error. Only a store with history counts:
    /// when no matching error precedes the range, nothing is "new" against it and nothing is reported. The other filters
    /// (-Tag, -Agent, -Text, -Before) apply to the history too, so "new" means new within the same selection.
    /// </summary>
    public sealed class NewErrorDetector : IAnomalyDetector
    {
        public const int DefaultDays = 7;

        public string Kind => "NewError";

        public IEnumerable<PatternAnomaly> Detect(IPatternStore store, PatternQuery filter)
        {
            if (filter.Types != null && filter.Types.Count > 0 && !filter.Types.Contains(PatternType.ErrorOccurrence)) yield break;
            var all = filter.WithoutPaging();
            all.Types = new[] { PatternType.ErrorOccurrence };
            all.After = null;

            // Newest first: the last time a signature is met is its first occurrence. Memory grows with the groups.
            var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
            long? newest = null;
            foreach (var p in store.Find(all))
            {
                if (!(p.Data is ErrorOccurrenceData data)) continue;
                var ms = IsoTimestamp.ToUnixMs(p.Timestamp);
                newest ??= ms;
                var signature = ErrorSignature.OfMessage(data.ErrorType, data.ErrorMessage);
                if (!groups.TryGetValue(signature, out var g)) groups[signature] = g = new Group(data.ErrorType ?? "", ErrorTemplate.Mask(data.ErrorMessage));
                g.Count++;
                g.FirstId = p.PatternId;
                g.FirstMs = ms;
                g.FirstAt = p.Timestamp;
            }
            if (newest == null) yield break;
            var start = filter.After != null
                ? IsoTimestamp.ToUnixMs(filter.After.Value)
                : TimeBucket.Start(newest.Value, AnalysisInterval.Day) - (DefaultDays - 1) * TimeBucket.DayMs;

            var history = 0L;
            foreach (var g in groups.Values) if (g.FirstMs < start) history++;
            if (history == 0) yield break;

            foreach (var kv in groups)
            {
                var g = kv.Value;
                if (g.FirstMs < start) continue;
                var since = g.Count == 1 ? "once so far" : $"{g.Count} times since";
                var text = $"New error {g.ErrorType}: \"{Shorten(g.Template)}\" first seen {g.FirstAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({since}), " +
                           $"never in the {history} earlier error group(s): check what changed around then (a deploy, a dependency, the data).";
                yield return new PatternAnomaly(Kind, g.FirstAt, g.FirstId, PatternAnomaly.GroupText(("error_type", g.ErrorType), ("signature", kv.Key)),
                    g.Count, 0, g.Count, text);
            }
        }

        private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 79) + "\u2026";

        private sealed class Group
        {
            public Group(string errorType, string template)
            {
                ErrorType = errorType;
                Template = template;
            }

            public string ErrorType { get; }
            public string Template { get; }
            public long Count;
            public string FirstId = "";
            public long FirstMs;
            public DateTimeOffset FirstAt;
        }
    }
}
