using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MoaiPatterns.Input;
using MoaiPatterns.Serialization;
using MoaiPatterns.Storage;
using MoaiPatterns.Validation;
using Xunit;

namespace MoaiPatterns.Tests.Schema
{
    /// <summary>
    /// The fields of the seed's TypedDicts the typed model once lacked (so they were neither typed nor
    /// checked): each is a typed property, checked by the seed's type rules on every way in, and kept
    /// exactly on a round trip, nulls of the seed's Optional[...] fields included.
    /// </summary>
    public class SeedFieldsTests
    {
        private const string TC = "task_completion", EO = "error_occurrence", AU = "agent_usage", UC = "user_correction";

        public static TheoryData<string> EveryField()
        {
            var data = new TheoryData<string>();
            foreach (var e in SeedExamples.EveryField) data.Add(e);
            return data;
        }

        [Theory]
        [MemberData(nameof(EveryField))]
        public void Seed_shaped_patterns_with_every_field_are_valid_on_every_way_in(string json)
        {
            Assert.Empty(PatternValidator.Validate(SeedExamples.Node(json)));
            Assert.True(PatternInput.Check(json).IsValid, PatternInput.Check(json).Describe());
            var pattern = PatternInput.ToPattern(json);
            Assert.Empty(PatternValidator.Validate(pattern));
            Assert.Empty(pattern.Data.AdditionalProperties ?? new Dictionary<string, System.Text.Json.JsonElement>());
        }

        [Theory]
        [MemberData(nameof(EveryField))]
        public void Seed_shaped_patterns_with_every_field_round_trip_exactly(string json)
        {
            var written = PatternJson.ToJson(PatternJson.Parse(json));
            Assert.True(JsonTree.ExactlyEqual(json, written), written);
            var viaInput = PatternJson.ToJson(PatternInput.ToPattern(json));
            Assert.True(JsonTree.ExactlyEqual(json, viaInput), viaInput);
        }

        [Fact]
        public void Every_field_reads_into_its_typed_property()
        {
            var tc = (TaskCompletionData)PatternJson.Parse(SeedExamples.TaskCompletionEveryField).Data;
            Assert.Equal((7L, 3L, 412L, "unsupported operand type(s) for +: 'int' and 'str'"), (tc.FilesModified, tc.TestsFailed, tc.LinesOfCode, tc.ErrorMessage));

            var eo = (ErrorOccurrenceData)PatternJson.Parse(SeedExamples.ErrorOccurrenceEveryField).Data;
            Assert.Equal(("process_user", "Add missing key check", 53120L), (eo.FunctionName, eo.Resolution, eo.ResolutionTimeMs));

            var au = (AgentUsageData)PatternJson.Parse(SeedExamples.AgentUsageEveryField).Data;
            Assert.Equal((0L, 23L, 9L, 3L), (au.RetryCount, au.FilesAccessed, au.ApiCalls, au.ParallelTasks));

            var uc = (UserCorrectionData)PatternJson.Parse(SeedExamples.UserCorrectionEveryField).Data;
            Assert.Equal(("refactoring", "code_quality", (string?)null), (uc.TaskType, uc.CorrectionCategory, uc.PatternMatched));
        }

        [Fact]
        public void Typed_values_are_written_under_the_seeds_names()
        {
            var p = new MoaiPattern("typed-1", PatternType.ErrorOccurrence, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
                new ErrorOccurrenceData { ErrorType = "E", ErrorMessage = "m", FunctionName = "f", Resolution = "r", ResolutionTimeMs = 0 });
            var data = PatternJson.ToNode(p)["data"]!.AsObject();
            Assert.Equal("f", (string?)data["function_name"]);
            Assert.Equal("r", (string?)data["resolution"]);
            Assert.Equal(0L, (long?)data["resolution_time_ms"]);

            var u = new UserCorrectionData { OriginalOutput = "a", CorrectedOutput = "b", CorrectionType = "c", Agent = "d", TaskType = "t", CorrectionCategory = "security", PatternMatched = "p-1" };
            var written = JsonNode.Parse(PatternJson.DataToJson(u))!.AsObject();
            Assert.Equal(new[] { "t", "security", "p-1" }, new[] { (string?)written["task_type"], (string?)written["correction_category"], (string?)written["pattern_matched"] });

            var a = new AgentUsageData { AgentType = "a", TaskType = "t", Success = true, DurationMs = 1, RetryCount = 2, FilesAccessed = 3, ApiCalls = 4, ParallelTasks = 5 };
            Assert.Equal("{\"agent_type\":\"a\",\"task_type\":\"t\",\"success\":true,\"duration_ms\":1,\"retry_count\":2,\"files_accessed\":3,\"api_calls\":4,\"parallel_tasks\":5}",
                PatternJson.DataToJson(a));
        }

        [Fact]
        public void A_null_the_seed_wrote_is_kept_and_setting_null_leaves_the_field_out()
        {
            var p = PatternJson.Parse(SeedExamples.ErrorOccurrenceUnresolved);
            var eo = (ErrorOccurrenceData)p.Data;
            Assert.Null(eo.Resolution);
            Assert.Contains("\"resolution\":null", PatternJson.ToJson(p, indented: false));

            eo.Resolution = "Fix import path";
            Assert.Contains("\"resolution\":\"Fix import path\"", PatternJson.ToJson(p, indented: false));
            eo.Resolution = null;
            Assert.DoesNotContain("resolution\"", PatternJson.ToJson(p, indented: false));

            var uc = PatternJson.Parse(SeedExamples.UserCorrectionEveryField);
            var text = PatternJson.ToJson(uc, indented: false);
            Assert.Contains("\"pattern_matched\":null", text);
            Assert.Contains("\"user_id\":null", text);
            Assert.Contains("\"git_branch\":null", text);
        }

        public static TheoryData<string, string, string> Passing => new TheoryData<string, string, string>
        {
            { TC, "data.files_modified", "0" },
            { TC, "data.files_modified", "20" },
            { TC, "data.tests_failed", "5" },
            { TC, "data.lines_of_code", "2000" },
            { TC, "data.error_message", "\"invalid syntax\"" },
            { TC, "data.error_message", "null" },
            { EO, "data.function_name", "\"process_data\"" },
            { EO, "data.function_name", "null" },
            { EO, "data.resolution", "\"Fix import path\"" },
            { EO, "data.resolution", "null" },
            { EO, "data.resolution_time_ms", "0" },
            { EO, "data.resolution_time_ms", "120000" },
            { EO, "data.resolution_time_ms", "null" },
            { AU, "data.retry_count", "3" },
            { AU, "data.files_accessed", "40" },
            { AU, "data.api_calls", "0" },
            { AU, "data.parallel_tasks", "8" },
            { AU, "data.memory_mb", "null" },
            { UC, "data.task_type", "\"bug_fix\"" },
            { UC, "data.correction_category", "\"performance\"" },
            { UC, "data.pattern_matched", "\"p-000042\"" },
            { UC, "data.pattern_matched", "null" },
            { UC, "data.user_feedback", "null" },
            { TC, "context.user_id", "null" },
            { TC, "context.git_commit", "null" },
        };

        [Theory]
        [MemberData(nameof(Passing))]
        public void Valid_values_pass_and_round_trip(string type, string path, string literal)
        {
            var root = Mutation.Apply(SeedExamples.ForType(type), path, literal);
            Assert.Empty(PatternValidator.Validate(root));
            var json = root.ToJsonString();
            var pattern = PatternInput.ToPattern(json);
            Assert.True(JsonTree.ExactlyEqual(json, PatternJson.ToJson(pattern)), PatternJson.ToJson(pattern));
            Assert.Empty(PatternValidator.Validate(pattern));
        }

        public static TheoryData<string, string, string, string> Failing => new TheoryData<string, string, string, string>
        {
            // type, path, literal, expected Rule (the field is the path)
            { TC, "data.files_modified", "\"two\"", ValidationRules.Type },
            { TC, "data.files_modified", "[\"a.py\"]", ValidationRules.Type },
            { TC, "data.files_modified", "true", ValidationRules.Type },
            { TC, "data.files_modified", "null", ValidationRules.Type },
            { TC, "data.tests_failed", "\"3\"", ValidationRules.Type },
            { TC, "data.tests_failed", "false", ValidationRules.Type },
            { TC, "data.lines_of_code", "2.0", ValidationRules.Type },
            { TC, "data.lines_of_code", "[]", ValidationRules.Type },
            { TC, "data.lines_of_code", "9223372036854775808", ValidationRules.Range },
            { TC, "data.error_message", "\"\"", ValidationRules.NonEmpty },
            { TC, "data.error_message", "5", ValidationRules.Type },
            { EO, "data.function_name", "\"\"", ValidationRules.NonEmpty },
            { EO, "data.function_name", "{}", ValidationRules.Type },
            { EO, "data.resolution", "\"\"", ValidationRules.NonEmpty },
            { EO, "data.resolution", "true", ValidationRules.Type },
            { EO, "data.resolution", "[\"x\"]", ValidationRules.Type },
            { EO, "data.resolution_time_ms", "-1", ValidationRules.Range },
            { EO, "data.resolution_time_ms", "\"500\"", ValidationRules.Type },
            { EO, "data.resolution_time_ms", "1.5", ValidationRules.Type },
            { EO, "data.resolution_time_ms", "true", ValidationRules.Type },
            { AU, "data.retry_count", "\"1\"", ValidationRules.Type },
            { AU, "data.retry_count", "true", ValidationRules.Type },
            { AU, "data.files_accessed", "[\"a.py\"]", ValidationRules.Type },
            { AU, "data.files_accessed", "\"many\"", ValidationRules.Type },
            { AU, "data.api_calls", "2.5", ValidationRules.Type },
            { AU, "data.parallel_tasks", "false", ValidationRules.Type },
            { AU, "data.parallel_tasks", "null", ValidationRules.Type },
            { UC, "data.task_type", "\"\"", ValidationRules.NonEmpty },
            { UC, "data.task_type", "3", ValidationRules.Type },
            { UC, "data.task_type", "null", ValidationRules.Type },
            { UC, "data.correction_category", "\"\"", ValidationRules.NonEmpty },
            { UC, "data.correction_category", "[\"security\"]", ValidationRules.Type },
            { UC, "data.pattern_matched", "\"\"", ValidationRules.NonEmpty },
            { UC, "data.pattern_matched", "true", ValidationRules.Type },
        };

        [Theory]
        [MemberData(nameof(Failing))]
        public void Wrong_values_are_refused_naming_field_and_rule_on_every_way_in(string type, string path, string literal, string rule)
        {
            var root = Mutation.Apply(SeedExamples.ForType(type), path, literal);
            var tree = Assert.Single(PatternValidator.Validate(root));
            Assert.Equal((path, rule), (tree.Field, tree.Rule));

            // JSON text, and the seed-shaped dictionary a runbook hands in: InvalidPatternException naming field and rule.
            foreach (var input in new object[] { root.ToJsonString(), Dictionary(root)! })
            {
                var ex = Assert.Throws<InvalidPatternException>(() => PatternInput.ToPattern(input));
                var error = Assert.Single(ex.Errors);
                Assert.Equal((path, rule), (error.Field, error.Rule));
                Assert.Contains(path, ex.Message);
                Assert.Contains("[" + rule + "]", ex.Message);
            }
        }

        [Fact]
        public void The_briefs_examples_are_refused_from_a_hashtable()
        {
            var h = new Hashtable
            {
                ["pattern_id"] = "run-42", ["pattern_type"] = "task_completion", ["timestamp"] = "2024-05-01T12:00:00Z",
                ["data"] = new Hashtable { ["task_type"] = "code_generation", ["agent"] = "coder", ["duration_ms"] = 2500, ["success"] = true, ["files_modified"] = "two" },
            };
            var ex = Assert.Throws<InvalidPatternException>(() => PatternInput.ToPattern(h));
            Assert.Equal(("data.files_modified", ValidationRules.Type), (ex.Errors.Single().Field, ex.Errors.Single().Rule));

            var e = PatternInput.Check(new Hashtable
            {
                ["pattern_id"] = "run-43", ["pattern_type"] = "ErrorOccurrence", ["timestamp"] = "2024-05-01T12:00:00Z",
                ["data"] = new Hashtable { ["ErrorType"] = "TypeError", ["ErrorMessage"] = "bad operand", ["Resolution"] = "", ["ResolutionTimeMs"] = -3 },
            });
            Assert.Equal(new[] { ("data.resolution", ValidationRules.NonEmpty), ("data.resolution_time_ms", ValidationRules.Range) },
                e.Errors.Select(x => (x.Field, x.Rule)).ToArray());
        }

        [Fact]
        public void Wrong_typed_values_are_refused_too()
        {
            var p = new MoaiPattern("typed-2", PatternType.ErrorOccurrence, DateTimeOffset.UtcNow,
                new ErrorOccurrenceData { ErrorType = "E", ErrorMessage = "m", Resolution = "", FunctionName = "", ResolutionTimeMs = -1 });
            var ex = Assert.Throws<InvalidPatternException>(() => PatternInput.ToValidated(p));
            Assert.Equal(new[] { ("data.function_name", ValidationRules.NonEmpty), ("data.resolution", ValidationRules.NonEmpty), ("data.resolution_time_ms", ValidationRules.Range) },
                ex.Errors.Select(x => (x.Field, x.Rule)).ToArray());

            var u = new MoaiPattern("typed-3", PatternType.UserCorrection, DateTimeOffset.UtcNow,
                new UserCorrectionData { OriginalOutput = "a", CorrectedOutput = "b", CorrectionType = "c", Agent = "d", TaskType = "", CorrectionCategory = "", PatternMatched = "" });
            Assert.Equal(new[] { "data.task_type", "data.correction_category", "data.pattern_matched" }, PatternValidator.Validate(u).Select(x => x.Field).ToArray());
        }

        [Fact]
        public void PascalCase_keys_name_the_new_fields()
        {
            var p = PatternInput.Create(PatternType.AgentUsage, new Hashtable
            {
                ["AgentType"] = "workflow-tdd", ["TaskType"] = "testing", ["Success"] = true, ["DurationMs"] = 10,
                ["RetryCount"] = 1, ["FilesAccessed"] = 2, ["ApiCalls"] = 3, ["ParallelTasks"] = 4,
            });
            var a = (AgentUsageData)p.Data;
            Assert.Equal((1L, 2L, 3L, 4L), (a.RetryCount, a.FilesAccessed, a.ApiCalls, a.ParallelTasks));
            Assert.Null(a.AdditionalProperties);
        }

        [Theory]
        [InlineData(StoreBackend.FileSystem)]
        [InlineData(StoreBackend.Sqlite)]
        public void Every_field_and_the_seeds_nulls_survive_a_store_round_trip(StoreBackend backend)
        {
            var dir = Path.Combine(Path.GetTempPath(), "moai-fields-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var path = Path.Combine(dir, backend == StoreBackend.Sqlite ? "p.db" : "p");
                using (var store = PatternStores.Open(path, backend, create: true))
                    foreach (var json in SeedExamples.EveryField) store.Save(PatternInput.ToPattern(json));
                using (var store = PatternStores.Open(path, backend, create: false))
                    foreach (var json in SeedExamples.EveryField)
                    {
                        var id = SeedExamples.Node(json)["pattern_id"]!.GetValue<string>();
                        var written = PatternJson.ToJson(store.Get(id)!);
                        Assert.True(JsonTree.ExactlyEqual(json, written), written);
                    }
            }
            finally { try { Directory.Delete(dir, true); } catch (IOException) { } }
        }

        [Fact]
        public void The_rule_table_and_the_typed_model_name_the_same_fields()
        {
            // Binding is checked when the table is first used; this names what a drift would break.
            var models = new (Type Model, FieldSpec[] Specs)[]
            {
                (typeof(TaskCompletionData), PatternSchema.TaskCompletion), (typeof(ErrorOccurrenceData), PatternSchema.ErrorOccurrence),
                (typeof(AgentUsageData), PatternSchema.AgentUsage), (typeof(UserCorrectionData), PatternSchema.UserCorrection),
                (typeof(PatternContext), PatternSchema.ContextFields),
            };
            foreach (var (model, specs) in models)
            {
                var jsonNames = model.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                    .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).Where(n => n != null).ToArray();
                Assert.Equal(specs.Select(s => s.Name), jsonNames);
                Assert.All(specs, s => Assert.NotNull(s.Read));
            }
        }

        [Fact]
        public void A_table_field_without_a_property_is_an_error()
        {
            var ex = Assert.Throws<InvalidOperationException>(() => TypedAccessors.Bind(typeof(TaskCompletionData),
                FieldSpec.In(FieldSection.Data, new FieldSpec("files_deleted", FieldKind.Integer))));
            Assert.Contains("files_deleted", ex.Message);
            ex = Assert.Throws<InvalidOperationException>(() => TypedAccessors.Bind(typeof(TaskCompletionData),
                FieldSpec.In(FieldSection.Data, PatternSchema.TaskCompletion.Where(s => s.Name != "lines_of_code").Select(Copy).ToArray())));
            Assert.Contains("lines_of_code", ex.Message);
            ex = Assert.Throws<InvalidOperationException>(() => TypedAccessors.Bind(typeof(ErrorOccurrenceData),
                FieldSpec.In(FieldSection.Data, PatternSchema.ErrorOccurrence.Select(s => s.Name == "resolution" ? new FieldSpec("resolution", FieldKind.String) : Copy(s)).ToArray())));
            Assert.Contains("nullable", ex.Message);
        }

        private static FieldSpec Copy(FieldSpec s) => new FieldSpec(s.Name, s.Kind, s.Required, s.Nullable, s.Min, s.Max, s.Allowed, s.Expected);

        /// <summary>A JSON tree as nested dictionaries and lists of CLR values (what a runbook's hashtable holds).</summary>
        private static object? Dictionary(JsonNode? node)
        {
            switch (node)
            {
                case null: return null;
                case JsonObject o:
                    var h = new Hashtable();
                    foreach (var kv in o) h[kv.Key] = Dictionary(kv.Value);
                    return h;
                case JsonArray a: return a.Select(Dictionary).ToArray();
                default:
                    var v = node.AsValue();
                    switch (v.GetValueKind())
                    {
                        case System.Text.Json.JsonValueKind.String: return v.GetValue<string>();
                        case System.Text.Json.JsonValueKind.True: return true;
                        case System.Text.Json.JsonValueKind.False: return false;
                        default:
                            var raw = v.ToJsonString();
                            if (long.TryParse(raw, out var l)) return l;
                            if (ulong.TryParse(raw, out var ul)) return ul;
                            return double.Parse(raw, System.Globalization.CultureInfo.InvariantCulture);
                    }
            }
        }
    }
}
