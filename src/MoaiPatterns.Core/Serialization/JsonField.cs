using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MoaiPatterns.Serialization
{
    /// <summary>
    /// A field the seed types <c>Optional[...]</c>: absent, given as JSON <c>null</c>, or a value. The seed
    /// writes such nulls (<c>"resolution": null</c>), so a null read is written back instead of being dropped.
    /// </summary>
    [JsonConverter(typeof(JsonFieldConverterFactory))]
    internal readonly struct JsonField<T> : IEquatable<JsonField<T>>
    {
        private const byte AbsentState = 0, NullState = 1, ValueState = 2;

        private readonly byte _state;
        private readonly T _value;

        private JsonField(byte state, T value)
        {
            _state = state;
            _value = value;
        }

        /// <summary>The field given as JSON null.</summary>
        public static readonly JsonField<T> Null = new JsonField<T>(NullState, default!);

        public static JsonField<T> Of(T value) => new JsonField<T>(ValueState, value);

        public bool IsNull => _state == NullState;

        public bool HasValue => _state == ValueState;

        /// <summary>The value; default when absent or null.</summary>
        public T Value => _value;

        public bool Equals(JsonField<T> other) => _state == other._state && EqualityComparer<T>.Default.Equals(_value, other._value);

        public override bool Equals(object? obj) => obj is JsonField<T> other && Equals(other);

        public override int GetHashCode() => _state == ValueState ? EqualityComparer<T>.Default.GetHashCode(_value!) : _state;
    }

    /// <summary>Helpers for the public CLR properties over <see cref="JsonField{T}"/>: setting null means "leave the field out".</summary>
    internal static class JsonField
    {
        public static JsonField<string> From(string? value) => value == null ? default : JsonField<string>.Of(value);

        public static JsonField<long> From(long? value) => value == null ? default : JsonField<long>.Of(value.Value);

        public static JsonField<JsonFloat> From(double? value) => value == null ? default : JsonField<JsonFloat>.Of(new JsonFloat(value.Value, false));

        public static string? Get(JsonField<string> field) => field.HasValue ? field.Value : null;

        public static long? Get(JsonField<long> field) => field.HasValue ? field.Value : (long?)null;

        public static double? Get(JsonField<JsonFloat> field) => field.HasValue ? field.Value.Value : (double?)null;
    }

    internal sealed class JsonFieldConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(JsonField<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(JsonFieldConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
    }

    internal sealed class JsonFieldConverter<T> : JsonConverter<JsonField<T>>
    {
        private JsonConverter<T>? _inner;

        // A JSON null must reach Read: it is the "given as null" state.
        public override bool HandleNull => true;

        public override JsonField<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return JsonField<T>.Null;
            return JsonField<T>.Of(Inner(options).Read(ref reader, typeof(T), options)!);
        }

        public override void Write(Utf8JsonWriter writer, JsonField<T> value, JsonSerializerOptions options)
        {
            // An absent field is skipped by the property's WhenWritingDefault and never reaches here.
            if (value.HasValue) Inner(options).Write(writer, value.Value, options);
            else writer.WriteNullValue();
        }

        private JsonConverter<T> Inner(JsonSerializerOptions options) => _inner ??= (JsonConverter<T>)options.GetConverter(typeof(T));
    }
}
