using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Validation
{
    /// <summary>
    /// Reads JSON values as given: a number's literal (so 5.0 is a float, as in Python), strings
    /// without throwing on lone surrogates, and short descriptions of values for messages.
    /// </summary>
    internal static class JsonScalars
    {
        /// <summary>The value's JSON kind; a null node is <see cref="JsonValueKind.Null"/>.</summary>
        public static JsonValueKind KindOf(JsonNode? node)
        {
            if (node == null) return JsonValueKind.Null;
            if (node is JsonObject) return JsonValueKind.Object;
            if (node is JsonArray) return JsonValueKind.Array;
            try { return node.GetValueKind(); }
            catch (InvalidOperationException) { return JsonValueKind.Undefined; }
        }

        /// <summary>The text of a string value; false with <paramref name="badEncoding"/> when it cannot be read as UTF-16.</summary>
        public static bool TryGetString(JsonNode? node, out string value, out bool badEncoding)
        {
            value = string.Empty;
            badEncoding = false;
            if (!(node is JsonValue v) || KindOf(node) != JsonValueKind.String) return false;
            try
            {
                if (v.TryGetValue<string>(out var s)) { value = s; return true; }
                if (v.TryGetValue<char>(out var c)) { value = c.ToString(); return true; }
                if (v.TryGetValue<JsonElement>(out var e)) { value = e.GetString() ?? string.Empty; return true; }
                value = v.ToString();
                return true;
            }
            catch (InvalidOperationException)
            {
                // An escaped lone surrogate (\ud800) in JSON text cannot be transcoded.
                badEncoding = true;
                return false;
            }
        }

        /// <summary>The JSON literal of a number and whether it came from a CLR float (which is never an integer).</summary>
        public static bool TryGetNumberLiteral(JsonNode? node, out string literal, out bool clrFloat)
        {
            literal = string.Empty;
            clrFloat = false;
            if (!(node is JsonValue v) || KindOf(node) != JsonValueKind.Number) return false;
            if (v.TryGetValue<JsonElement>(out var e)) { literal = e.GetRawText(); return true; }
            if (v.TryGetValue<double>(out var d)) { literal = JsonFloat.PythonRepr(d); clrFloat = true; return true; }
            if (v.TryGetValue<float>(out var f)) { literal = JsonFloat.PythonRepr(f); clrFloat = true; return true; }
            if (v.TryGetValue<decimal>(out var m)) { literal = m.ToString(CultureInfo.InvariantCulture); clrFloat = true; return true; }
            literal = v.ToJsonString();
            return true;
        }

        public static bool ContainsLoneSurrogate(string s)
        {
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if ((uint)(c - 0xD800) > 0x7FF) continue; // not a surrogate: the common case
                if (char.IsHighSurrogate(c))
                {
                    if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
                    return true;
                }
                if (char.IsLowSurrogate(c)) return true;
            }
            return false;
        }

        /// <summary>Lone surrogates as \uXXXX so that a message or path is always valid text.</summary>
        public static string Printable(string s, int max = 40)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < s.Length && sb.Length < max; i++)
            {
                var c = s[i];
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c).Append(s[++i]); continue; }
                if (char.IsSurrogate(c) || char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            if (sb.Length >= max && s.Length > max) sb.Append('\u2026');
            return sb.ToString();
        }

        /// <summary>A short description of what was given, e.g. <c>a boolean (true)</c>, <c>null</c>.</summary>
        public static string Describe(JsonNode? node)
        {
            switch (KindOf(node))
            {
                case JsonValueKind.Null: return "null";
                case JsonValueKind.True: return "a boolean (true)";
                case JsonValueKind.False: return "a boolean (false)";
                case JsonValueKind.Object: return "an object";
                case JsonValueKind.Array: return "a list";
                case JsonValueKind.Number:
                    TryGetNumberLiteral(node, out var lit, out var clrFloat);
                    return (clrFloat || !JsonFloat.IsIntegerLiteral(lit) ? "a float (" : "an integer (") + Printable(lit) + ")";
                case JsonValueKind.String:
                    return TryGetString(node, out var s, out _) ? "a string (\"" + Printable(s) + "\")" : "a string that is not valid UTF-16";
                default: return "an unreadable value";
            }
        }
    }
}
