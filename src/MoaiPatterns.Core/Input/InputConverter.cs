using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MoaiPatterns.Serialization;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Input
{
    /// <summary>
    /// Turns .NET values (dictionaries, lists, primitives, JSON) into a seed-shaped JSON tree,
    /// normalizing known keys and recording what cannot be converted (duplicate keys, cycles,
    /// excessive depth, unsupported types) as violations instead of throwing.
    /// </summary>
    internal sealed class InputConverter
    {
        private const int JsonTextMaxDepth = 256;

        private readonly List<ValidationError> _errors;
        private readonly Func<object, object?>? _adapt;
        private readonly HashSet<object> _ancestors = new HashSet<object>(ReferenceComparer.Instance);

        public InputConverter(List<ValidationError> errors, Func<object, object?>? adapt)
        {
            _errors = errors;
            _adapt = adapt;
        }

        /// <summary>The pattern's JSON object, or null (with a violation recorded) when the input is not shaped like one.</summary>
        public JsonObject? ConvertRoot(object? input)
        {
            if (input != null && _adapt != null) input = _adapt(input);
            switch (input)
            {
                case null:
                    Add("(pattern)", ValidationRules.Required, "is null; expected a pattern.");
                    return null;
                case MoaiPattern pattern:
                    try { return PatternJson.ToNode(pattern); }
                    catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
                    {
                        Add("(pattern)", ValidationRules.Encoding, "cannot be written as JSON: " + ex.Message);
                        return null;
                    }
                case string text:
                    JsonElement element;
                    try
                    {
                        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = JsonTextMaxDepth });
                        element = doc.RootElement.Clone();
                    }
                    catch (JsonException ex)
                    {
                        Add("(pattern)", ValidationRules.Json, "is not valid JSON: " + ex.Message);
                        return null;
                    }
                    return AsRootObject(Convert(element, string.Empty, 1, KeyLevel.Root));
                default:
                    return AsRootObject(Convert(input, string.Empty, 1, KeyLevel.Root));
            }
        }

        private JsonObject? AsRootObject(JsonNode? node)
        {
            if (node is JsonObject obj) return obj;
            if (_errors.Count == 0 || node != null)
                Add("(pattern)", ValidationRules.Type, $"is {JsonScalars.Describe(node)}; expected a pattern: a MoaiPattern, a dictionary (hashtable) or a JSON object.");
            return null;
        }

        /// <summary>Converts one value found at <paramref name="path"/>; depth counts containers from the pattern (1).</summary>
        public JsonNode? Convert(object? value, string path, int depth, KeyLevel level)
        {
            if (value != null && _adapt != null) value = _adapt(value);
            switch (value)
            {
                case null: return null;
                case string s: return JsonValue.Create(s);
                case bool b: return JsonValue.Create(b);
                case char c: return JsonValue.Create(c.ToString());
                case sbyte or byte or short or ushort or int or uint or long:
                    return JsonValue.Create(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                case ulong ul: return JsonValue.Create(ul);
                case double d: return Float(d, path);
                case float f: return Float(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), path);
                case decimal m:
                    var lit = m.ToString(CultureInfo.InvariantCulture);
                    return JsonNode.Parse(lit.IndexOf('.') >= 0 ? lit : lit + ".0");
                case DateTimeOffset _:
                case DateTime _:
                    var instant = ClrFieldValues.InstantText(value);
                    if (instant != null) return JsonValue.Create(instant);
                    Add(path, ValidationRules.Timestamp, $"is {(DateTime)value:o}, which cannot be placed in the local time zone.");
                    return null;
                case Guid g: return JsonValue.Create(g.ToString());
                case PatternType pt: return JsonValue.Create(pt.ToWireName());
                case Enum e: return JsonValue.Create(e.ToString());
                case JsonElement el: return ConvertElement(el, path, depth, level);
                case JsonNode node: return ConvertNode(node, path, depth, level);
                case MoaiPattern p: return Guarded(path, () => PatternJson.ToNode(p));
                case PatternData pd: return Convert(Guarded(path, () => JsonNode.Parse(PatternJson.DataToJson(pd))), path, depth, level);
                case PatternContext pc: return Convert(Guarded(path, () => JsonNode.Parse(PatternJson.ContextToJson(pc))), path, depth, level);
                case IDictionary dict:
                    return Container(dict, path, depth, () => BuildObject(Entries(dict), path, depth, level));
                case IEnumerable list:
                    return Container(list, path, depth, () => ConvertList(list, path, depth));
                default:
                    Add(path, ValidationRules.Type, $"is a {value.GetType().FullName}, which cannot be stored as JSON; give a string, number, boolean, list or dictionary.");
                    return null;
            }
        }

        private JsonArray ConvertList(IEnumerable list, string path, int depth)
        {
            var array = new JsonArray();
            var i = 0;
            foreach (var item in list) { array.Add(Convert(item, TreeScan.Item(path, i), depth + 1, KeyLevel.Free)); i++; }
            return array;
        }

        private JsonNode? Float(double d, string path)
        {
            if (double.IsNaN(d) || double.IsInfinity(d))
            {
                Add(path, ValidationRules.Range, $"is {d.ToString(CultureInfo.InvariantCulture)}; expected a finite number.");
                return null;
            }
            // Parsed from its Python repr so that 5.0 stays a float (not the integer 5) in the tree.
            return JsonNode.Parse(JsonFloat.PythonRepr(d));
        }

        private JsonNode? Container(object container, string path, int depth, Func<JsonNode> build)
        {
            if (depth > PatternLimits.MaxDepth)
            {
                Add(Where(path), ValidationRules.Size, $"is nested too deeply; at most {PatternLimits.MaxDepth} levels of objects and lists are allowed.");
                return null;
            }
            if (!_ancestors.Add(container))
            {
                Add(Where(path), ValidationRules.Type, "contains itself (a cycle); a pattern must be a tree.");
                return null;
            }
            try { return build(); }
            finally { _ancestors.Remove(container); }
        }

        private static IEnumerable<KeyValuePair<string, object?>> Entries(IDictionary dict)
        {
            foreach (DictionaryEntry entry in dict)
                yield return new KeyValuePair<string, object?>(entry.Key as string ?? System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value);
        }

        private JsonObject BuildObject(IEnumerable<KeyValuePair<string, object?>> entries, string path, int depth, KeyLevel level)
        {
            var obj = new JsonObject();
            var givenAs = new Dictionary<string, string>(StringComparer.Ordinal);
            JsonNode? rootTags = null;
            foreach (var entry in entries)
            {
                var key = KeyNormalizer.Canonical(level, entry.Key);
                var shown = key == KeyNormalizer.RootTagsAlias ? "tags" : key;
                if (givenAs.TryGetValue(key, out var first))
                {
                    Add(TreeScan.Child(path, shown), ValidationRules.Duplicate,
                        $"is given twice, as '{JsonScalars.Printable(first)}' and '{JsonScalars.Printable(entry.Key)}'; give it once.");
                    continue;
                }
                givenAs[key] = entry.Key;
                if (key == KeyNormalizer.RootTagsAlias)
                {
                    // Root Tags is an alias of context.tags; a single string is one tag.
                    rootTags = entry.Value is string one ? new JsonArray(JsonValue.Create(one)) : Convert(entry.Value, "tags", depth + 1, KeyLevel.Free);
                    continue;
                }
                obj[key] = Convert(entry.Value, TreeScan.Child(path, key), depth + 1, KeyNormalizer.ChildLevel(level, key));
            }
            if (level == KeyLevel.Root && givenAs.ContainsKey(KeyNormalizer.RootTagsAlias)) MergeRootTags(obj, rootTags);
            return obj;
        }

        private void MergeRootTags(JsonObject root, JsonNode? tags)
        {
            if (!(tags is JsonArray extra))
            {
                Add("tags", ValidationRules.Type, $"is {JsonScalars.Describe(tags)}; expected a list of tags (strings).");
                return;
            }
            if (!root.TryGetPropertyValue(PatternSchema.Context, out var ctx) || ctx == null)
            {
                ctx = new JsonObject();
                root[PatternSchema.Context] = ctx;
            }
            if (!(ctx is JsonObject context))
            {
                Add("tags", ValidationRules.Type, "cannot be merged into context.tags because context is not an object.");
                return;
            }
            var items = new List<JsonNode?>();
            if (context.TryGetPropertyValue(PatternSchema.Tags, out var existing) && existing != null)
            {
                if (!(existing is JsonArray existingArray))
                {
                    Add("tags", ValidationRules.Type, "cannot be merged into context.tags because context.tags is not a list.");
                    return;
                }
                items.AddRange(TagMerge.Detach(existingArray));
            }
            items.AddRange(TagMerge.Detach(extra));
            context[PatternSchema.Tags] = TagMerge.Distinct(items);
        }

        private JsonNode? ConvertElement(JsonElement element, string path, int depth, KeyLevel level)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    return Container(new object(), path, depth, () => BuildObject(ElementEntries(element, path), path, depth, level));
                case JsonValueKind.Array:
                    return Container(new object(), path, depth, () =>
                    {
                        var array = new JsonArray();
                        var i = 0;
                        foreach (var item in element.EnumerateArray()) { array.Add(ConvertElement(item, TreeScan.Item(path, i), depth + 1, KeyLevel.Free)); i++; }
                        return array;
                    });
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    return null;
                default:
                    // Kept as the element: numbers keep their literal (5.0 vs 5); a string with an escaped lone surrogate is reported by the validator.
                    return JsonValue.Create(element);
            }
        }

        private IEnumerable<KeyValuePair<string, object?>> ElementEntries(JsonElement element, string path)
        {
            var list = new List<KeyValuePair<string, object?>>();
            foreach (var prop in element.EnumerateObject())
            {
                string name;
                try { name = prop.Name; }
                catch (InvalidOperationException)
                {
                    Add(Where(path), ValidationRules.Encoding, "has a key that is not valid UTF-16 text (a lone surrogate).");
                    continue;
                }
                list.Add(new KeyValuePair<string, object?>(name, prop.Value));
            }
            return list;
        }

        private JsonNode? ConvertNode(JsonNode node, string path, int depth, KeyLevel level)
        {
            switch (node)
            {
                case JsonObject obj:
                    return Container(obj, path, depth, () =>
                    {
                        List<KeyValuePair<string, JsonNode?>> props;
                        try { props = new List<KeyValuePair<string, JsonNode?>>(obj); }
                        catch (ArgumentException)
                        {
                            Add(Where(path), ValidationRules.Duplicate, "has a key given more than once; give each key once.");
                            return new JsonObject();
                        }
                        var entries = new List<KeyValuePair<string, object?>>();
                        foreach (var p in props) entries.Add(new KeyValuePair<string, object?>(p.Key, p.Value));
                        return BuildObject(entries, path, depth, level);
                    });
                case JsonArray array:
                    return Container(array, path, depth, () => ConvertList(array, path, depth));
                case JsonValue value:
                    if (value.TryGetValue<JsonElement>(out var el)) return ConvertElement(el, path, depth, level);
                    switch (JsonScalars.KindOf(value))
                    {
                        case JsonValueKind.String:
                            return JsonScalars.TryGetString(value, out var s, out _) ? JsonValue.Create(s) : null;
                        case JsonValueKind.True: return JsonValue.Create(true);
                        case JsonValueKind.False: return JsonValue.Create(false);
                        case JsonValueKind.Number:
                            JsonScalars.TryGetNumberLiteral(value, out var literal, out _);
                            return JsonNode.Parse(literal);
                        default:
                            return Guarded(path, () => value.DeepClone());
                    }
                default:
                    return null;
            }
        }

        private JsonNode? Guarded(string path, Func<JsonNode?> convert)
        {
            try { return convert(); }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException || ex is JsonException)
            {
                Add(Where(path), ValidationRules.Encoding, "cannot be written as JSON: " + ex.Message);
                return null;
            }
        }

        private static string Where(string path) => path.Length == 0 ? "(pattern)" : path;

        private void Add(string field, string rule, string message) => _errors.Add(new ValidationError(field, rule, message));

        /// <summary>Reference identity for cycle detection (netstandard2.0 has no ReferenceEqualityComparer).</summary>
        private sealed class ReferenceComparer : IEqualityComparer<object>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();
            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);
            public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
