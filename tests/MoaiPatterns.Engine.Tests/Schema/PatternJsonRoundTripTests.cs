using System;
using System.Linq;
using System.Text.Json.Nodes;
using MoaiPatterns.Serialization;
using Xunit;

namespace MoaiPatterns.Tests.Schema
{
    public class PatternJsonRoundTripTests
    {
        public static TheoryData<string> Examples()
        {
            var data = new TheoryData<string>();
            foreach (var e in SeedExamples.All) data.Add(e);
            return data;
        }

        [Theory]
        [MemberData(nameof(Examples))]
        public void Seed_json_round_trips_exactly(string json)
        {
            var pattern = PatternJson.Parse(json);
            var written = PatternJson.ToJson(pattern);
            Assert.True(JsonTree.ExactlyEqual(json, written), written);
        }

        [Theory]
        [MemberData(nameof(Examples))]
        public void Seed_json_is_written_in_the_seed_layout(string json)
        {
            // Same keys in the same order, two-space indentation: the file the seed would write.
            Assert.Equal(json.Replace("\r\n", "\n"), PatternJson.ToJson(PatternJson.Parse(json)).Replace("\r\n", "\n"));
        }

        [Fact]
        public void Float_fields_keep_the_form_they_were_written_in()
        {
            var tc = PatternJson.Parse(SeedExamples.TaskCompletion);
            Assert.Equal(50.0, ((TaskCompletionData)tc.Data).CoveragePercent);
            Assert.Contains("\"coverage_percent\":50.0", PatternJson.ToJson(tc, indented: false));

            var au = PatternJson.Parse(SeedExamples.AgentUsage);
            Assert.Equal(12.0, ((AgentUsageData)au.Data).CpuPercent);
            Assert.Contains("\"cpu_percent\":12}", PatternJson.ToJson(au, indented: false));

            // A value set in .NET is a float, written as Python writes floats.
            ((AgentUsageData)au.Data).CpuPercent = 13;
            ((AgentUsageData)au.Data).MemoryMb = 0.00001;
            var text = PatternJson.ToJson(au, indented: false);
            Assert.Contains("\"cpu_percent\":13.0", text);
            Assert.Contains("\"memory_mb\":1e-05", text);
        }

        [Fact]
        public void Timestamp_text_is_kept_while_the_value_is_unchanged()
        {
            var eo = PatternJson.Parse(SeedExamples.ErrorOccurrence);
            Assert.Equal(new DateTimeOffset(2025, 11, 29, 0, 25, 54, TimeSpan.Zero), eo.Timestamp);
            Assert.Contains("\"timestamp\":\"2025-11-29T00:25:54Z\"", PatternJson.ToJson(eo, indented: false));

            eo.Timestamp = eo.Timestamp.AddSeconds(1);
            Assert.Contains("\"timestamp\":\"2025-11-29T00:25:55+00:00\"", PatternJson.ToJson(eo, indented: false));
        }

        [Fact]
        public void A_timestamp_without_offset_is_read_as_local_time_and_written_with_its_offset()
        {
            var json = SeedExamples.TaskCompletion.Replace("2025-11-29T11:39:51+00:00", "2025-06-01T12:00:00.250000");
            var pattern = PatternJson.Parse(json);
            var local = new DateTime(2025, 6, 1, 12, 0, 0, 250);
            Assert.Equal(TimeZoneInfo.Local.GetUtcOffset(local), pattern.Timestamp.Offset);
            Assert.Equal(local, pattern.Timestamp.DateTime);
            var written = PatternJson.ToNode(pattern)["timestamp"]!.GetValue<string>();
            Assert.Equal(IsoTimestamp.Format(pattern.Timestamp), written);
            Assert.Matches(@"[+-]\d\d:\d\d$", written);
        }

        [Fact]
        public void Context_timestamp_round_trips_exactly_and_follows_changes()
        {
            var json = SeedExamples.TaskCompletion.Replace("\"project_name\": \"moai-adk\",", "\"project_name\": \"moai-adk\",\n    \"timestamp\": \"2025-11-29T11:39:51.5Z\",");
            var pattern = PatternJson.Parse(json);
            Assert.True(JsonTree.ExactlyEqual(json, PatternJson.ToJson(pattern)));
            pattern.Context.Timestamp = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(9));
            Assert.Equal("2025-01-02T03:04:05+09:00", PatternJson.ToNode(pattern)["context"]!["timestamp"]!.GetValue<string>());
        }

        [Fact]
        public void Unknown_fields_at_every_level_survive_a_round_trip()
        {
            var root = SeedExamples.Node(SeedExamples.AgentUsage);
            root["extra_root"] = new JsonObject { ["n"] = JsonNode.Parse("1.50"), ["list"] = new JsonArray(1, "two", null) };
            root["data"]!["model"] = "gpt";
            root["data"]!["empty"] = null;
            root["context"]!["host"] = new JsonObject { ["os"] = "linux" };
            root["context"]!["metadata"] = new JsonObject { ["k"] = JsonNode.Parse("[true, 2.0]") };
            var json = root.ToJsonString();

            var written = PatternJson.ToJson(PatternJson.Parse(json));
            Assert.True(JsonTree.ExactlyEqual(json, written), written);
        }

        [Fact]
        public void Sqlite_columns_round_trip_exactly()
        {
            // The seed's SQLite data column for the first example.
            const string column = "{\"task_type\": \"code_generation\", \"agent\": \"expert-backend\", \"duration_ms\": 100, \"success\": false, \"files_created\": 0, \"tests_passed\": 0, \"coverage_percent\": 50.0, \"retry_count\": 0}";
            var data = PatternJson.ParseData(PatternType.TaskCompletion, column);
            Assert.True(JsonTree.ExactlyEqual(column, PatternJson.DataToJson(data)));
        }

        public static TheoryData<string, long, int> Stamps => new TheoryData<string, long, int>
        {
            // text, ticks of the local clock time, offset minutes
            { "2025-11-29T11:39:51+00:00", new DateTime(2025, 11, 29, 11, 39, 51).Ticks, 0 },
            { "2025-11-29T11:39:51Z", new DateTime(2025, 11, 29, 11, 39, 51).Ticks, 0 },
            { "2025-11-29T11:39:51.123456+09:00", new DateTime(2025, 11, 29, 11, 39, 51).Ticks + 1234560, 540 },
            { "2025-11-29T11:39:51.1234567-05:30", new DateTime(2025, 11, 29, 11, 39, 51).Ticks + 1234567, -330 },
            { "2025-11-29T11:39:51.123456789+05:45", new DateTime(2025, 11, 29, 11, 39, 51).Ticks + 1234567, 345 },
        };

        [Theory]
        [MemberData(nameof(Stamps))]
        public void IsoTimestamp_parses_to_the_tick_with_the_offset(string text, long ticks, int offsetMinutes)
        {
            Assert.True(IsoTimestamp.TryParse(text, out var value));
            Assert.Equal(ticks, value.Ticks);
            Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), value.Offset);
        }

        [Theory]
        [InlineData(0L, 0)]
        [InlineData(1234560L, 540)]
        [InlineData(1234567L, -330)]
        [InlineData(9999999L, 840)]
        [InlineData(1L, -720)]
        public void IsoTimestamp_format_and_parse_round_trip_to_the_tick(long fractionTicks, int offsetMinutes)
        {
            var value = new DateTimeOffset(new DateTime(2025, 3, 4, 5, 6, 7).AddTicks(fractionTicks), TimeSpan.FromMinutes(offsetMinutes));
            var text = IsoTimestamp.Format(value);
            Assert.True(IsoTimestamp.TryParse(text, out var back));
            Assert.Equal(value.Ticks, back.Ticks);
            Assert.Equal(value.Offset, back.Offset);
            // Microseconds are written with six digits, finer ticks with seven.
            Assert.Equal(fractionTicks == 0 ? 25 : fractionTicks % 10 == 0 ? 32 : 33, text.Length);
        }

        [Theory]
        [InlineData("2025-02-30T00:00:00Z")]
        [InlineData("2025-02-29T00:00:00Z")]
        [InlineData("2025-11-29T11:39:60Z")]
        [InlineData("2025-11-29T11:39:51.Z")]
        [InlineData("2025-11-29T11:39:51+0")]
        [InlineData("29/11/2025")]
        [InlineData("")]
        public void IsoTimestamp_refuses_invalid_dates(string text) => Assert.False(IsoTimestamp.TryParse(text, out _));
    }
}
