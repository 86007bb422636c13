using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Validation
{
    /// <summary>What a field holds, as JSON would show it.</summary>
    internal enum ValueKind : byte
    {
        Absent,
        Null,
        String,
        Number,
        True,
        False,
        List,
        Object,
        /// <summary>A string that is not valid UTF-16 (a lone surrogate); reported by the tree scan, not by field rules.</summary>
        BadText,
        /// <summary>A value that is not JSON at all.</summary>
        Other,
    }

    /// <summary>
    /// One field's value as the rules see it, read either from a JSON tree or from a typed property: so
    /// that one set of rules (<see cref="FieldRules"/>) judges both, and says the same about each.
    /// </summary>
    internal readonly struct FieldValue
    {
        private readonly string? _text;   // String: the text; Number: the literal (null for a typed number until asked)
        private readonly object? _items;  // List: a JsonArray or a string[]
        private readonly double _double;
        private readonly long _long;
        private readonly byte _typedNumber; // 0: a JSON literal; 1: a CLR long; 2: a CLR float

        private FieldValue(ValueKind kind, string? text = null, object? items = null, int count = 0, double d = 0, long l = 0, byte typedNumber = 0, bool integer = false)
        {
            Kind = kind;
            Count = count;
            _text = text;
            _items = items;
            _double = d;
            _long = l;
            _typedNumber = typedNumber;
            IsIntegerLiteral = integer;
        }

        public ValueKind Kind { get; }

        /// <summary>A number written without fraction or exponent (and not from a CLR float, which is never an integer).</summary>
        public bool IsIntegerLiteral { get; }

        public static readonly FieldValue Absent = new FieldValue(ValueKind.Absent);
        public static readonly FieldValue Null = new FieldValue(ValueKind.Null);
        public static readonly FieldValue AnObject = new FieldValue(ValueKind.Object);

        /// <summary>The text of a String (or BadText) value.</summary>
        public string Text => _text ?? string.Empty;

        /// <summary>The JSON literal of a Number, as it is (or would be) written.</summary>
        public string Literal => _text ?? (_typedNumber == 1 ? _long.ToString(CultureInfo.InvariantCulture) : new JsonFloat(_double, IsIntegerLiteral).Literal);

        /// <summary>A CLR float that JSON cannot hold (NaN, infinities).</summary>
        public bool IsNonFiniteClrFloat => _typedNumber == 2 && (double.IsNaN(_double) || double.IsInfinity(_double));

        // ---- typed properties ----

        public static FieldValue Of(string? text)
        {
            if (text == null) return Absent;
            return new FieldValue(JsonScalars.ContainsLoneSurrogate(text) ? ValueKind.BadText : ValueKind.String, text);
        }

        public static FieldValue Of(long? value) =>
            value == null ? Absent : new FieldValue(ValueKind.Number, l: value.Value, typedNumber: 1, integer: true);

        public static FieldValue Of(bool? value) => value == null ? Absent : value.Value ? new FieldValue(ValueKind.True) : new FieldValue(ValueKind.False);

        public static FieldValue Of(JsonFloat? value)
        {
            if (value == null) return Absent;
            var f = value.Value;
            return new FieldValue(ValueKind.Number, d: f.Value, typedNumber: 2, integer: f.WritesAsInteger);
        }

        public static FieldValue Of(string?[]? items) => items == null ? Absent : new FieldValue(ValueKind.List, items: items, count: items.Length);

        public static FieldValue Of(JsonField<string> field) => field.IsNull ? Null : field.HasValue ? Of(field.Value) : Absent;

        public static FieldValue Of(JsonField<long> field) => field.IsNull ? Null : field.HasValue ? Of(field.Value) : Absent;

        public static FieldValue Of(JsonField<JsonFloat> field) => field.IsNull ? Null : field.HasValue ? Of(field.Value) : Absent;

        public static FieldValue OfObject(object? value) => value == null ? Absent : AnObject;

        // ---- JSON trees ----

        /// <summary>The value of a property that is present (a null node is JSON null).</summary>
        public static FieldValue Of(JsonNode? node)
        {
            switch (JsonScalars.KindOf(node))
            {
                case JsonValueKind.Null: return Null;
                case JsonValueKind.True: return new FieldValue(ValueKind.True);
                case JsonValueKind.False: return new FieldValue(ValueKind.False);
                case JsonValueKind.Object: return AnObject;
                case JsonValueKind.Array: return new FieldValue(ValueKind.List, items: node, count: ((JsonArray)node!).Count);
                case JsonValueKind.String:
                    // Lone surrogates in readable strings are the tree scan's to report.
                    return JsonScalars.TryGetString(node, out var s, out var bad) ? new FieldValue(ValueKind.String, s)
                        : new FieldValue(bad ? ValueKind.BadText : ValueKind.Other);
                case JsonValueKind.Number:
                    JsonScalars.TryGetNumberLiteral(node, out var literal, out var clrFloat);
                    return new FieldValue(ValueKind.Number, literal, integer: !clrFloat && JsonFloat.IsIntegerLiteral(literal));
                default:
                    return new FieldValue(ValueKind.Other);
            }
        }

        /// <summary>A named property of a JSON object: absent, null, or its value.</summary>
        public static FieldValue Of(JsonObject? obj, string name) =>
            obj != null && obj.TryGetPropertyValue(name, out var node) ? Of(node) : Absent;

        // ---- reading ----

        /// <summary>How many items a List holds.</summary>
        public int Count { get; }

        public FieldValue Item(int index) => _items is string?[] typed ? ItemOf(typed[index]) : _items is JsonArray array ? Of(array[index]) : Absent;

        // A null item of a typed list is a JSON null in the list.
        private static FieldValue ItemOf(string? text) => text == null ? Null : Of(text);

        /// <summary>The 64-bit value of an integer; false when the literal is outside that range.</summary>
        public bool TryGetLong(out long value)
        {
            if (_typedNumber == 1) { value = _long; return true; }
            return long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        /// <summary>The value of a number; false when it is not finite.</summary>
        public bool TryGetFiniteDouble(out double value)
        {
            if (_typedNumber == 1) value = _long;
            else if (_typedNumber == 2) value = _double;
            else if (!double.TryParse(_text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return false;
            return !double.IsNaN(value) && !double.IsInfinity(value);
        }

        /// <summary>A short description of what was given, e.g. <c>a boolean (true)</c>, <c>null</c>.</summary>
        public string Describe()
        {
            switch (Kind)
            {
                case ValueKind.Null: return "null";
                case ValueKind.True: return "a boolean (true)";
                case ValueKind.False: return "a boolean (false)";
                case ValueKind.Object: return "an object";
                case ValueKind.List: return "a list";
                case ValueKind.Number: return (IsIntegerLiteral ? "an integer (" : "a float (") + JsonScalars.Printable(Literal) + ")";
                case ValueKind.String: return "a string (\"" + JsonScalars.Printable(Text) + "\")";
                case ValueKind.BadText: return "a string that is not valid UTF-16";
                default: return "an unreadable value";
            }
        }
    }
}
