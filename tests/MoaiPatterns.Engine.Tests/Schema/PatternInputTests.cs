using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using MoaiPatterns.Input;
using MoaiPatterns.Serialization;
using MoaiPatterns.Validation;
using Xunit;

namespace MoaiPatterns.Tests.Schema
{
    public class PatternInputTests
    {
        private static readonly DateTimeOffset When = new DateTimeOffset(2025, 11, 29, 11, 39, 51, TimeSpan.Zero);

        private static Hashtable Snake() => new Hashtable
        {
            ["pattern_id"] = "p1",
            ["pattern_type"] = "task_completion",
            ["timestamp"] = "2025-11-29T11:39:51+00:00",
            ["data"] = new Hashtable { ["task_type"] = "code_generation", ["agent"] = "expert-backend", ["duration_ms"] = 2500, ["success"] = true, ["coverage_percent"] = 87.5 },
            ["context"] = new Hashtable { ["project_name"] = "moai-adk", ["environment"] = "staging", ["tags"] = new[] { "api", "auth" } },
        };

        private static Hashtable Pascal() => new Hashtable(StringComparer.OrdinalIgnoreCase)
        {
            ["PatternId"] = "p1",
            ["PatternType"] = PatternType.TaskCompletion,
            ["Timestamp"] = When,
            ["Data"] = new Hashtable { ["TaskType"] = "code_generation", ["Agent"] = "expert-backend", ["DurationMs"] = 2500L, ["Success"] = true, ["CoveragePercent"] = 87.5 },
            ["Context"] = new Hashtable { ["ProjectName"] = "moai-adk", ["Environment"] = "staging", ["Tags"] = new List<object> { "api", "auth" } },
        };

        private static string Json(MoaiPattern p) => PatternJson.ToJson(p, indented: false);

        [Fact]
        public void PascalCase_camelCase_and_snake_case_dictionaries_give_the_same_pattern()
        {
            var expected = Json(PatternInput.ToPattern(Snake()));
            Assert.Equal(expected, Json(PatternInput.ToPattern(Pascal())));

            var camel = new Dictionary<string, object?>
            {
                ["patternId"] = "p1", ["patternType"] = "TaskCompletion", ["timestamp"] = "2025-11-29T11:39:51+00:00",
                ["data"] = new Dictionary<string, object?> { ["taskType"] = "code_generation", ["agent"] = "expert-backend", ["durationMs"] = 2500, ["success"] = true, ["coveragePercent"] = 87.5m },
                ["context"] = new Dictionary<string, object?> { ["projectName"] = "moai-adk", ["environment"] = "staging", ["tags"] = new[] { "api", "auth" } },
            };
            Assert.Equal(expected, Json(PatternInput.ToPattern(camel)));
        }

        [Fact]
        public void Every_input_shape_gives_the_same_pattern()
        {
            var pattern = PatternInput.ToPattern(Snake());
            var expected = Json(pattern);
            var text = PatternJson.ToJson(pattern);
            using var doc = JsonDocument.Parse(text);
            var ordered = new OrderedDictionary { ["Id"] = "p1", ["Type"] = "task_completion", ["timestamp"] = "2025-11-29T11:39:51+00:00", ["data"] = Snake()["data"], ["context"] = Snake()["context"] };

            foreach (var input in new object[] { pattern, text, JsonNode.Parse(text)!.AsObject(), doc.RootElement, ordered })
                Assert.Equal(expected, Json(PatternInput.ToPattern(input)));
        }

        [Fact]
        public void Keys_become_the_seeds_snake_case_names_and_unknown_keys_are_kept_as_given()
        {
            var input = Pascal();
            ((Hashtable)input["Data"]!)["ModelName"] = "gpt";
            input["MyExtra"] = new Hashtable { ["InnerKey"] = 1 };
            var node = PatternInput.ToJsonObject(input);
            Assert.Equal(new[] { "pattern_id", "pattern_type", "timestamp", "data", "context", "MyExtra" }.OrderBy(k => k), node.Select(kv => kv.Key).OrderBy(k => k));
            Assert.NotNull(node["data"]!["duration_ms"]);
            Assert.NotNull(node["data"]!["ModelName"]);
            Assert.NotNull(node["MyExtra"]!["InnerKey"]);
        }

        [Fact]
        public void Unknown_fields_survive_ToPattern_and_a_json_round_trip()
        {
            var input = Snake();
            input["extra_root"] = new Hashtable { ["a"] = new object[] { 1, "two", 2.5 } };
            ((Hashtable)input["data"]!)["model"] = "gpt";
            ((Hashtable)input["context"]!)["host"] = "ci-1";
            var pattern = PatternInput.ToPattern(input);
            var back = PatternJson.Parse(PatternJson.ToJson(pattern));
            var node = PatternJson.ToNode(back);
            Assert.Equal("[1,\"two\",2.5]", node["extra_root"]!["a"]!.ToJsonString());
            Assert.Equal("gpt", node["data"]!["model"]!.GetValue<string>());
            Assert.Equal("ci-1", node["context"]!["host"]!.GetValue<string>());
            Assert.True(JsonTree.ExactlyEqual(PatternJson.ToJson(pattern), PatternJson.ToJson(back)));
        }

        [Fact]
        public void Root_Tags_merge_into_context_tags_without_duplicates()
        {
            var input = Snake();
            input["Tags"] = new[] { "auth", "new" };
            Assert.Equal(new[] { "api", "auth", "new" }, PatternInput.ToPattern(input).Tags);

            var noContext = Snake();
            noContext.Remove("context");
            noContext["tags"] = "solo";
            Assert.Equal(new[] { "solo" }, PatternInput.ToPattern(noContext).Tags);
        }

        [Fact]
        public void Two_keys_for_the_same_field_are_a_violation()
        {
            var input = Snake();
            ((Hashtable)input["data"]!)["DurationMs"] = 3000;
            input["Id"] = "p2";
            var result = PatternInput.Check(input);
            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Field == "data.duration_ms" && e.Rule == ValidationRules.Duplicate);
            Assert.Contains(result.Errors, e => e.Field == "pattern_id" && e.Rule == ValidationRules.Duplicate);
        }

        [Fact]
        public void Duplicate_keys_in_json_text_are_a_violation()
        {
            var result = PatternInput.Check(SeedExamples.TaskCompletion.Replace("\"version\": \"1.0\"", "\"version\": \"1.0\", \"Version\": \"2.0\""));
            var error = Assert.Single(result.Errors);
            Assert.Equal(("version", ValidationRules.Duplicate), (error.Field, error.Rule));
        }

        public static TheoryData<string, object, string> BadValues => new TheoryData<string, object, string>
        {
            // data key, .NET value, expected rule
            { "duration_ms", 5.0, ValidationRules.Type },       // a PowerShell [double] is a float, even when whole
            { "duration_ms", 2.5, ValidationRules.Type },
            { "duration_ms", true, ValidationRules.Type },
            { "duration_ms", "2500", ValidationRules.Type },
            { "duration_ms", -1, ValidationRules.Range },
            { "duration_ms", 5.0m, ValidationRules.Type },
            { "success", "yes", ValidationRules.Type },
            { "success", 1, ValidationRules.Type },
            { "coverage_percent", 100.1, ValidationRules.Range },
            { "coverage_percent", -0.1f, ValidationRules.Range },
            { "coverage_percent", double.NaN, ValidationRules.Range },
            { "agent", "", ValidationRules.NonEmpty },
            { "task_type", 42, ValidationRules.Type },
        };

        [Theory]
        [MemberData(nameof(BadValues))]
        public void Dictionary_values_are_checked_as_given(string key, object value, string rule)
        {
            var input = Snake();
            ((Hashtable)input["data"]!)[key] = value;
            var error = Assert.Single(PatternInput.Check(input).Errors);
            Assert.Equal("data." + key, error.Field);
            Assert.Equal(rule, error.Rule);
        }

        public static TheoryData<string, object> GoodValues => new TheoryData<string, object>
        {
            { "duration_ms", 2500 },
            { "duration_ms", (byte)7 },
            { "duration_ms", long.MaxValue },
            { "duration_ms", 0UL },
            { "coverage_percent", 0 },
            { "coverage_percent", 100 },
            { "coverage_percent", 100.0 },
            { "coverage_percent", 33.3f },
            { "coverage_percent", 12.25m },
            { "success", false },
        };

        [Theory]
        [MemberData(nameof(GoodValues))]
        public void Dictionary_values_of_the_right_type_pass(string key, object value)
        {
            var input = Snake();
            ((Hashtable)input["data"]!)[key] = value;
            var result = PatternInput.Check(input);
            Assert.True(result.IsValid, result.Describe());
        }

        [Fact]
        public void Floats_keep_their_form_from_dotnet_values()
        {
            var input = Snake();
            ((Hashtable)input["data"]!)["coverage_percent"] = 50.0;
            ((Hashtable)input["data"]!)["retry_count"] = 2;
            var json = Json(PatternInput.ToPattern(input));
            Assert.Contains("\"coverage_percent\":50.0", json);
            Assert.Contains("\"retry_count\":2", json);
        }

        [Fact]
        public void Dotnet_values_become_their_json_form()
        {
            var input = Snake();
            input["timestamp"] = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)).AddTicks(1234560);
            var guid = Guid.NewGuid();
            ((Hashtable)input["context"]!)["session_id"] = guid;
            input["extra"] = new Hashtable { ["kind"] = DayOfWeek.Monday, ["when"] = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), ["c"] = 'x' };
            var node = PatternJson.ToNode(PatternInput.ToPattern(input));
            Assert.Equal("2025-01-02T03:04:05.123456-05:00", node["timestamp"]!.GetValue<string>());
            Assert.Equal(guid.ToString(), node["context"]!["session_id"]!.GetValue<string>());
            Assert.Equal("Monday", node["extra"]!["kind"]!.GetValue<string>());
            Assert.Equal("2025-01-02T03:04:05+00:00", node["extra"]!["when"]!.GetValue<string>());
            Assert.Equal("x", node["extra"]!["c"]!.GetValue<string>());
        }

        [Fact]
        public void ToPattern_reports_every_error_at_once()
        {
            var input = Snake();
            input["pattern_id"] = "../../etc";
            input["timestamp"] = "2025-02-30T00:00:00Z";
            var data = (Hashtable)input["data"]!;
            data.Remove("agent");
            data["duration_ms"] = 2.5;
            data["coverage_percent"] = 101;
            ((Hashtable)input["context"]!)["environment"] = "prod";

            var ex = Assert.Throws<InvalidPatternException>(() => PatternInput.ToPattern(input));
            Assert.Equal(new[]
            {
                ("context.environment", ValidationRules.Enum),
                ("data.agent", ValidationRules.Required),
                ("data.coverage_percent", ValidationRules.Range),
                ("data.duration_ms", ValidationRules.Type),
                ("pattern_id", ValidationRules.PatternId),
                ("timestamp", ValidationRules.Timestamp),
            }, ex.Errors.Select(e => (e.Field, e.Rule)).OrderBy(x => x.Field));
            foreach (var e in ex.Errors) Assert.Contains(e.Field, ex.Message);
        }

        [Fact]
        public void Check_never_throws_and_names_its_target()
        {
            var cyclic = Snake();
            cyclic["self"] = cyclic;
            var deep = new Hashtable();
            var cursor = deep;
            for (var i = 0; i < 10000; i++) { var next = new Hashtable(); cursor["x"] = next; cursor = next; }
            var bad = new object?[] { null, 42, "not json", "[1]", "{\"a\":", new object(), cyclic, deep, new Hashtable { ["data"] = new System.IO.MemoryStream() } };
            foreach (var input in bad)
            {
                var result = PatternInput.Check(input!);
                Assert.False(result.IsValid);
                Assert.Same(input, result.Target);
                Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.Rule)));
            }
            Assert.Contains(PatternInput.Check(cyclic).Errors, e => e.Field == "self" && e.Message.Contains("cycle"));
            Assert.Contains(PatternInput.Check(deep).Errors, e => e.Rule == ValidationRules.Size);
            Assert.Contains(PatternInput.Check("{\"a\":").Errors, e => e.Rule == ValidationRules.Json);
        }

        [Fact]
        public void Check_reports_the_pattern_id_when_readable()
        {
            var input = Snake();
            ((Hashtable)input["data"]!).Remove("agent");
            var result = PatternInput.Check(input);
            Assert.Equal("p1", result.PatternId);
            Assert.Same(input, result.Target);
            Assert.True(PatternInput.Check(Snake()).IsValid);
        }

        [Fact]
        public void Lone_surrogates_in_keys_and_json_text_are_refused_not_thrown()
        {
            var input = Snake();
            input["k\udc00"] = 1;
            Assert.Contains(PatternInput.Check(input).Errors, e => e.Rule == ValidationRules.Encoding);

            var value = Snake();
            ((Hashtable)value["data"]!)["agent"] = "x\ud800";
            var clr = Assert.Single(PatternInput.Check(value).Errors);
            Assert.Equal(("data.agent", ValidationRules.Encoding), (clr.Field, clr.Rule));

            var text = SeedExamples.ErrorOccurrence.Replace("failure number 1", "bad \\ud800 text");
            var error = Assert.Single(PatternInput.Check(text).Errors);
            Assert.Equal(("data.error_message", ValidationRules.Encoding), (error.Field, error.Rule));

            var key = SeedExamples.ErrorOccurrence.Replace("\"file_path\"", "\"x\\udfff\"");
            Assert.Contains(PatternInput.Check(key).Errors, e => e.Rule == ValidationRules.Encoding);
        }

        [Fact]
        public void The_adapt_hook_sees_every_value()
        {
            var seen = new List<object>();
            var wrapped = new Wrapper(Snake());
            var pattern = PatternInput.ToPattern(wrapped, o => { seen.Add(o); return o is Wrapper w ? w.Inner : o; });
            Assert.Equal("p1", pattern.PatternId);
            Assert.Contains(seen, o => o is string s && s == "code_generation");
        }

        private sealed class Wrapper
        {
            public Wrapper(object inner) => Inner = inner;
            public object Inner { get; }
        }

        [Fact]
        public void Create_makes_a_new_valid_pattern()
        {
            var before = DateTimeOffset.UtcNow;
            var p = PatternInput.Create(PatternType.ErrorOccurrence,
                new Hashtable { ["ErrorType"] = "KeyError", ["error_message"] = "boom", ["LineNumber"] = 3 },
                new Hashtable { ["tags"] = new[] { "api", "x" }, ["Environment"] = "production" },
                new[] { "x", "new", "new" });
            Assert.Matches("^[0-9a-f]{32}$", p.PatternId);
            Assert.Equal(TimeSpan.Zero, p.Timestamp.Offset);
            Assert.InRange(p.Timestamp, before.AddTicks(-10), DateTimeOffset.UtcNow);
            Assert.Equal(0, p.Timestamp.Ticks % 10);
            Assert.Equal(new[] { "api", "x", "new" }, p.Tags);
            Assert.Equal(3, ((ErrorOccurrenceData)p.Data).LineNumber);
            Assert.Equal("production", p.Context.Environment);
            Assert.Equal("1.0", p.Version);
            Assert.NotEqual(p.PatternId, PatternInput.Create(PatternType.ErrorOccurrence, new Hashtable { ["error_type"] = "E", ["error_message"] = "m" }).PatternId);
        }

        [Fact]
        public void Create_keeps_a_given_id_and_timestamp()
        {
            var when = new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.FromHours(9)).AddTicks(1234567);
            var p = PatternInput.Create(PatternType.AgentUsage,
                new Dictionary<string, object> { ["agent_type"] = "tdd", ["task_type"] = "t", ["success"] = true, ["duration_ms"] = 1 },
                null, new[] { "solo" }, "my-id", when);
            Assert.Equal("my-id", p.PatternId);
            Assert.Equal(when, p.Timestamp);
            Assert.Equal(when.Offset, p.Timestamp.Offset);
            Assert.Equal(new[] { "solo" }, p.Tags);
        }

        [Fact]
        public void Create_refuses_bad_input_with_every_error()
        {
            var ex = Assert.Throws<InvalidPatternException>(() => PatternInput.Create(PatternType.TaskCompletion,
                new Hashtable { ["task_type"] = "", ["duration_ms"] = 5.0 }, null, new[] { "bad\ttag" }, "a/b"));
            Assert.Equal(new[]
            {
                ("context.tags[0]", ValidationRules.ControlCharacter),
                ("data.agent", ValidationRules.Required),
                ("data.duration_ms", ValidationRules.Type),
                ("data.success", ValidationRules.Required),
                ("data.task_type", ValidationRules.NonEmpty),
                ("pattern_id", ValidationRules.PatternId),
            }, ex.Errors.Select(e => (e.Field, e.Rule)).OrderBy(x => x.Field));

            var noData = Assert.Throws<InvalidPatternException>(() => PatternInput.Create(PatternType.TaskCompletion, null));
            Assert.Equal(("data", ValidationRules.Required), (noData.Errors.Single().Field, noData.Errors.Single().Rule));
        }

        [Fact]
        public void Typed_data_and_context_objects_are_accepted()
        {
            var data = new TaskCompletionData { TaskType = "t", Agent = "a", DurationMs = 5, Success = true, CoveragePercent = 40 };
            var context = new PatternContext { ProjectName = "p", Tags = new[] { "z" } };
            var p = PatternInput.Create(PatternType.TaskCompletion, data, context);
            Assert.Equal(40.0, ((TaskCompletionData)p.Data).CoveragePercent);
            Assert.Equal(new[] { "z" }, p.Tags);
        }

        [Fact]
        public void One_way_in_gives_a_validated_pattern_or_every_violation_whatever_the_input()
        {
            var typed = PatternInput.ToPattern(Snake());
            var inputs = new object[] { Snake(), Pascal(), Json(typed), typed, JsonNode.Parse(Json(typed))!, JsonDocument.Parse(Json(typed)).RootElement };
            foreach (var input in inputs)
            {
                var valid = PatternInput.ToValidated(input);
                Assert.Equal(Json(typed), Json(valid.Pattern));
                Assert.Equal("p1", valid.PatternId);
                Assert.True(PatternInput.Check(input).IsValid);
            }
            // A typed pattern is vouched for as it is: no copy.
            Assert.Same(typed, PatternInput.ToValidated(typed).Pattern);

            var bad = Snake();
            ((Hashtable)bad["data"]!)["duration_ms"] = -1;
            ((Hashtable)bad["data"]!)["success"] = "yes";
            var ex = Assert.Throws<InvalidPatternException>(() => PatternInput.ToValidated(bad));
            Assert.Equal(new[] { ("data.duration_ms", ValidationRules.Range), ("data.success", ValidationRules.Type) }, ex.Errors.Select(e => (e.Field, e.Rule)));
            Assert.Equal("p1", ex.PatternId);
            Assert.Equal(ex.Errors.Select(e => e.ToString()), PatternInput.Check(bad).Errors.Select(e => e.ToString()));
        }

        [Fact]
        public void CreateValidated_is_Create_for_a_store()
        {
            var valid = PatternInput.CreateValidated(PatternType.ErrorOccurrence, new Hashtable { ["error_type"] = "E", ["error_message"] = "m", ["resolution"] = "retry" }, id: "c-1");
            Assert.Equal("c-1", valid.PatternId);
            Assert.Equal("retry", ((ErrorOccurrenceData)valid.Pattern.Data).Resolution);
            Assert.Throws<InvalidPatternException>(() => PatternInput.CreateValidated(PatternType.ErrorOccurrence, new Hashtable { ["error_type"] = "E", ["error_message"] = "m", ["resolution"] = "" }));
        }
    }
}
