using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MoaiPatterns.Serialization
{
    /// <summary>Reads and writes nullable timestamps through <see cref="IsoTimestamp"/>.</summary>
    public sealed class IsoTimestampConverter : JsonConverter<DateTimeOffset?>
    {
        public override bool HandleNull => true;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.String || !IsoTimestamp.TryParse(reader.GetString(), out var value))
                throw new JsonException("Expected an ISO 8601 timestamp string.");
            return value;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value == null) writer.WriteNullValue();
            else writer.WriteStringValue(IsoTimestamp.Format(value.Value));
        }
    }
}
