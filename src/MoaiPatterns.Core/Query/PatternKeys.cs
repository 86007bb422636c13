using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Query
{
    /// <summary>
    /// What every query compares, computed once per pattern by one piece of code: backends store these
    /// keys (SQLite columns, tag rows and full-text words) or compute them here when they read a file, and
    /// <see cref="PatternMatcher"/> compares queries against them. Nothing else derives a comparable value.
    /// </summary>
    public sealed class PatternKeys
    {
        private PatternKeys(long unixMs, PatternType type, string[] tags, string? agent, string[] words)
        {
            UnixMs = unixMs;
            Type = type;
            Tags = tags;
            Agent = agent;
            Words = words;
        }

        /// <summary>The timestamp as UTC milliseconds since the Unix epoch (the resolution of every time comparison).</summary>
        public long UnixMs { get; }

        public PatternType Type { get; }

        /// <summary>context.tags folded (<see cref="Folding.Fold"/>), distinct, in first-seen order.</summary>
        public string[] Tags { get; }

        /// <summary>data.agent or data.agent_type, folded; null when the pattern has none.</summary>
        public string? Agent { get; }

        /// <summary>The distinct folded words of every string value in data and context, at any depth.</summary>
        public string[] Words { get; }

        /// <summary>The words as one space-separated text (what SQLite's full-text table indexes).</summary>
        public string WordsText => string.Join(" ", Words);

        public static PatternKeys Of(MoaiPattern pattern) =>
            Of(pattern, PatternJson.DataToJson(pattern.Data), PatternJson.ContextToJson(pattern.Context ?? new PatternContext()));

        /// <summary>The keys, given the pattern's data and context JSON as this module serializes them (saves a second serialization).</summary>
        public static PatternKeys Of(MoaiPattern pattern, string dataJson, string contextJson)
        {
            var words = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            CollectWords(dataJson, words, seen);
            CollectWords(contextJson, words, seen);
            var agent = pattern.Agent;
            return new PatternKeys(IsoTimestamp.ToUnixMs(pattern.Timestamp), pattern.PatternType,
                FoldTags(pattern.Tags), FoldAgent(agent), words.ToArray());
        }

        /// <summary>The folded, distinct tags (the <see cref="Tags"/> key) of a tag list.</summary>
        public static string[] FoldTags(IEnumerable<string>? tags) => Folding.FoldDistinct(tags);

        /// <summary>The folded form of an agent name in a query or a store, or null.</summary>
        public static string? FoldAgent(string? agent) => string.IsNullOrEmpty(agent) ? null : Folding.Fold(agent!);

        private static void CollectWords(string json, List<string> words, HashSet<string> seen)
        {
            if (string.IsNullOrEmpty(json)) return;
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            var found = new List<string>();
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.String) continue;
                found.Clear();
                Folding.AddWords(reader.GetString(), found);
                foreach (var w in found) if (seen.Add(w)) words.Add(w);
            }
        }
    }
}
