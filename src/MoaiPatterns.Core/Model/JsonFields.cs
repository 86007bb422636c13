using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text.Json;

namespace MoaiPatterns
{
    /// <summary>
    /// Fields kept verbatim as JSON (unknown fields, context metadata). To .NET code it is the
    /// <see cref="JsonElement"/> dictionary System.Text.Json fills; through the non-generic
    /// <see cref="IDictionary"/> (what PowerShell's ConvertTo-Json, Export-Clixml and formatting walk) it
    /// shows plain values (string, long, double, bool, null, object[], ordered dictionaries), so
    /// <c>$p | ConvertTo-Json</c> writes <c>"retries": 3</c>, not <c>{"ValueKind": 4}</c>.
    /// </summary>
    public sealed class JsonFields : Dictionary<string, JsonElement>, IDictionary
    {
        public JsonFields() : base(StringComparer.Ordinal) { }

        public JsonFields(IEnumerable<KeyValuePair<string, JsonElement>> fields) : this()
        {
            foreach (var kv in fields) this[kv.Key] = kv.Value;
        }

        /// <summary>The field as a plain .NET value (null when absent or JSON null).</summary>
        public object? GetValue(string name) => TryGetValue(name, out var e) ? Plain(e) : null;

        object? IDictionary.this[object key]
        {
            get => key is string s ? GetValue(s) : null;
            set => throw new NotSupportedException("JsonFields holds JSON values; set them through the JsonElement indexer.");
        }

        ICollection IDictionary.Values
        {
            get
            {
                var list = new ArrayList(Count);
                foreach (var kv in this) list.Add(Plain(kv.Value));
                return list;
            }
        }

        IDictionaryEnumerator IDictionary.GetEnumerator() => ToPlain().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => ((IDictionary)this).GetEnumerator();

        /// <summary>The fields as one compact JSON object: what a CSV cell or a log line shows.</summary>
        public override string ToString()
        {
            using var buffer = new System.IO.MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                foreach (var kv in this)
                {
                    w.WritePropertyName(kv.Key);
                    kv.Value.WriteTo(w);
                }
                w.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>An ordered copy with plain values.</summary>
        public OrderedDictionary ToPlain()
        {
            var d = new OrderedDictionary(Count, StringComparer.Ordinal);
            foreach (var kv in this) d[kv.Key] = Plain(kv.Value);
            return d;
        }

        /// <summary>A JSON value as the plain .NET value PowerShell shows: integers as long (double beyond), objects ordered.</summary>
        public static object? Plain(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: return e.GetString();
                case JsonValueKind.Number:
                    if (e.TryGetInt64(out var l)) return l;
                    return e.TryGetDouble(out var d) && !double.IsInfinity(d) ? d : (object)e.GetRawText();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Array:
                    var items = new List<object?>();
                    foreach (var item in e.EnumerateArray()) items.Add(Plain(item));
                    return items.ToArray();
                case JsonValueKind.Object:
                    var map = new OrderedDictionary(StringComparer.Ordinal);
                    foreach (var p in e.EnumerateObject()) map[p.Name] = Plain(p.Value);
                    return map;
                default: return null;
            }
        }
    }
}
