using System.Linq;
using System.Text.Json.Nodes;
using MoaiPatterns.Validation;
using Xunit;

namespace MoaiPatterns.Tests.Schema
{
    public class PatternValidatorTests
    {
        private const string TC = "task_completion", EO = "error_occurrence", AU = "agent_usage", UC = "user_correction";

        [Theory]
        [InlineData(TC)]
        [InlineData(EO)]
        [InlineData(AU)]
        [InlineData(UC)]
        public void Seed_examples_are_valid(string type)
        {
            Assert.Empty(PatternValidator.Validate(SeedExamples.Node(SeedExamples.ForType(type))));
        }

        public static TheoryData<string, string, string> Passing => new TheoryData<string, string, string>
        {
            // pattern_id: 1-128 of [A-Za-z0-9._-], not "." or ".."
            { TC, "pattern_id", "\"a\"" },
            { TC, "pattern_id", "\"A-b_c.9\"" },
            { TC, "pattern_id", "\"..a\"" },
            { TC, "pattern_id", Mutation.Quoted(Mutation.Repeat('x', 128)) },
            { TC, "pattern_id", "\"CON\"" },
            // pattern_type: wire names and enum names, case-insensitive
            { TC, "pattern_type", "\"TaskCompletion\"" },
            { TC, "pattern_type", "\"TASK_COMPLETION\"" },
            { EO, "pattern_type", "\"errorOccurrence\"" },
            // timestamps
            { TC, "timestamp", "\"2025-11-29T11:39:51Z\"" },
            { TC, "timestamp", "\"2025-11-29T11:39:51+09:00\"" },
            { TC, "timestamp", "\"2025-11-29T11:39:51-05:30\"" },
            { TC, "timestamp", "\"2025-11-29T11:39:51.123456+00:00\"" },
            { TC, "timestamp", "\"2025-11-29T11:39:51.123456789Z\"" },
            { TC, "timestamp", "\"2025-11-29T11:39:51.123456\"" },
            { TC, "timestamp", "\"2024-02-29T00:00:00Z\"" },
            { TC, "context.timestamp", "\"2025-11-29T11:39:51.5-05:30\"" },
            // integers
            { TC, "data.duration_ms", "0" },
            { TC, "data.duration_ms", "2500" },
            { TC, "data.duration_ms", "9223372036854775807" },
            { TC, "data.retry_count", "-1" },
            { EO, "data.line_number", "0" },
            { AU, "data.tokens_used", "1000000" },
            // floats accept integers
            { TC, "data.coverage_percent", "0" },
            { TC, "data.coverage_percent", "100" },
            { TC, "data.coverage_percent", "0.0" },
            { TC, "data.coverage_percent", "100.0" },
            { TC, "data.coverage_percent", "99.999" },
            { AU, "data.memory_mb", "100" },
            { AU, "data.cpu_percent", "1e2" },
            // booleans
            { TC, "data.success", "true" },
            { AU, "data.success", "false" },
            { EO, "data.auto_resolved", "true" },
            // enums
            { UC, "data.severity", "\"minor\"" },
            { UC, "data.severity", "\"moderate\"" },
            { UC, "data.severity", "\"critical\"" },
            { TC, "context.environment", "\"development\"" },
            { TC, "context.environment", "\"staging\"" },
            { TC, "context.environment", "\"production\"" },
            // lists of strings
            { AU, "data.tools_used", "[]" },
            { AU, "data.tools_used", "[\"Read\", \"Edit\"]" },
            { TC, "context.tags", "[]" },
            { TC, "context.tags", "[\"a b\", \"\u00e9t\u00e9\", \"\ud83d\ude00\"]" },
            { TC, "context.tags", "[" + string.Join(",", Enumerable.Range(0, 64).Select(i => "\"t" + i + "\"")) + "]" },
            { TC, "context.tags", "[" + Mutation.Quoted(Mutation.Repeat('t', 128)) + "]" },
            // strings; control characters are fine in free text
            { EO, "data.error_message", "\"line 1\\nline 2\\ttab \\u0001\"" },
            { EO, "data.stack_trace", "\" \"" },
            { TC, "context.session_id", "\"s-1\"" },
            { TC, "context.metadata", "{\"anything\": [1, null, {\"x\": true}]}" },
            // optional parts
            { TC, "context", Mutation.Remove },
            { TC, "context", "{}" },
            { TC, "version", Mutation.Remove },
            { TC, "version", "\"2.0\"" },
            { TC, "data.files_created", Mutation.Remove },
            // unknown extra fields at every level, even null
            { TC, "extra", "{\"nested\": [1, 2.5, \"x\"]}" },
            { TC, "data.extra", "null" },
            { TC, "context.extra", "\"kept\"" },
            { EO, "data.agent", "\"not a field of this type\"" },
        };

        [Theory]
        [MemberData(nameof(Passing))]
        public void Passing_cases_have_no_violations(string type, string path, string literal)
        {
            var errors = PatternValidator.Validate(Mutation.Apply(SeedExamples.ForType(type), path, literal));
            Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Field} [{e.Rule}] {e.Message}")));
        }

        public static TheoryData<string, string, string, string, string> Failing => new TheoryData<string, string, string, string, string>
        {
            // type, path, literal, expected Field, expected Rule
            { TC, "pattern_id", Mutation.Remove, "pattern_id", ValidationRules.Required },
            { TC, "pattern_id", "null", "pattern_id", ValidationRules.Required },
            { TC, "pattern_id", "5", "pattern_id", ValidationRules.Type },
            { TC, "pattern_id", "\"\"", "pattern_id", ValidationRules.NonEmpty },
            { TC, "pattern_id", "\"../x\"", "pattern_id", ValidationRules.PatternId },
            { TC, "pattern_id", "\"a/b\"", "pattern_id", ValidationRules.PatternId },
            { TC, "pattern_id", "\"a\\\\b\"", "pattern_id", ValidationRules.PatternId },
            { TC, "pattern_id", "\".\"", "pattern_id", ValidationRules.PatternId },
            { TC, "pattern_id", "\"..\"", "pattern_id", ValidationRules.PatternId },
            { TC, "pattern_id", "\"a b\"", "pattern_id", ValidationRules.PatternId },
            { TC, "pattern_id", "\"caf\u00e9\"", "pattern_id", ValidationRules.PatternId },
            { TC, "pattern_id", Mutation.Quoted(Mutation.Repeat('x', 129)), "pattern_id", ValidationRules.PatternId },
            { TC, "pattern_type", Mutation.Remove, "pattern_type", ValidationRules.Required },
            { TC, "pattern_type", "\"bogus\"", "pattern_type", ValidationRules.PatternType },
            { TC, "pattern_type", "\"\"", "pattern_type", ValidationRules.NonEmpty },
            { TC, "pattern_type", "0", "pattern_type", ValidationRules.Type },
            { TC, "timestamp", Mutation.Remove, "timestamp", ValidationRules.Required },
            { TC, "timestamp", "null", "timestamp", ValidationRules.Required },
            { TC, "timestamp", "\"2025-02-30T00:00:00Z\"", "timestamp", ValidationRules.Timestamp },
            { TC, "timestamp", "\"2025-11-29T24:00:00Z\"", "timestamp", ValidationRules.Timestamp },
            { TC, "timestamp", "\"2025-11-29T11:39:51+15:00\"", "timestamp", ValidationRules.Timestamp },
            { TC, "timestamp", "\"yesterday\"", "timestamp", ValidationRules.Timestamp },
            { TC, "timestamp", "\"\"", "timestamp", ValidationRules.NonEmpty },
            { TC, "timestamp", "1764416391", "timestamp", ValidationRules.Type },
            { TC, "context.timestamp", "\"2025-13-01T00:00:00Z\"", "context.timestamp", ValidationRules.Timestamp },
            { TC, "context.timestamp", "5", "context.timestamp", ValidationRules.Type },
            { TC, "data", Mutation.Remove, "data", ValidationRules.Required },
            { TC, "data", "null", "data", ValidationRules.Required },
            { TC, "data", "\"x\"", "data", ValidationRules.Type },
            { TC, "data", "[]", "data", ValidationRules.Type },
            { TC, "context", "null", "context", ValidationRules.Type },
            { TC, "context", "[\"a\"]", "context", ValidationRules.Type },
            { TC, "version", "1.0", "version", ValidationRules.Type },
            { TC, "version", "null", "version", ValidationRules.Type },
            { TC, "version", "\"\"", "version", ValidationRules.NonEmpty },
            // required data fields, per type
            { TC, "data.task_type", Mutation.Remove, "data.task_type", ValidationRules.Required },
            { TC, "data.agent", Mutation.Remove, "data.agent", ValidationRules.Required },
            { TC, "data.duration_ms", Mutation.Remove, "data.duration_ms", ValidationRules.Required },
            { TC, "data.success", Mutation.Remove, "data.success", ValidationRules.Required },
            { EO, "data.error_type", Mutation.Remove, "data.error_type", ValidationRules.Required },
            { EO, "data.error_message", Mutation.Remove, "data.error_message", ValidationRules.Required },
            { AU, "data.agent_type", Mutation.Remove, "data.agent_type", ValidationRules.Required },
            { AU, "data.task_type", Mutation.Remove, "data.task_type", ValidationRules.Required },
            { AU, "data.success", Mutation.Remove, "data.success", ValidationRules.Required },
            { AU, "data.duration_ms", Mutation.Remove, "data.duration_ms", ValidationRules.Required },
            { UC, "data.original_output", Mutation.Remove, "data.original_output", ValidationRules.Required },
            { UC, "data.corrected_output", Mutation.Remove, "data.corrected_output", ValidationRules.Required },
            { UC, "data.correction_type", Mutation.Remove, "data.correction_type", ValidationRules.Required },
            { UC, "data.agent", Mutation.Remove, "data.agent", ValidationRules.Required },
            { TC, "data.agent", "null", "data.agent", ValidationRules.Required },
            // integers are integers
            { TC, "data.duration_ms", "true", "data.duration_ms", ValidationRules.Type },
            { TC, "data.duration_ms", "\"2500\"", "data.duration_ms", ValidationRules.Type },
            { TC, "data.duration_ms", "2.5", "data.duration_ms", ValidationRules.Type },
            { TC, "data.duration_ms", "5.0", "data.duration_ms", ValidationRules.Type },
            { TC, "data.duration_ms", "1e3", "data.duration_ms", ValidationRules.Type },
            { TC, "data.duration_ms", "-1", "data.duration_ms", ValidationRules.Range },
            { TC, "data.duration_ms", "9223372036854775808", "data.duration_ms", ValidationRules.Range },
            { AU, "data.duration_ms", "-5", "data.duration_ms", ValidationRules.Range },
            { TC, "data.files_created", "false", "data.files_created", ValidationRules.Type },
            { TC, "data.retry_count", "null", "data.retry_count", ValidationRules.Type },
            { EO, "data.line_number", "-1", "data.line_number", ValidationRules.Range },
            { EO, "data.line_number", "1.5", "data.line_number", ValidationRules.Type },
            { EO, "data.similar_errors_count", "\"3\"", "data.similar_errors_count", ValidationRules.Type },
            { AU, "data.tokens_used", "[1]", "data.tokens_used", ValidationRules.Type },
            // floats
            { TC, "data.coverage_percent", "-0.1", "data.coverage_percent", ValidationRules.Range },
            { TC, "data.coverage_percent", "100.1", "data.coverage_percent", ValidationRules.Range },
            { TC, "data.coverage_percent", "\"50\"", "data.coverage_percent", ValidationRules.Type },
            { TC, "data.coverage_percent", "true", "data.coverage_percent", ValidationRules.Type },
            { AU, "data.memory_mb", "\"1\"", "data.memory_mb", ValidationRules.Type },
            { AU, "data.cpu_percent", "1e400", "data.cpu_percent", ValidationRules.Range },
            // booleans
            { TC, "data.success", "1", "data.success", ValidationRules.Type },
            { TC, "data.success", "\"true\"", "data.success", ValidationRules.Type },
            { EO, "data.auto_resolved", "\"no\"", "data.auto_resolved", ValidationRules.Type },
            { EO, "data.user_intervention", "0", "data.user_intervention", ValidationRules.Type },
            // strings non-empty, of the right type
            { TC, "data.task_type", "\"\"", "data.task_type", ValidationRules.NonEmpty },
            { TC, "data.agent", "42", "data.agent", ValidationRules.Type },
            { EO, "data.stack_trace", "\"\"", "data.stack_trace", ValidationRules.NonEmpty },
            { EO, "data.file_path", "null", "data.file_path", ValidationRules.Type },
            { UC, "data.user_feedback", "[\"x\"]", "data.user_feedback", ValidationRules.Type },
            { TC, "context.project_name", "\"\"", "context.project_name", ValidationRules.NonEmpty },
            { TC, "context.git_commit", "123", "context.git_commit", ValidationRules.Type },
            // enums
            { UC, "data.severity", "\"major\"", "data.severity", ValidationRules.Enum },
            { UC, "data.severity", "\"Minor\"", "data.severity", ValidationRules.Enum },
            { UC, "data.severity", "\"\"", "data.severity", ValidationRules.NonEmpty },
            { TC, "context.environment", "\"prod\"", "context.environment", ValidationRules.Enum },
            // lists hold only non-empty strings
            { AU, "data.tools_used", "\"Read\"", "data.tools_used", ValidationRules.Type },
            { AU, "data.tools_used", "[\"Read\", 1]", "data.tools_used[1]", ValidationRules.Type },
            { AU, "data.tools_used", "[\"\"]", "data.tools_used[0]", ValidationRules.NonEmpty },
            { TC, "context.tags", "[\"a\", 5]", "context.tags[1]", ValidationRules.Type },
            { TC, "context.tags", "[\"a\", null]", "context.tags[1]", ValidationRules.Type },
            { TC, "context.tags", "[\"a\", \"\"]", "context.tags[1]", ValidationRules.NonEmpty },
            { TC, "context.tags", "\"a\"", "context.tags", ValidationRules.Type },
            { TC, "context.metadata", "[]", "context.metadata", ValidationRules.Type },
            // tag limits and control characters
            { TC, "context.tags", "[" + string.Join(",", Enumerable.Range(0, 65).Select(i => "\"t" + i + "\"")) + "]", "context.tags", ValidationRules.Size },
            { TC, "context.tags", "[" + Mutation.Quoted(Mutation.Repeat('t', 129)) + "]", "context.tags[0]", ValidationRules.Size },
            { TC, "context.tags", "[\"ok\", \"a\\tb\"]", "context.tags[1]", ValidationRules.ControlCharacter },
            { TC, "context.tags", "[\"a\\u0000\"]", "context.tags[0]", ValidationRules.ControlCharacter },
            { TC, "context.tags", "[\"a\\u007f\"]", "context.tags[0]", ValidationRules.ControlCharacter },
            // lone surrogates anywhere, keys included
            { EO, "data.error_message", "\"bad \\ud800 text\"", "data.error_message", ValidationRules.Encoding },
            { EO, "data.extra", "[\"\\udc00\"]", "data.extra[0]", ValidationRules.Encoding },
            { TC, "context.tags", "[\"\\ud83d\"]", "context.tags[0]", ValidationRules.Encoding },
            { TC, "extra", "{\"k\": \"\\ud800\\ud800\"}", "extra.k", ValidationRules.Encoding },
        };

        [Theory]
        [MemberData(nameof(Failing))]
        public void Failing_cases_report_the_field_and_rule(string type, string path, string literal, string field, string rule)
        {
            var errors = PatternValidator.Validate(Mutation.Apply(SeedExamples.ForType(type), path, literal));
            var error = Assert.Single(errors);
            Assert.Equal(field, error.Field);
            Assert.Equal(rule, error.Rule);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }

        [Fact]
        public void Every_violation_is_reported_at_once()
        {
            var root = SeedExamples.Node(SeedExamples.UserCorrection);
            root["pattern_id"] = "../etc/passwd";
            root["timestamp"] = "2025-02-30T00:00:00Z";
            var data = (JsonObject)root["data"]!;
            data.Remove("agent");
            data["severity"] = "fatal";
            data["corrected_output"] = "";
            var context = (JsonObject)root["context"]!;
            context["environment"] = "qa";
            context["tags"] = new JsonArray("ok", 3);

            var found = PatternValidator.Validate(root).Select(e => (e.Field, e.Rule)).ToList();

            Assert.Equal(new[]
            {
                ("pattern_id", ValidationRules.PatternId),
                ("timestamp", ValidationRules.Timestamp),
                ("data.corrected_output", ValidationRules.NonEmpty),
                ("data.agent", ValidationRules.Required),
                ("data.severity", ValidationRules.Enum),
                ("context.environment", ValidationRules.Enum),
                ("context.tags[1]", ValidationRules.Type),
            }.OrderBy(x => x.Item1), found.OrderBy(x => x.Item1));
        }

        [Fact]
        public void Messages_say_what_was_given_and_what_is_expected()
        {
            var error = Assert.Single(PatternValidator.Validate(Mutation.Apply(SeedExamples.TaskCompletion, "data.duration_ms", "true")));
            Assert.Contains("boolean", error.Message);
            Assert.Contains("integer", error.Message);
            error = Assert.Single(PatternValidator.Validate(Mutation.Apply(SeedExamples.TaskCompletion, "data.coverage_percent", "100.1")));
            Assert.Contains("100.1", error.Message);
            Assert.Contains("between 0 and 100", error.Message);
            error = Assert.Single(PatternValidator.Validate(Mutation.Apply(SeedExamples.TaskCompletion, "data.duration_ms", "null")));
            Assert.Contains("null", error.Message);
        }

        [Fact]
        public void Lone_surrogates_in_keys_and_clr_strings_are_refused()
        {
            var root = SeedExamples.Node(SeedExamples.TaskCompletion);
            root["bad\ud800key"] = 1;
            ((JsonObject)root["data"]!)["agent"] = "x\udc00";
            var errors = PatternValidator.Validate(root);
            Assert.Equal(2, errors.Count);
            Assert.All(errors, e => Assert.Equal(ValidationRules.Encoding, e.Rule));
            Assert.Contains(errors, e => e.Field == "data.agent");
            // The path of a bad key is printable: the surrogate is escaped.
            Assert.Contains(errors, e => e.Field == "bad\\uD800key");
        }

        [Fact]
        public void Nesting_deeper_than_the_limit_is_refused()
        {
            JsonNode Nest(int levels) { JsonNode n = JsonValue.Create(1)!; for (var i = 0; i < levels; i++) n = new JsonObject { ["x"] = n }; return n; }

            var ok = SeedExamples.Node(SeedExamples.TaskCompletion);
            ok["extra"] = Nest(PatternLimits.MaxDepth - 1); // root is level 1
            Assert.Empty(PatternValidator.Validate(ok));

            var deep = SeedExamples.Node(SeedExamples.TaskCompletion);
            deep["extra"] = Nest(PatternLimits.MaxDepth);
            var error = Assert.Single(PatternValidator.Validate(deep));
            Assert.Equal(ValidationRules.Size, error.Rule);
            Assert.StartsWith("extra", error.Field);
        }

        [Fact]
        public void A_pattern_larger_than_the_limit_is_refused()
        {
            var ok = SeedExamples.Node(SeedExamples.ErrorOccurrence);
            ok["data"]!["stack_trace"] = new string('s', PatternLimits.MaxPatternBytes - 2000);
            Assert.Empty(PatternValidator.Validate(ok));

            var big = SeedExamples.Node(SeedExamples.ErrorOccurrence);
            big["data"]!["stack_trace"] = new string('s', PatternLimits.MaxPatternBytes);
            var error = Assert.Single(PatternValidator.Validate(big));
            Assert.Equal(ValidationRules.Size, error.Rule);
            Assert.Equal("(pattern)", error.Field);
        }

        [Fact]
        public void Duplicate_keys_in_parsed_json_are_reported()
        {
            var root = (JsonObject)JsonNode.Parse("{\"pattern_id\":\"a\",\"pattern_id\":\"b\"}")!;
            var error = Assert.Single(PatternValidator.Validate(root));
            Assert.Equal(ValidationRules.Duplicate, error.Rule);
        }

        [Fact]
        public void Unknown_type_skips_data_checks_but_reports_the_type()
        {
            var root = Mutation.Apply(SeedExamples.TaskCompletion, "pattern_type", "\"nope\"");
            root["data"] = new JsonObject();
            var error = Assert.Single(PatternValidator.Validate(root));
            Assert.Equal(ValidationRules.PatternType, error.Rule);
            Assert.Contains("task_completion", error.Message);
        }

        [Theory]
        [InlineData("abc", true)]
        [InlineData("d23f0824128b2f330c5c7fd0a6a3a450", true)]
        [InlineData("../x", false)]
        [InlineData("..", false)]
        [InlineData("", false)]
        [InlineData(null, false)]
        public void IsValidPatternId_matches_the_rule(string? id, bool expected) =>
            Assert.Equal(expected, PatternValidator.IsValidPatternId(id));
    }
}
