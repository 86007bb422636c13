using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace MoaiPatterns.Validation
{
    /// <summary>
    /// Rules that hold anywhere in a pattern, extra fields included: no lone UTF-16 surrogates in keys
    /// or strings, nesting no deeper than <see cref="PatternLimits.MaxDepth"/>, no key given twice.
    /// </summary>
    internal static class TreeScan
    {
        /// <summary>Adds the violations found; true when the tree is readable and can be serialized.</summary>
        public static bool Check(JsonObject root, List<ValidationError> errors)
        {
            var before = errors.Count;
            Scan(root, string.Empty, 1, errors);
            return errors.Count == before;
        }

        internal static string Child(string path, string key) =>
            path.Length == 0 ? JsonScalars.Printable(key, int.MaxValue) : path + "." + JsonScalars.Printable(key, int.MaxValue);

        internal static string Item(string path, int index) => path + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

        private static void Scan(JsonNode? node, string path, int depth, List<ValidationError> errors)
        {
            var where = path.Length == 0 ? "(pattern)" : path;
            if ((node is JsonObject || node is JsonArray) && depth > PatternLimits.MaxDepth)
            {
                errors.Add(new ValidationError(where, ValidationRules.Size,
                    $"is nested too deeply; at most {PatternLimits.MaxDepth} levels of objects and lists are allowed."));
                return;
            }
            switch (node)
            {
                case JsonObject obj:
                    List<KeyValuePair<string, JsonNode?>> props;
                    try { props = new List<KeyValuePair<string, JsonNode?>>(obj); }
                    catch (ArgumentException)
                    {
                        errors.Add(new ValidationError(where, ValidationRules.Duplicate, "has a key given more than once; give each key once."));
                        return;
                    }
                    catch (InvalidOperationException)
                    {
                        errors.Add(new ValidationError(where, ValidationRules.Encoding, "has a key that is not valid UTF-16 text (a lone surrogate)."));
                        return;
                    }
                    foreach (var kv in props)
                    {
                        var childPath = Child(path, kv.Key);
                        if (JsonScalars.ContainsLoneSurrogate(kv.Key))
                            errors.Add(new ValidationError(childPath, ValidationRules.Encoding, "key contains a lone UTF-16 surrogate; keys and text must be valid Unicode."));
                        Scan(kv.Value, childPath, depth + 1, errors);
                    }
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++) Scan(array[i], Item(path, i), depth + 1, errors);
                    break;
                case JsonValue value:
                    if (JsonScalars.TryGetString(value, out var s, out var bad) ? JsonScalars.ContainsLoneSurrogate(s) : bad)
                        errors.Add(new ValidationError(where, ValidationRules.Encoding, "contains a lone UTF-16 surrogate; text must be valid Unicode."));
                    break;
            }
        }
    }
}
