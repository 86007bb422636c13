using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using MoaiPatterns.Input;
using MoaiPatterns.Serialization;
using MoaiPatterns.Tests.Contract;
using MoaiPatterns.Validation;
using Xunit;

namespace MoaiPatterns.Tests.Schema
{
    /// <summary>
    /// The typed validator (the rule table read through the typed properties) must say exactly what the
    /// JSON-tree validator says about the pattern's JSON, errors and messages included, whenever it decides.
    /// </summary>
    public class TypedValidationTests
    {
        private static readonly string Lone = "a\uD800b";

        private static readonly (string Name, Action<MoaiPattern> Apply)[] Mutations =
        {
            ("id empty", p => p.PatternId = ""),
            ("id dots", p => p.PatternId = ".."),
            ("id space", p => p.PatternId = "a b"),
            ("id long", p => p.PatternId = new string('a', 129)),
            ("id max", p => p.PatternId = new string('a', 128)),
            ("id surrogate", p => p.PatternId = Lone),
            ("type undefined", p => p.PatternType = (PatternType)7),
            ("type mismatch", p => p.PatternType = p.PatternType == PatternType.AgentUsage ? PatternType.TaskCompletion : PatternType.AgentUsage),
            ("timestamp min", p => p.Timestamp = DateTimeOffset.MinValue),
            ("timestamp max", p => p.Timestamp = DateTimeOffset.MaxValue),
            ("version null", p => p.Version = null!),
            ("version empty", p => p.Version = ""),
            ("version surrogate", p => p.Version = Lone),
            ("root extra", p => p.AdditionalProperties["extra"] = Json("1")),
            ("root extra surrogate", p => p.AdditionalProperties["x"] = Json("\"\\ud800\"")),
            ("data extra dup", p => p.Data.AdditionalProperties = new JsonFields { ["agent"] = Json("\"x\""), ["task_type"] = Json("5") }),
            ("data extra deep", p => p.Data.AdditionalProperties = new JsonFields { ["deep"] = Json(new string('[', 40) + new string(']', 40)) }),
            ("context null", p => p.Context = null!),
            ("context extra", p => p.Context.AdditionalProperties = new JsonFields { ["tags"] = Json("3") }),
            ("metadata", p => p.Context.Metadata = new JsonFields { ["k"] = Json("{\"a\":1}") }),
            ("environment bad", p => p.Context.Environment = "prod"),
            ("environment empty", p => p.Context.Environment = ""),
            ("project empty", p => p.Context.ProjectName = ""),
            ("project surrogate", p => p.Context.ProjectName = Lone),
            ("project control", p => p.Context.ProjectName = "a\u0001b"),
            ("context ts", p => p.Context.Timestamp = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))),
            ("tags null", p => p.Context.Tags = null!),
            ("tags item null", p => p.Context.Tags = new[] { "a", null! }),
            ("tags item empty", p => p.Context.Tags = new[] { "" }),
            ("tag long", p => p.Context.Tags = new[] { new string('t', 129) }),
            ("tag max", p => p.Context.Tags = new[] { new string('t', 128) }),
            ("tags many", p => p.Context.Tags = Enumerable.Range(0, 65).Select(i => "t" + i).ToArray()),
            ("tags 64", p => p.Context.Tags = Enumerable.Range(0, 64).Select(i => "t" + i).ToArray()),
            ("tag control", p => p.Context.Tags = new[] { "a\tb" }),
            ("tag surrogate", p => p.Context.Tags = new[] { Lone }),
            ("data null required", SetRequiredNull),
            ("data empty required", SetRequiredEmpty),
            ("data surrogate", p => SetText(p, Lone)),
            ("data huge", p => SetText(p, new string('x', 1_100_000))),
            ("data escaped near limit", p => SetText(p, new string('\u0001', 180_000))),
            ("data non-ascii", p => SetText(p, new string('\u00e9', 400_000))),
            ("negative duration", p => { if (p.Data is TaskCompletionData t) t.DurationMs = -1; else if (p.Data is AgentUsageData a) a.DurationMs = -1; else if (p.Data is ErrorOccurrenceData e) e.LineNumber = -1; }),
            ("float out of range", p => { if (p.Data is TaskCompletionData t) t.CoveragePercent = 100.5; else if (p.Data is AgentUsageData a) a.MemoryMb = -3; }),
            ("float nan", p => { if (p.Data is TaskCompletionData t) t.CoveragePercent = double.NaN; else if (p.Data is AgentUsageData a) a.CpuPercent = double.PositiveInfinity; }),
            ("severity bad", p => { if (p.Data is UserCorrectionData u) u.Severity = "major"; }),
            ("tools bad", p => { if (p.Data is AgentUsageData a) a.ToolsUsed = new[] { "Read", "" }; }),
            ("tools null item", p => { if (p.Data is AgentUsageData a) a.ToolsUsed = new string[] { null! }; }),
            ("data null", p => p.Data = null!),
            ("new fields set", SetNewFields),
            ("new text empty", p => SetNewText(p, "")),
            ("new text surrogate", p => SetNewText(p, Lone)),
            ("new text long", p => SetNewText(p, new string('n', 1_100_000))),
            ("new count negative", p => { switch (p.Data) { case TaskCompletionData t: t.TestsFailed = -1; break; case ErrorOccurrenceData e: e.ResolutionTimeMs = -1; break; case AgentUsageData a: a.ParallelTasks = -1; break; } }),
        };

        [Fact]
        public void Typed_errors_are_the_tree_validators_whenever_the_typed_validator_decides()
        {
            var rng = new Random(12345);
            var decided = 0;
            var valid = 0;
            for (var i = 0; i < 2000; i++)
            {
                var p = TestPatterns.Make(i);
                var applied = new List<string>();
                var count = i < 200 ? 0 : rng.Next(1, 3);
                for (var k = 0; k < count; k++)
                {
                    var m = Mutations[rng.Next(Mutations.Length)];
                    try { m.Apply(p); applied.Add(m.Name); } catch (NullReferenceException) { }
                }
                var (isDecided, typed) = Typed(p);
                if (isDecided) { decided++; if (typed.Count == 0) valid++; }
                AgreesWithTheTree(p, isDecided, typed, string.Join(", ", applied));
            }
            Assert.True(decided >= 1000 && valid >= 200, $"the typed validator decided only {decided} of 2000 ({valid} valid)");
        }

        [Fact]
        public void Typed_errors_agree_with_the_tree_validator_on_patterns_built_from_hashtables()
        {
            var rng = new Random(4242);
            var decided = 0;
            for (var i = 0; i < 1500; i++)
            {
                var p = PatternInput.ToPattern(SeedHashtables.Make(i));
                if (i < 100) Assert.Equal((true, 0), (Typed(p).Decided, Typed(p).Errors.Count));
                var applied = new List<string>();
                var count = i < 100 ? 0 : rng.Next(1, 3);
                for (var k = 0; k < count; k++)
                {
                    var m = Mutations[rng.Next(Mutations.Length)];
                    try { m.Apply(p); applied.Add(m.Name); } catch (NullReferenceException) { }
                }
                var (isDecided, typed) = Typed(p);
                if (isDecided) decided++;
                AgreesWithTheTree(p, isDecided, typed, string.Join(", ", applied));
            }
            Assert.True(decided >= 700, $"the typed validator decided only {decided}");
        }

        [Fact]
        public void Every_mutation_alone_agrees_with_the_tree_validator()
        {
            foreach (var m in Mutations)
                for (var t = 0; t < 4; t++)
                {
                    var p = TestPatterns.Make(t);
                    m.Apply(p);
                    var (isDecided, typed) = Typed(p);
                    AgreesWithTheTree(p, isDecided, typed, m.Name + " on type " + t);
                }
        }

        [Fact]
        public void ToPattern_of_a_valid_typed_pattern_equals_the_json_round_trip()
        {
            for (var i = 0; i < 8; i++)
            {
                var p = TestPatterns.Make(i);
                if (i % 2 == 0) SetNewFields(p);
                Assert.Equal((true, 0), (Typed(p).Decided, Typed(p).Errors.Count));
                var viaJson = PatternJson.FromNode(PatternJson.ToNode(p));
                Assert.Equal(PatternJson.ToJson(viaJson), PatternJson.ToJson(PatternInput.ToPattern(p)));
                Assert.Same(p, PatternInput.ToValidated(p).Pattern);
            }
        }

        [Fact]
        public void A_valid_typed_pattern_without_context_or_version_comes_back_complete()
        {
            var p = TestPatterns.Make(2);
            p.Context = null!;
            p.Version = null!;
            var back = PatternInput.ToPattern(p);
            Assert.NotSame(p, back);
            Assert.Empty(back.Tags);
            Assert.Equal(MoaiPattern.CurrentVersion, back.Version);
            Assert.Equal(PatternJson.ToJson(p), PatternJson.ToJson(back));
        }

        [Fact]
        public void ToPattern_of_an_invalid_typed_pattern_still_lists_every_violation()
        {
            var p = TestPatterns.Make(1);
            p.PatternId = "a b";
            p.Context.Environment = "prod";
            ((ErrorOccurrenceData)p.Data).Resolution = "";
            var ex = Assert.Throws<InvalidPatternException>(() => PatternInput.ToPattern(p));
            Assert.Equal(new[] { "pattern_id", "data.resolution", "context.environment" }, ex.Errors.Select(e => e.Field).ToArray());
        }

        [Fact]
        public void A_typed_pattern_without_data_is_refused_naming_data()
        {
            var p = TestPatterns.Make(0);
            p.Data = null!;
            Assert.Contains(PatternValidator.Validate(p), e => e.Field == "data" && e.Rule == ValidationRules.Required);
            p.AdditionalProperties["extra"] = Json("1"); // undecided by the typed values: still no exception
            Assert.Contains(PatternValidator.Validate(p), e => e.Field == "data" && e.Rule == ValidationRules.Required);
        }

        /// <summary>Decided: exactly the tree's errors. Either way, Validate(MoaiPattern) is the tree's answer where a tree can be written.</summary>
        private static void AgreesWithTheTree(MoaiPattern p, bool decided, IReadOnlyList<ValidationError> typed, string label)
        {
            if (p.Data == null)
            {
                Assert.Contains(PatternValidator.Validate(p), e => e.Field == "data" && e.Rule == ValidationRules.Required);
                return;
            }
            if (Unwritable(p))
            {
                // NaN/Infinity: no JSON to compare with; the field is named with a Type error.
                Assert.Contains(PatternValidator.Validate(p), e => e.Rule == ValidationRules.Type && e.Field.StartsWith("data.", StringComparison.Ordinal));
                return;
            }
            var tree = TreeErrors(p).Select(e => e.Rule + " " + e).ToList();
            if (decided) Assert.True(tree.SequenceEqual(typed.Select(e => e.Rule + " " + e)), $"[{label}] typed: {string.Join("; ", typed)} | tree: {string.Join("; ", tree)}");
            Assert.Equal(tree, PatternValidator.Validate(p).Select(e => e.Rule + " " + e));
        }

        private static (bool Decided, IReadOnlyList<ValidationError> Errors) Typed(MoaiPattern p)
        {
            var errors = new List<ValidationError>();
            var decided = TypedValidation.TryValidate(p, errors);
            Assert.True(decided || errors.Count == 0);
            return (decided, errors);
        }

        /// <summary>NaN/Infinity make the serializer itself throw (a JsonException).</summary>
        private static bool Unwritable(MoaiPattern p)
        {
            var nonFinite = new List<ValidationError>();
            TypedValidation.AddNonFiniteFloats(p.Data, nonFinite);
            if (nonFinite.Count > 0) return true;
            try { PatternJson.ToUtf8Bytes(p); return false; }
            catch (JsonException) { return true; }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException) { return false; }
        }

        /// <summary>The reference: the JSON-tree validator on the pattern's JSON.</summary>
        private static IReadOnlyList<ValidationError> TreeErrors(MoaiPattern p)
        {
            try { return PatternValidator.Validate(PatternJson.ToNode(p)); }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
            {
                return new[] { new ValidationError("(pattern)", ValidationRules.Encoding, "cannot be written as JSON: " + ex.Message) };
            }
        }

        private static void SetRequiredNull(MoaiPattern p)
        {
            switch (p.Data)
            {
                case TaskCompletionData t: t.Success = null; break;
                case ErrorOccurrenceData e: e.ErrorMessage = null; break;
                case AgentUsageData a: a.DurationMs = null; break;
                case UserCorrectionData u: u.Agent = null; break;
            }
        }

        private static void SetRequiredEmpty(MoaiPattern p) => SetText(p, "");

        /// <summary>Every field the model lacked before, with valid values.</summary>
        private static void SetNewFields(MoaiPattern p)
        {
            switch (p.Data)
            {
                case TaskCompletionData t: t.FilesModified = 4; t.TestsFailed = 0; t.LinesOfCode = 120; t.ErrorMessage = "boom"; break;
                case ErrorOccurrenceData e: e.FunctionName = "process_data"; e.Resolution = "Add missing key check"; e.ResolutionTimeMs = 1500; break;
                case AgentUsageData a: a.RetryCount = 1; a.FilesAccessed = 12; a.ApiCalls = 3; a.ParallelTasks = 2; break;
                case UserCorrectionData u: u.TaskType = "refactoring"; u.CorrectionCategory = "security"; u.PatternMatched = "p-000001"; break;
            }
        }

        private static void SetNewText(MoaiPattern p, string value)
        {
            switch (p.Data)
            {
                case TaskCompletionData t: t.ErrorMessage = value; break;
                case ErrorOccurrenceData e: e.Resolution = value; break;
                case AgentUsageData a: a.ApiCalls = value.Length; break;
                case UserCorrectionData u: u.CorrectionCategory = value; break;
            }
        }

        private static void SetText(MoaiPattern p, string value)
        {
            switch (p.Data)
            {
                case TaskCompletionData t: t.TaskType = value; break;
                case ErrorOccurrenceData e: e.StackTrace = value; break;
                case AgentUsageData a: a.TaskType = value; break;
                case UserCorrectionData u: u.UserFeedback = value; break;
            }
        }

        private static JsonElement Json(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
    }
}
