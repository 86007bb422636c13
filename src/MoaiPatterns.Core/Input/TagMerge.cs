using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Input
{
    /// <summary>Merges tags from several places into one list, first occurrence wins (ordinal).</summary>
    internal static class TagMerge
    {
        /// <summary>The items of a list, detached so that they can join another.</summary>
        public static List<JsonNode?> Detach(JsonArray array)
        {
            var items = new List<JsonNode?>(array);
            array.Clear();
            return items;
        }

        public static JsonArray Distinct(IEnumerable<JsonNode?> items)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new JsonArray();
            foreach (var item in items)
            {
                if (JsonScalars.TryGetString(item, out var s, out _) && !seen.Add(s)) continue;
                result.Add(item);
            }
            return result;
        }
    }
}
