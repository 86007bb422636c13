using System;
using System.Collections;
using System.Text.Json.Nodes;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Input
{
    /// <summary>Turns a plain .NET value into the value of a field's typed property; false when this path does not take it.</summary>
    internal delegate bool ClrFieldValue<T>(object? value, Func<object, object?>? adapt, out T result);

    /// <summary>Sets one field of a typed object (data or context) from a plain .NET value; false when this path does not take it.</summary>
    internal delegate bool FieldWriter(object target, object? value, Func<object, object?>? adapt);

    /// <summary>
    /// What a typed property gets from a plain .NET value: exactly what System.Text.Json would read from the JSON
    /// <see cref="InputConverter"/> writes for that value, for the values whose JSON is unambiguous (a string for a
    /// string field, an integer type for an integer field, a finite double or an integer for a float field, a bool,
    /// a list of strings, a timestamp). Anything else answers false, and the input takes the tree path, which
    /// converts and judges it. Bound to each field of the rule table by <see cref="Validation.TypedAccessors"/>.
    /// </summary>
    internal static class ClrFieldValues
    {
        // Beyond 2^53 a long and the double read back from its literal are compared by rounding: left to the tree path.
        private const long ExactDoubleLimit = 1L << 53;

        public static bool Text(object? value, Func<object, object?>? adapt, out string result)
        {
            result = value as string ?? string.Empty;
            return value is string;
        }

        /// <summary>A timestamp field: text as given, a DateTimeOffset or DateTime as the converter writes it.</summary>
        public static bool Timestamp(object? value, Func<object, object?>? adapt, out string result)
        {
            result = string.Empty;
            switch (value)
            {
                case string s: result = s; return true;
                case DateTimeOffset _:
                case DateTime _:
                    var text = InstantText(value);
                    if (text == null) return false;
                    result = text;
                    return true;
                default: return false;
            }
        }

        public static bool Integer(object? value, Func<object, object?>? adapt, out long result)
        {
            switch (value)
            {
                case long l: result = l; return true;
                case int i: result = i; return true;
                case short s: result = s; return true;
                case sbyte sb: result = sb; return true;
                case byte b: result = b; return true;
                case ushort us: result = us; return true;
                case uint ui: result = ui; return true;
                default: result = 0; return false;
            }
        }

        public static bool Boolean(object? value, Func<object, object?>? adapt, out bool result)
        {
            result = value is bool b && b;
            return value is bool;
        }

        /// <summary>A finite double reads back as written with a fraction (Python repr); an integer as an integer literal.</summary>
        public static bool Float(object? value, Func<object, object?>? adapt, out JsonFloat result)
        {
            result = default;
            if (value is double d)
            {
                if (double.IsNaN(d) || double.IsInfinity(d)) return false;
                result = new JsonFloat(d, false);
                return true;
            }
            if (!Integer(value, adapt, out var n) || n > ExactDoubleLimit || n < -ExactDoubleLimit) return false;
            result = new JsonFloat(n, true);
            return true;
        }

        /// <summary>A list (array, List, …) of strings; each item adapted as the converter adapts it.</summary>
        public static bool TextList(object? value, Func<object, object?>? adapt, out string[] result)
        {
            result = Array.Empty<string>();
            if (!(value is IList list) || value is JsonNode) return false;
            var items = list.Count == 0 ? Array.Empty<string>() : new string[list.Count];
            for (var i = 0; i < items.Length; i++)
            {
                var item = list[i];
                if (item != null && adapt != null) item = adapt(item);
                if (!(item is string s)) return false;
                items[i] = s;
            }
            result = items;
            return true;
        }

        /// <summary>A JSON null in a field the seed types Optional[...], or a value.</summary>
        public static ClrFieldValue<JsonField<T>> OrNull<T>(ClrFieldValue<T> read) =>
            (object? value, Func<object, object?>? adapt, out JsonField<T> result) =>
            {
                result = JsonField<T>.Null;
                if (value == null) return true;
                if (!read(value, adapt, out var v)) return false;
                result = JsonField<T>.Of(v);
                return true;
            };

        /// <summary>Present values only (a JSON null there is the tree validator's to report).</summary>
        public static ClrFieldValue<T?> Present<T>(ClrFieldValue<T> read) where T : struct =>
            (object? value, Func<object, object?>? adapt, out T? result) =>
            {
                result = null;
                if (!read(value, adapt, out var v)) return false;
                result = v;
                return true;
            };

        /// <summary>The text a DateTimeOffset or DateTime is written as (a DateTime of unspecified kind is local time); null when it cannot be placed.</summary>
        public static string? InstantText(object value)
        {
            switch (value)
            {
                case DateTimeOffset dto: return IsoTimestamp.Format(dto);
                case DateTime dt:
                    try { return IsoTimestamp.Format(new DateTimeOffset(dt)); }
                    catch (ArgumentOutOfRangeException) { return null; }
                default: return null;
            }
        }
    }
}
