using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using MoaiPatterns.Input;
using MoaiPatterns.Otlp;
using MoaiPatterns.Tests.Schema;
using Xunit;

namespace MoaiPatterns.Tests.Otlp
{
    /// <summary>The mapping of each pattern type to an OTLP span: names, GenAI attributes, times, status, events.</summary>
    public sealed class OtlpTraceJsonTests
    {
        private static MoaiPattern Pattern(string json) => PatternInput.ToValidated(json).Pattern;

        private static JsonElement Span(MoaiPattern p, out JsonElement resource)
        {
            var doc = JsonDocument.Parse(OtlpTraceJson.ToJson(p)).RootElement;
            var rs = doc.GetProperty("resourceSpans").EnumerateArray().Single();
            resource = rs.GetProperty("resource");
            return rs.GetProperty("scopeSpans").EnumerateArray().Single().GetProperty("spans").EnumerateArray().Single();
        }

        private static JsonElement Span(MoaiPattern p) => Span(p, out _);

        private static Dictionary<string, JsonElement> Attributes(JsonElement owner) =>
            owner.GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value"));

        /// <summary>The span of each type carries every seed field of that type as moai.&lt;field&gt;, on the span or on its
        /// event (long texts: the correction's outputs; the stack trace is the exception event's exception.stacktrace). The
        /// span shapes list the fields by hand; this holds that list to the schema's rule table, so none can be left out.</summary>
        [Theory]
        [InlineData(PatternType.TaskCompletion)]
        [InlineData(PatternType.ErrorOccurrence)]
        [InlineData(PatternType.AgentUsage)]
        [InlineData(PatternType.UserCorrection)]
        public void Every_seed_field_of_the_type_is_a_moai_attribute(PatternType type)
        {
            var fields = MoaiPatterns.Validation.PatternSchema.DataFields(type);
            var data = string.Join(",", fields.Select(f => JsonSerializer.Serialize(f.Name) + ":" + ValueFor(f)));
            var p = Pattern("{\"pattern_id\":\"all-fields\",\"pattern_type\":\"" + type.ToWireName() + "\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"data\":{" + data + "}}");
            var span = Span(p);
            var keys = new HashSet<string>(Attributes(span).Keys);
            if (span.TryGetProperty("events", out var events))
                foreach (var e in events.EnumerateArray()) keys.UnionWith(Attributes(e).Keys);
            foreach (var f in fields)
            {
                var key = f.Name == "stack_trace" ? "exception.stacktrace" : "moai." + f.Name;
                Assert.True(keys.Contains(key), $"{type}: no attribute {key}");
            }
        }

        /// <summary>A valid JSON value for a field, by its kind and constraints.</summary>
        private static string ValueFor(MoaiPatterns.Validation.FieldSpec f)
        {
            if (f.Allowed != null && f.Allowed.Length > 0) return JsonSerializer.Serialize(f.Allowed[0]);
            switch (f.Kind)
            {
                case MoaiPatterns.Validation.FieldKind.Integer: return "1";
                case MoaiPatterns.Validation.FieldKind.Float: return "1.5";
                case MoaiPatterns.Validation.FieldKind.Boolean: return "true";
                case MoaiPatterns.Validation.FieldKind.StringList: return "[\"a\"]";
                case MoaiPatterns.Validation.FieldKind.Object: return "{\"k\":1}";
                case MoaiPatterns.Validation.FieldKind.Timestamp: return "\"2025-01-01T00:00:00Z\"";
                default: return "\"x\"";
            }
        }

        [Fact]
        public void Ids_are_hex_of_the_right_length_and_the_same_for_the_same_pattern_id()
        {
            Assert.Matches("^[0-9a-f]{32}$", OtlpIds.TraceId("a"));
            Assert.Matches("^[0-9a-f]{16}$", OtlpIds.SpanId("a"));
            Assert.Equal(OtlpIds.TraceId("pattern-1"), OtlpIds.TraceId("pattern-1"));
            Assert.NotEqual(OtlpIds.TraceId("pattern-1"), OtlpIds.TraceId("pattern-2"));
            Assert.NotEqual(OtlpIds.SpanId("pattern-1"), OtlpIds.SpanId("pattern-2"));
            var p = Pattern(SeedExamples.TaskCompletion);
            Assert.Equal(OtlpTraceJson.ToJson(p), OtlpTraceJson.ToJson(Pattern(SeedExamples.TaskCompletion)));
        }

        [Fact]
        public void A_task_completion_is_an_invoke_agent_span_lasting_its_duration()
        {
            var p = Pattern(SeedExamples.TaskCompletion); // expert-backend, 100 ms, success false, 2025-11-29T11:39:51+00:00
            var span = Span(p, out var resource);
            Assert.Equal("invoke_agent expert-backend", span.GetProperty("name").GetString());
            Assert.Equal(1, span.GetProperty("kind").GetInt32());
            Assert.Equal(OtlpIds.TraceId(p.PatternId), span.GetProperty("traceId").GetString());
            var start = new DateTimeOffset(2025, 11, 29, 11, 39, 51, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000L;
            Assert.Equal(start.ToString(), span.GetProperty("startTimeUnixNano").GetString());
            Assert.Equal((start + 100_000_000L).ToString(), span.GetProperty("endTimeUnixNano").GetString());
            var a = Attributes(span);
            Assert.Equal("invoke_agent", a["gen_ai.operation.name"].GetProperty("stringValue").GetString());
            Assert.Equal("expert-backend", a["gen_ai.agent.name"].GetProperty("stringValue").GetString());
            Assert.Equal("code_generation", a["moai.task_type"].GetProperty("stringValue").GetString());
            Assert.Equal("100", a["moai.duration_ms"].GetProperty("intValue").GetString());
            Assert.Equal(50.0, a["moai.coverage_percent"].GetProperty("doubleValue").GetDouble());
            Assert.False(a["moai.success"].GetProperty("boolValue").GetBoolean());
            Assert.Equal("auth", a["moai.tags"].GetProperty("arrayValue").GetProperty("values")[0].GetProperty("stringValue").GetString());
            Assert.Equal(2, span.GetProperty("status").GetProperty("code").GetInt32()); // failed
            var r = Attributes(resource);
            Assert.Equal("moai-adk", r["service.name"].GetProperty("stringValue").GetString());
            Assert.Equal("development", r["deployment.environment.name"].GetProperty("stringValue").GetString());
        }

        [Fact]
        public void Agent_usage_carries_token_usage_and_a_successful_run_has_no_error_status()
        {
            var p = Pattern(SeedExamples.AgentUsageEveryField);
            var span = Span(p);
            var a = Attributes(span);
            var data = (AgentUsageData)p.Data;
            Assert.Equal("invoke_agent " + data.AgentType, span.GetProperty("name").GetString());
            Assert.Equal(data.TokensUsed.ToString(), a["gen_ai.usage.total_tokens"].GetProperty("intValue").GetString());
            Assert.Equal(data.ToolsUsed!.Length, a["moai.tools_used"].GetProperty("arrayValue").GetProperty("values").GetArrayLength());
            if (data.Success == true) Assert.False(span.TryGetProperty("status", out _));
        }

        [Fact]
        public void An_error_is_an_error_span_with_an_exception_event()
        {
            var p = Pattern(SeedExamples.ErrorOccurrence);
            var span = Span(p);
            Assert.Equal("error KeyError", span.GetProperty("name").GetString());
            var status = span.GetProperty("status");
            Assert.Equal(2, status.GetProperty("code").GetInt32());
            Assert.Equal("failure number 1 in handler", status.GetProperty("message").GetString());
            Assert.Equal(span.GetProperty("startTimeUnixNano").GetString(), span.GetProperty("endTimeUnixNano").GetString());
            var ev = span.GetProperty("events").EnumerateArray().Single();
            Assert.Equal("exception", ev.GetProperty("name").GetString());
            var e = Attributes(ev);
            Assert.Equal("KeyError", e["exception.type"].GetProperty("stringValue").GetString());
            Assert.Equal("failure number 1 in handler", e["exception.message"].GetProperty("stringValue").GetString());
            Assert.StartsWith("Traceback", e["exception.stacktrace"].GetProperty("stringValue").GetString());
            Assert.Equal("KeyError", Attributes(span)["error.type"].GetProperty("stringValue").GetString());
        }

        [Fact]
        public void A_correction_is_an_event_on_its_span()
        {
            var p = Pattern(SeedExamples.UserCorrectionEveryField);
            var data = (UserCorrectionData)p.Data;
            var span = Span(p);
            var ev = span.GetProperty("events").EnumerateArray().Single();
            Assert.Equal("moai.user_correction", ev.GetProperty("name").GetString());
            var e = Attributes(ev);
            Assert.Equal(data.OriginalOutput, e["moai.original_output"].GetProperty("stringValue").GetString());
            Assert.Equal(data.CorrectedOutput, e["moai.corrected_output"].GetProperty("stringValue").GetString());
            Assert.Equal(data.Agent, Attributes(span)["gen_ai.agent.name"].GetProperty("stringValue").GetString());
            Assert.False(span.TryGetProperty("status", out _));
        }

        [Fact]
        public void Unknown_fields_and_metadata_are_kept_under_moai()
        {
            var p = Pattern("{\"pattern_id\":\"x-1\",\"pattern_type\":\"task_completion\",\"timestamp\":\"2024-05-01T12:00:00.123456+05:30\","
                + "\"data\":{\"task_type\":\"t\",\"agent\":\"cöder ✓\",\"duration_ms\":5,\"success\":true,\"extra\":{\"a\":[1]},\"n\":2.5},"
                + "\"context\":{\"tags\":[],\"metadata\":{\"emoji\":\"🦜\"}},\"version\":\"1.0\"}");
            var span = Span(p, out var resource);
            var a = Attributes(span);
            Assert.Equal("{\"a\":[1]}", a["moai.data.extra"].GetProperty("stringValue").GetString());
            Assert.Equal(2.5, a["moai.data.n"].GetProperty("doubleValue").GetDouble());
            Assert.Equal("🦜", a["moai.metadata.emoji"].GetProperty("stringValue").GetString());
            Assert.False(a.ContainsKey("moai.tags")); // no empty arrays
            Assert.Equal(OtlpTraceJson.DefaultServiceName, Attributes(resource)["service.name"].GetProperty("stringValue").GetString());
            // .123456 seconds kept to the microsecond (DateTimeOffset's 100 ns resolution).
            Assert.EndsWith("123456000", span.GetProperty("startTimeUnixNano").GetString());
        }
    }
}
