using System;
using System.Collections.Generic;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Input
{
    /// <summary>Which known field names apply to the keys of an object.</summary>
    internal enum KeyLevel
    {
        /// <summary>The pattern itself: pattern_id, pattern_type, … plus the aliases Id, Type, Tags.</summary>
        Root,
        Data,
        Context,
        /// <summary>Free-form content (extra fields, metadata): keys kept as given.</summary>
        Free,
    }

    /// <summary>
    /// Maps keys such as <c>DurationMs</c>, <c>durationMs</c> or <c>DURATION_MS</c> to the seed's
    /// snake_case name when they name a known field; other keys are kept as given.
    /// </summary>
    internal static class KeyNormalizer
    {
        /// <summary>The canonical key under which root <c>Tags</c> is collected before merging into context.tags.</summary>
        public const string RootTagsAlias = "\u0000tags";

        private static readonly Dictionary<string, string> RootNames = Build(PatternSchema.RootFields,
            new KeyValuePair<string, string>("id", PatternSchema.PatternId),
            new KeyValuePair<string, string>("type", PatternSchema.PatternTypeField),
            new KeyValuePair<string, string>("tags", RootTagsAlias));

        private static readonly Dictionary<string, string> DataNames = Build(PatternSchema.AllDataFieldNames);
        private static readonly Dictionary<string, string> ContextNames = Build(PatternSchema.ContextFieldNames);

        // The canonical spellings themselves, which fold to themselves: the common key is answered without folding it.
        private static readonly HashSet<string> RootCanonical = Canonicals(RootNames);
        private static readonly HashSet<string> DataCanonical = Canonicals(DataNames);
        private static readonly HashSet<string> ContextCanonical = Canonicals(ContextNames);

        public static string Canonical(KeyLevel level, string key)
        {
            Dictionary<string, string>? names;
            HashSet<string> canonicals;
            switch (level)
            {
                case KeyLevel.Root: names = RootNames; canonicals = RootCanonical; break;
                case KeyLevel.Data: names = DataNames; canonicals = DataCanonical; break;
                case KeyLevel.Context: names = ContextNames; canonicals = ContextCanonical; break;
                default: return key;
            }
            if (canonicals.Contains(key)) return key;
            return names.TryGetValue(Fold(key), out var canonical) ? canonical : key;
        }

        /// <summary>The level of the value under a canonical key.</summary>
        public static KeyLevel ChildLevel(KeyLevel level, string canonicalKey)
        {
            if (level != KeyLevel.Root) return KeyLevel.Free;
            if (canonicalKey == PatternSchema.Data) return KeyLevel.Data;
            if (canonicalKey == PatternSchema.Context) return KeyLevel.Context;
            return KeyLevel.Free;
        }

        private static string Fold(string key) => key.Replace("_", string.Empty).ToLowerInvariant();

        private static HashSet<string> Canonicals(Dictionary<string, string> names)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var kv in names)
                if (names.TryGetValue(Fold(kv.Value), out var back) && back == kv.Value) set.Add(kv.Value);
            return set;
        }

        private static Dictionary<string, string> Build(string[] names, params KeyValuePair<string, string>[] aliases)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var n in names) map[Fold(n)] = n;
            foreach (var a in aliases) map[a.Key] = a.Value;
            return map;
        }
    }
}
