using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Flattens what PowerShell hands a cmdlet (PSObject wrappers, PSCustomObject, hashtables, nested
    /// arrays, deserialized objects) into plain dictionaries, lists and scalars for PatternInput.
    /// MoaiPattern and JSON strings pass through untouched.
    /// </summary>
    internal static class PowerShellValues
    {
        private const int MaxDepth = 64;

        // Computed members of MoaiPattern that a deserialized copy carries but that are not fields.
        private static readonly HashSet<string> ComputedPatternMembers = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Tags", "Agent", "Summary", "AdditionalProperties", "Id",
        };

        /// <summary>The input for PatternInput: a MoaiPattern, a string (JSON), or a plain dictionary.</summary>
        public static object ToPatternInput(object input)
        {
            var value = Unwrap(input);
            if (value is MoaiPattern || value is string) return value;
            var flat = Flatten(input, 0);
            if (flat is Dictionary<string, object?> dict)
            {
                if (PowerShellPatternShape.IsPatternBag(dict)) PowerShellPatternShape.Normalize(dict);
                else if (IsDeserializedPattern(input)) foreach (var name in ComputedPatternMembers) dict.Remove(name);
            }
            return flat ?? input;
        }

        /// <summary>
        /// The per-value adapter PatternInput calls while it converts a dictionary (the pipeline's fast path):
        /// unwraps PSObject and turns PSCustomObject and other property bags into a one-level dictionary;
        /// everything PatternInput reads itself (scalars, dates, enums, dictionaries, lists, JSON, patterns)
        /// passes through, so a hashtable is read once instead of being copied first.
        /// </summary>
        public static object? Adapt(object value)
        {
            var raw = Unwrap(value);
            switch (raw)
            {
                case null: return null;
                case PSObject custom: return PropertyBag(custom);
                case string _:
                case bool _:
                case char _:
                case DateTimeOffset _:
                case DateTime _:
                case Enum _:
                case Guid _:
                case decimal _:
                case JsonElement _:
                case System.Text.Json.Nodes.JsonNode _:
                case MoaiPattern _:
                case PatternData _:
                case PatternContext _:
                case IDictionary _:
                case IEnumerable _:
                    return raw;
            }
            return raw.GetType().IsPrimitive ? raw : PropertyBag(PSObject.AsPSObject(raw));
        }

        /// <summary>An object's readable properties, values as they are (the converter adapts them as it reaches them).</summary>
        private static Dictionary<string, object?> PropertyBag(PSObject obj)
        {
            var d = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var prop in obj.Properties)
            {
                if (!prop.IsGettable) continue;
                if (prop.MemberType != PSMemberTypes.NoteProperty && prop.MemberType != PSMemberTypes.Property) continue;
                try { d[prop.Name] = prop.Value; } catch (GetValueException) { }
            }
            return d;
        }

        /// <summary>Plain values for a -Data or -Context argument.</summary>
        public static object? ToPlain(object? value) => Flatten(value, 0);

        public static object? Unwrap(object? value)
        {
            while (value is PSObject pso && !(pso.BaseObject is PSCustomObject)) value = pso.BaseObject;
            return value;
        }

        private static bool IsDeserializedPattern(object input) =>
            input is PSObject pso && pso.TypeNames.Count > 0 && pso.TypeNames[0].EndsWith("MoaiPatterns.MoaiPattern", StringComparison.Ordinal);

        private static object? Flatten(object? value, int depth)
        {
            if (depth > MaxDepth) throw new ArgumentException("The input is nested too deeply (a reference cycle?).");
            var raw = Unwrap(value);
            switch (raw)
            {
                case null: return null;
                case string _:
                case bool _:
                case char _:
                    return raw is char c ? c.ToString() : raw;
                case DateTimeOffset dto: return IsoTimestamp.Format(dto);
                case DateTime dt: return IsoTimestamp.Format(dt.Kind == DateTimeKind.Utc ? new DateTimeOffset(dt) : new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Local)));
                case PatternType pt: return pt.ToWireName();
                case Enum e: return e.ToString();
                case Guid g: return g.ToString();
                case JsonElement je: return FromJson(je);
                case PatternData data: return FromJson(JsonDocument.Parse(PatternJson.DataToJson(data)).RootElement);
                case PatternContext ctx: return FromJson(JsonDocument.Parse(PatternJson.ContextToJson(ctx)).RootElement);
                case MoaiPattern p: return FromJson(JsonDocument.Parse(PatternJson.ToJson(p, indented: false)).RootElement);
                case IDictionary dict:
                    var d = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (DictionaryEntry entry in dict) d[Convert.ToString(Unwrap(entry.Key), System.Globalization.CultureInfo.InvariantCulture) ?? ""] = Flatten(entry.Value, depth + 1);
                    return d;
                case PSObject custom: // PSCustomObject or a deserialized object: its properties
                    return FromProperties(custom, depth);
                case IEnumerable list:
                    var l = new List<object?>();
                    foreach (var item in list) l.Add(Flatten(item, depth + 1));
                    return l;
            }
            if (raw.GetType().IsPrimitive || raw is decimal) return raw;
            return FromProperties(PSObject.AsPSObject(raw), depth);
        }

        private static Dictionary<string, object?> FromProperties(PSObject obj, int depth)
        {
            var d = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var prop in obj.Properties)
            {
                if (!prop.IsGettable) continue;
                if (prop.MemberType != PSMemberTypes.NoteProperty && prop.MemberType != PSMemberTypes.Property) continue;
                object? v;
                try { v = prop.Value; } catch (GetValueException) { continue; }
                d[prop.Name] = Flatten(v, depth + 1);
            }
            return d;
        }

        private static object? FromJson(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    var d = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var p in e.EnumerateObject()) d[p.Name] = FromJson(p.Value);
                    return d;
                case JsonValueKind.Array:
                    var l = new List<object?>();
                    foreach (var x in e.EnumerateArray()) l.Add(FromJson(x));
                    return l;
                case JsonValueKind.String: return e.GetString();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Number:
                    if (e.TryGetInt64(out var i)) return i;
                    return e.GetDouble();
                default: return null;
            }
        }
    }
}
