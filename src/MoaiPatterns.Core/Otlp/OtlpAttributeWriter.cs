using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace MoaiPatterns.Otlp
{
    /// <summary>
    /// Writes OTLP/JSON <c>KeyValue</c> lists: int64 values as decimal strings (the proto3 JSON rule OTLP
    /// follows), nothing written for a missing value, so an attribute is present only when the pattern had it.
    /// </summary>
    internal sealed class OtlpAttributeWriter
    {
        private readonly Utf8JsonWriter _w;

        public OtlpAttributeWriter(Utf8JsonWriter writer) => _w = writer;

        public void String(string key, string? value)
        {
            if (value == null) return;
            Begin(key);
            _w.WriteString("stringValue", value);
            End();
        }

        public void Int(string key, long? value)
        {
            if (value == null) return;
            Begin(key);
            _w.WriteString("intValue", value.Value.ToString(CultureInfo.InvariantCulture));
            End();
        }

        public void Double(string key, double? value)
        {
            if (value == null || double.IsNaN(value.Value) || double.IsInfinity(value.Value)) return;
            Begin(key);
            _w.WriteNumber("doubleValue", value.Value);
            End();
        }

        public void Bool(string key, bool? value)
        {
            if (value == null) return;
            Begin(key);
            _w.WriteBoolean("boolValue", value.Value);
            End();
        }

        public void Strings(string key, IReadOnlyList<string>? values)
        {
            if (values == null || values.Count == 0) return;
            Begin(key);
            _w.WriteStartObject("arrayValue");
            _w.WriteStartArray("values");
            foreach (var v in values)
            {
                _w.WriteStartObject();
                _w.WriteString("stringValue", v);
                _w.WriteEndObject();
            }
            _w.WriteEndArray();
            _w.WriteEndObject();
            End();
        }

        /// <summary>A field the schema does not know: scalars keep their kind, anything else is its compact JSON text.</summary>
        public void Json(string key, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: String(key, value.GetString()); break;
                case JsonValueKind.True: Bool(key, true); break;
                case JsonValueKind.False: Bool(key, false); break;
                case JsonValueKind.Number:
                    if (value.TryGetInt64(out var i)) Int(key, i);
                    else Double(key, value.GetDouble());
                    break;
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    break;
                default: String(key, value.GetRawText()); break;
            }
        }

        private void Begin(string key)
        {
            _w.WriteStartObject();
            _w.WriteString("key", key);
            _w.WriteStartObject("value");
        }

        private void End()
        {
            _w.WriteEndObject();
            _w.WriteEndObject();
        }
    }
}
