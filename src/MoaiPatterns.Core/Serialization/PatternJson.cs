using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text;
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
            // Every store read comes here: first the streamed path (no JsonDocument, data and context deserialized
            // straight from the reader); anything it does not take on (see TryParseStreamed) gets the element path,
            // which defines the result and every error message.
            try
            {
                var fast = TryParseStreamed(utf8Json);
                if (fast != null) return fast;
            }
            catch (JsonException) { }
            catch (InvalidOperationException) { }
            catch (FormatException) { }
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            using var doc = JsonDocument.ParseValue(ref reader);
            return FromElement(doc.RootElement);
        }

        private static readonly byte[] IdName = Encoding.UTF8.GetBytes("pattern_id");
        private static readonly byte[] TypeName = Encoding.UTF8.GetBytes("pattern_type");
        private static readonly byte[] TimestampName = Encoding.UTF8.GetBytes("timestamp");
        private static readonly byte[] DataName = Encoding.UTF8.GetBytes("data");
        private static readonly byte[] ContextName = Encoding.UTF8.GetBytes("context");
        private static readonly byte[] VersionName = Encoding.UTF8.GetBytes("version");

        /// <summary>
        /// The pattern read in one pass with the reader, as <see cref="FromElement"/> would read it, for the shape
        /// every writer produces: each of the six fields at most once, well typed, the type before the data. Null
        /// (or an exception) for anything else; the caller then takes the element path. About 40% less time per
        /// pattern than building a JsonDocument first (measured on the bench's files).
        /// </summary>
        private static MoaiPattern? TryParseStreamed(ReadOnlySpan<byte> utf8Json)
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            string? id = null, timestampText = null, version = null;
            PatternType? type = null;
            DateTimeOffset timestamp = default;
            PatternData? data = null;
            PatternContext? context = null;
            JsonFields? extra = null;
            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals(IdName) ? 1 : reader.ValueTextEquals(TypeName) ? 2 : reader.ValueTextEquals(TimestampName) ? 4
                    : reader.ValueTextEquals(DataName) ? 8 : reader.ValueTextEquals(ContextName) ? 16 : reader.ValueTextEquals(VersionName) ? 32 : 0;
                if (field == 0)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    using var doc = JsonDocument.ParseValue(ref reader);
                    (extra ??= new JsonFields())[name] = doc.RootElement.Clone();
                    continue;
                }
                if ((seen & field) != 0) return null; // a repeated field: the element path decides which one counts
                seen |= field;
                reader.Read();
                switch (field)
                {
                    case 1:
                        if (reader.TokenType != JsonTokenType.String) return null;
                        id = reader.GetString();
                        break;
                    case 2:
                        if (reader.TokenType != JsonTokenType.String || !PatternTypeNames.TryParse(reader.GetString(), out var t)) return null;
                        type = t;
                        break;
                    case 4:
                        if (reader.TokenType != JsonTokenType.String) return null;
                        timestampText = reader.GetString();
                        if (!IsoTimestamp.TryParse(timestampText, out timestamp)) return null;
                        break;
                    case 8:
                        if (type == null || reader.TokenType != JsonTokenType.StartObject) return null;
                        data = (PatternData?)JsonSerializer.Deserialize(ref reader, DataClrType(type.Value), Options);
                        if (data == null) return null;
                        break;
                    case 16:
                        if (reader.TokenType != JsonTokenType.StartObject) return null;
                        context = JsonSerializer.Deserialize<PatternContext>(ref reader, Options);
                        break;
                    case 32:
                        if (reader.TokenType != JsonTokenType.String) return null;
                        version = reader.GetString();
                        break;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || id == null || type == null || timestampText == null || data == null) return null;
            return Assemble(id, type.Value, timestamp, timestampText, data, context ?? new PatternContext(), version, extra);
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
