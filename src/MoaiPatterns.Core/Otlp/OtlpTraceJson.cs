using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MoaiPatterns.Otlp
{
    /// <summary>
    /// One pattern as one OTLP/JSON <c>ExportTraceServiceRequest</c> holding one span, following the
    /// OpenTelemetry GenAI semantic conventions where they say something: task completions and agent usage are
    /// <c>invoke_agent</c> spans (<c>gen_ai.operation.name</c>, <c>gen_ai.agent.name</c>, token usage under
    /// <c>gen_ai.usage.*</c>); an error occurrence is a span with an error status and an <c>exception</c>
    /// event; a user correction is a span carrying a <c>moai.user_correction</c> event. Every field of the seed
    /// is kept under <c>moai.*</c> with its seed name (unknown data fields under <c>moai.data.*</c>).
    /// Ids come from <see cref="OtlpIds"/>; times are Unix nanoseconds as decimal strings; a span ends
    /// <c>duration_ms</c> after its timestamp when the pattern has one, else at it.
    /// </summary>
    public static class OtlpTraceJson
    {
        public const string ScopeName = "MoaiPatterns";
        public const string DefaultServiceName = "moai-patterns";

        // OTLP enum values (OTLP/JSON writes enums as integers).
        private const int SpanKindInternal = 1;
        private const int StatusCodeError = 2;

        private static readonly JsonWriterOptions Compact = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private static readonly string ScopeVersion = typeof(OtlpTraceJson).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

        /// <summary>Compact UTF-8 JSON, no line break: one line of an OTLP/JSON file.</summary>
        public static byte[] ToUtf8Bytes(MoaiPattern pattern)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            using var buffer = new MemoryStream(2048);
            using (var writer = new Utf8JsonWriter(buffer, Compact)) Write(writer, pattern);
            return buffer.ToArray();
        }

        public static string ToJson(MoaiPattern pattern) => System.Text.Encoding.UTF8.GetString(ToUtf8Bytes(pattern));

        /// <summary>Unix nanoseconds of an instant (100 ns resolution, as DateTimeOffset has).</summary>
        public static long UnixNanos(DateTimeOffset time) => checked((time.UtcTicks - UnixEpochTicks) * 100);

        public static void Write(Utf8JsonWriter w, MoaiPattern pattern)
        {
            var context = pattern.Context ?? new PatternContext();
            w.WriteStartObject();
            w.WriteStartArray("resourceSpans");
            w.WriteStartObject();

            w.WriteStartObject("resource");
            w.WriteStartArray("attributes");
            var resource = new OtlpAttributeWriter(w);
            resource.String("service.name", string.IsNullOrEmpty(context.ProjectName) ? DefaultServiceName : context.ProjectName);
            resource.String("deployment.environment.name", context.Environment);
            resource.String("moai.project_name", context.ProjectName);
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartArray("scopeSpans");
            w.WriteStartObject();
            w.WriteStartObject("scope");
            w.WriteString("name", ScopeName);
            w.WriteString("version", ScopeVersion);
            w.WriteEndObject();
            w.WriteStartArray("spans");
            WriteSpan(w, pattern, context);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteSpan(Utf8JsonWriter w, MoaiPattern pattern, PatternContext context)
        {
            var shape = SpanShape.Of(pattern.Data);
            var start = UnixNanos(pattern.Timestamp);
            var end = shape.DurationMs is long ms && ms >= 0 ? start + ms * 1_000_000 : start;

            w.WriteStartObject();
            w.WriteString("traceId", OtlpIds.TraceId(pattern.PatternId));
            w.WriteString("spanId", OtlpIds.SpanId(pattern.PatternId));
            w.WriteString("name", shape.Name);
            w.WriteNumber("kind", SpanKindInternal);
            w.WriteString("startTimeUnixNano", start.ToString(CultureInfo.InvariantCulture));
            w.WriteString("endTimeUnixNano", end.ToString(CultureInfo.InvariantCulture));

            w.WriteStartArray("attributes");
            var a = new OtlpAttributeWriter(w);
            shape.WriteAttributes(a);
            a.String("moai.pattern_id", pattern.PatternId);
            a.String("moai.pattern_type", pattern.PatternType.ToWireName());
            a.String("moai.version", pattern.Version);
            WriteExtras(a, "moai.data.", pattern.Data.AdditionalProperties);
            a.String("session.id", context.SessionId);
            a.String("user.id", context.UserId);
            a.String("vcs.ref.head.name", context.GitBranch);
            a.String("vcs.ref.head.revision", context.GitCommit);
            a.Strings("moai.tags", context.Tags);
            if (context.Timestamp is DateTimeOffset ct) a.String("moai.context.timestamp", Serialization.IsoTimestamp.Format(ct));
            WriteExtras(a, "moai.metadata.", context.Metadata);
            WriteExtras(a, "moai.context.", context.AdditionalProperties);
            w.WriteEndArray();

            if (shape.Event != null)
            {
                w.WriteStartArray("events");
                w.WriteStartObject();
                w.WriteString("timeUnixNano", start.ToString(CultureInfo.InvariantCulture));
                w.WriteString("name", shape.Event);
                w.WriteStartArray("attributes");
                shape.WriteEventAttributes(a);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
            }

            if (shape.Failed)
            {
                w.WriteStartObject("status");
                if (!string.IsNullOrEmpty(shape.StatusMessage)) w.WriteString("message", shape.StatusMessage);
                w.WriteNumber("code", StatusCodeError);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }

        private static void WriteExtras(OtlpAttributeWriter a, string prefix, IDictionary<string, JsonElement>? extras)
        {
            if (extras == null) return;
            var keys = new List<string>(extras.Keys);
            keys.Sort(StringComparer.Ordinal); // stable output whatever the dictionary's order
            foreach (var key in keys) a.Json(prefix + key, extras[key]);
        }
    }
}
