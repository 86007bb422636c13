using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MoaiPatterns.Serialization
{
    /// <summary>
    /// A float field as the seed wrote it: Python writes <c>12</c> for an int and <c>12.0</c> for a
    /// float, and both occur in stored patterns (cpu_percent vs coverage_percent), so the form is kept.
    /// </summary>
    [JsonConverter(typeof(JsonFloatConverter))]
    internal readonly struct JsonFloat
    {
        public JsonFloat(double value, bool writtenAsInteger)
        {
            Value = value;
            WrittenAsInteger = writtenAsInteger;
        }

        public double Value { get; }

        /// <summary>True when the JSON it came from was an integer literal (no fraction, no exponent).</summary>
        public bool WrittenAsInteger { get; }

        public static JsonFloat? From(double? value) => value == null ? (JsonFloat?)null : new JsonFloat(value.Value, false);

        /// <summary>True when it is written as an integer literal (it was read as one and is still whole).</summary>
        public bool WritesAsInteger => WrittenAsInteger && Math.Floor(Value) == Value && Math.Abs(Value) < 9.2e18;

        /// <summary>The literal it is written as (NaN and infinities have none in JSON: their Python repr).</summary>
        public string Literal => WritesAsInteger ? ((long)Value).ToString(CultureInfo.InvariantCulture) : PythonRepr(Value);

        /// <summary>Python's repr of a float: shortest round trip, always with a fraction or exponent.</summary>
        public static string PythonRepr(double value)
        {
            if (double.IsNaN(value)) return "NaN";
            if (double.IsPositiveInfinity(value)) return "Infinity";
            if (double.IsNegativeInfinity(value)) return "-Infinity";
            if (Math.Floor(value) == value && Math.Abs(value) < 1e16)
                return value == 0 ? (1 / value < 0 ? "-0.0" : "0.0") : value.ToString("F0", CultureInfo.InvariantCulture) + ".0";
            var r = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
            if (r.IndexOf('e') >= 0)
            {
                // Python: 1e+16, 1e-05 (two-digit exponent at least).
                var e = r.IndexOf('e');
                var mantissa = r.Substring(0, e);
                var exp = r.Substring(e + 1);
                var sign = exp.StartsWith("-", StringComparison.Ordinal) ? "-" : "+";
                exp = exp.TrimStart('+', '-').TrimStart('0');
                if (exp.Length < 2) exp = exp.PadLeft(2, '0');
                return mantissa + "e" + sign + exp;
            }
            return r.IndexOf('.') >= 0 ? r : r + ".0";
        }

        /// <summary>True when a JSON number literal has no fraction and no exponent.</summary>
        public static bool IsIntegerLiteral(string literal)
        {
            if (literal.Length == 0) return false;
            for (var i = 0; i < literal.Length; i++)
            {
                var c = literal[i];
                if (c == '-' && i == 0) continue;
                if (c < '0' || c > '9') return false;
            }
            return true;
        }
    }

    internal sealed class JsonFloatConverter : JsonConverter<JsonFloat>
    {
        public override JsonFloat Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number) throw new JsonException("Expected a number.");
            var span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
            var literal = System.Text.Encoding.ASCII.GetString(span);
            return new JsonFloat(reader.GetDouble(), JsonFloat.IsIntegerLiteral(literal));
        }

        public override void Write(Utf8JsonWriter writer, JsonFloat value, JsonSerializerOptions options)
        {
            if (value.WritesAsInteger)
                writer.WriteNumberValue((long)value.Value);
            else
                writer.WriteRawValue(JsonFloat.PythonRepr(value.Value), skipInputValidation: false);
        }
    }
}
