using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MoaiPatterns.Serialization
{
    /// <summary>
    /// The seed's JSON for a pattern: snake_case keys, <c>pattern_type</c> as <c>task_completion</c>
    /// etc., ISO 8601 timestamps, unknown fields kept verbatim at every level.
    /// </summary>
    public static class PatternJson
    {
        internal static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
        };

        private static readonly JsonWriterOptions Indented = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private static readonly JsonWriterOptions Compact = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>UTF-8 JSON of a pattern; pretty-printed (two spaces, as the seed) unless <paramref name="indented"/> is false.</summary>
        public static byte[] ToUtf8Bytes(MoaiPattern pattern, bool indented = true)
        {
            using var buffer = new MemoryStream(1024);
            using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
            {
                Write(writer, pattern);
            }
            return buffer.ToArray();
        }

        public static string ToJson(MoaiPattern pattern, bool indented = true) =>
            System.Text.Encoding.UTF8.GetString(ToUtf8Bytes(pattern, indented));

        /// <summary>The pattern as a mutable JSON tree (the shape validation works on).</summary>
        public static JsonObject ToNode(MoaiPattern pattern) =>
            (JsonObject)JsonNode.Parse(ToUtf8Bytes(pattern, indented: false))!;

        /// <summary>Serializes just the data payload (e.g. for a SQLite <c>data</c> column).</summary>
        public static string DataToJson(PatternData data) => JsonSerializer.Serialize(data, data.GetType(), Options);

        /// <summary>Serializes just the context (e.g. for a SQLite <c>context</c> column).</summary>
        public static string ContextToJson(PatternContext context) => JsonSerializer.Serialize(context, Options);

        public static void Write(Utf8JsonWriter writer, MoaiPattern pattern)
        {
            writer.WriteStartObject();
            writer.WriteString("pattern_id", pattern.PatternId);
            writer.WriteString("pattern_type", pattern.PatternType.ToWireName());
            writer.WriteString("timestamp", pattern.TimestampText ?? IsoTimestamp.Format(pattern.Timestamp));
            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, pattern.Data, pattern.Data.GetType(), Options);
            writer.WritePropertyName("context");
            JsonSerializer.Serialize(writer, pattern.Context ?? new PatternContext(), Options);
            writer.WriteString("version", pattern.Version ?? MoaiPattern.CurrentVersion);
            if (pattern.AdditionalProperties != null)
            {
                foreach (var kv in pattern.AdditionalProperties)
                {
                    if (IsRootField(kv.Key)) continue;
                    writer.WritePropertyName(kv.Key);
                    kv.Value.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }

        public static MoaiPattern Parse(ReadOnlySpan<byte> utf8Json)
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            using var doc = JsonDocument.ParseValue(ref reader);
            return FromElement(doc.RootElement);
        }

        public static MoaiPattern Parse(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return FromElement(doc.RootElement);
        }

        public static MoaiPattern FromNode(JsonObject node)
        {
            // Written once as UTF-8 into a reused buffer and read back: no string, no transcoding.
            var buffer = NodeBuffer.Rent();
            try
            {
                using (var writer = new Utf8JsonWriter(buffer, Compact)) node.WriteTo(writer);
                return Parse(new ReadOnlySpan<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
            finally { NodeBuffer.Return(buffer); }
        }

        /// <summary>Reads a stored pattern. Lenient where the seed was (no offset = local time), strict on shape.</summary>
        public static MoaiPattern FromElement(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) throw new JsonException("A pattern must be a JSON object.");
            string? id = null; PatternType? type = null; DateTimeOffset? timestamp = null; string? timestampText = null;
            JsonElement? data = null, context = null; string? version = null;
            JsonFields? extra = null;
            foreach (var prop in root.EnumerateObject())
            {
                switch (prop.Name)
                {
                    case "pattern_id": id = prop.Value.ValueKind == JsonValueKind.String ? prop.Value.GetString() : null; break;
                    case "pattern_type":
                        if (prop.Value.ValueKind == JsonValueKind.String && PatternTypeNames.TryParse(prop.Value.GetString(), out var t)) type = t;
                        break;
                    case "timestamp":
                        if (prop.Value.ValueKind == JsonValueKind.String && IsoTimestamp.TryParse(prop.Value.GetString(), out var ts)) { timestamp = ts; timestampText = prop.Value.GetString(); }
                        break;
                    case "data": data = prop.Value; break;
                    case "context": context = prop.Value; break;
                    case "version": version = prop.Value.ValueKind == JsonValueKind.String ? prop.Value.GetString() : prop.Value.GetRawText(); break;
                    default:
                        (extra ??= new JsonFields())[prop.Name] = prop.Value.Clone();
                        break;
                }
            }
            if (id == null) throw new JsonException("pattern_id is missing or not a string.");
            if (type == null) throw new JsonException("pattern_type is missing or unknown.");
            if (timestamp == null) throw new JsonException("timestamp is missing or not ISO 8601.");
            if (data == null || data.Value.ValueKind != JsonValueKind.Object) throw new JsonException("data is missing or not an object.");
            var typedData = (PatternData)JsonSerializer.Deserialize(data.Value, DataClrType(type.Value), Options)!;
            PatternContext ctx = context != null && context.Value.ValueKind == JsonValueKind.Object
                ? JsonSerializer.Deserialize<PatternContext>(context.Value, Options) ?? new PatternContext()
                : new PatternContext();
            return Assemble(id, type.Value, timestamp.Value, timestampText!, typedData, ctx, version, extra);
        }

        /// <summary>A pattern from its read parts, as every reader completes it: tags and version filled in, the timestamp's text kept when it can be written back as is.</summary>
        internal static MoaiPattern Assemble(string id, PatternType type, DateTimeOffset timestamp, string timestampText, PatternData data,
            PatternContext context, string? version, JsonFields? extra)
        {
            context.Tags ??= Array.Empty<string>();
            return new MoaiPattern(id, type, timestamp, data, context)
            {
                Version = version ?? MoaiPattern.CurrentVersion,
                AdditionalProperties = extra ?? new JsonFields(),
                TimestampText = IsoTimestamp.IsVerbatimKeepable(timestampText) ? timestampText : null,
            };
        }

        public static Type DataClrType(PatternType type)
        {
            switch (type)
            {
                case PatternType.TaskCompletion: return typeof(TaskCompletionData);
                case PatternType.ErrorOccurrence: return typeof(ErrorOccurrenceData);
                case PatternType.AgentUsage: return typeof(AgentUsageData);
                case PatternType.UserCorrection: return typeof(UserCorrectionData);
                default: throw new ArgumentOutOfRangeException(nameof(type));
            }
        }

        /// <summary>Reads a data payload stored on its own (SQLite <c>data</c> column).</summary>
        public static PatternData ParseData(PatternType type, string json) =>
            (PatternData)JsonSerializer.Deserialize(json, DataClrType(type), Options)!;

        /// <summary>Reads a context stored on its own (SQLite <c>context</c> column); null or empty gives an empty context.</summary>
        public static PatternContext ParseContext(string? json)
        {
            if (string.IsNullOrWhiteSpace(json)) return new PatternContext();
            var ctx = JsonSerializer.Deserialize<PatternContext>(json!, Options) ?? new PatternContext();
            ctx.Tags ??= Array.Empty<string>();
            return ctx;
        }

        private static bool IsRootField(string name) =>
            name == "pattern_id" || name == "pattern_type" || name == "timestamp" || name == "data" || name == "context" || name == "version";
    }
}
