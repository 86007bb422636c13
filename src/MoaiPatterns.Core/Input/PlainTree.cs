using System.Text.Json;
using System.Text.Json.Nodes;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Input
{
    /// <summary>
    /// Whether a converted tree maps onto the typed model without losing anything the tree validator
    /// would report: the typed model drops JSON nulls, reads a non-object context as empty and a
    /// non-string version as its literal, so trees holding any of these take the tree validator.
    /// </summary>
    internal static class PlainTree
    {
        public static bool IsPlain(JsonObject root)
        {
            if (root.TryGetPropertyValue(PatternSchema.Context, out var context) && !(context is JsonObject)) return false;
            if (root.TryGetPropertyValue(PatternSchema.Version, out var version) && JsonScalars.KindOf(version) != JsonValueKind.String) return false;
            return NoNulls(root, 1);
        }

        private static bool NoNulls(JsonNode node, int depth)
        {
            // Deep trees are left to the tree validator (depth rule); the seed's shape is three levels.
            if (depth > PatternLimits.MaxDepth) return false;
            switch (node)
            {
                case JsonObject obj:
                    foreach (var kv in obj) if (kv.Value == null || !NoNulls(kv.Value, depth + 1)) return false;
                    return true;
                case JsonArray array:
                    foreach (var item in array) if (item == null || !NoNulls(item, depth + 1)) return false;
                    return true;
                case JsonValue value:
                    // An escaped lone surrogate in JSON text must reach the tree validator's encoding rule.
                    return !JsonScalars.TryGetString(value, out var s, out var bad) ? !bad : !JsonScalars.ContainsLoneSurrogate(s);
                default:
                    return true;
            }
        }
    }
}
