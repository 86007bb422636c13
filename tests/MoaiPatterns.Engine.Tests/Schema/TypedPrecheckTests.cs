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
    /// <summary>The typed fast path must never say "valid" where the JSON-tree validator finds a violation.</summary>
    public class TypedPrecheckTests
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
            ("data extra dup", p => p.Data.AdditionalProperties = new Dictionary<string, JsonElement> { ["agent"] = Json("\"x\""), ["task_type"] = Json("5") }),
            ("data extra deep", p => p.Data.AdditionalProperties = new Dictionary<string, JsonElement> { ["deep"] = Json(new string('[', 40) + new string(']', 40)) }),
            ("context null", p => p.Context = null!),
            ("context extra", p => p.Context.AdditionalProperties = new Dictionary<string, JsonElement> { ["tags"] = Json("3") }),
            ("metadata", p => p.Context.Metadata = new Dictionary<string, JsonElement> { ["k"] = Json("{\"a\":1}") }),
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
        };

        [Fact]
        public void Precheck_never_accepts_what_the_tree_validator_rejects_and_errors_are_the_tree_validators()
        {
            var rng = new Random(12345);
            var accepted = 0;
            var total = 0;
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
                if (p.Data == null) continue;  // ToNode cannot even be built; covered by the Fact below
                total++;
                if (Unwritable(p)) { Assert.False(TypedPrecheck.IsCertainlyValid(p)); continue; }
                var tree = TreeErrors(p);
                var fast = TypedPrecheck.IsCertainlyValid(p);
                if (fast) { accepted++; Assert.True(tree.Count == 0, $"precheck accepted [{string.Join(", ", applied)}] but: {string.Join("; ", tree)}"); }
                Assert.Equal(tree.Select(e => e.Rule + " " + e), PatternValidator.Validate(p).Select(e => e.Rule + " " + e));
            }
            Assert.True(accepted >= 200, $"the fast path took only {accepted} of {total}");
        }

        [Fact]
        public void Precheck_agrees_with_the_tree_validator_on_patterns_built_from_hashtables()
        {
            var rng = new Random(4242);
            var accepted = 0;
            for (var i = 0; i < 1500; i++)
            {
                var p = PatternInput.ToPattern(SeedHashtables.Make(i));
                if (i < 100) Assert.True(TypedPrecheck.IsCertainlyValid(p), $"hashtable row {i} not vouched for");
                var applied = new List<string>();
                var count = i < 100 ? 0 : rng.Next(1, 3);
                for (var k = 0; k < count; k++)
                {
                    var m = Mutations[rng.Next(Mutations.Length)];
                    try { m.Apply(p); applied.Add(m.Name); } catch (NullReferenceException) { }
                }
                if (p.Data == null) continue;
                // NaN cannot be written at all (the validator names the field; covered by NonFiniteFloatTests).
                if (Unwritable(p)) { Assert.False(TypedPrecheck.IsCertainlyValid(p)); continue; }
                if (applied.Contains("float nan")) { Assert.True(!TypedPrecheck.IsCertainlyValid(p) || TreeErrors(p).Count == 0); continue; }
                var tree = TreeErrors(p);
                if (TypedPrecheck.IsCertainlyValid(p)) { accepted++; Assert.True(tree.Count == 0, $"precheck accepted [{string.Join(", ", applied)}] but: {string.Join("; ", tree)}"); }
                Assert.Equal(tree.Select(e => e.Rule + " " + e), PatternValidator.Validate(p).Select(e => e.Rule + " " + e));
            }
            Assert.True(accepted >= 150, $"the fast path took only {accepted}");
        }

        [Fact]
        public void Every_mutation_alone_agrees_with_the_tree_validator()
        {
            foreach (var m in Mutations)
                for (var t = 0; t < 4; t++)
                {
                    var p = TestPatterns.Make(t);
                    m.Apply(p);
                    if (p.Data == null || Unwritable(p)) { Assert.False(TypedPrecheck.IsCertainlyValid(p)); continue; }
                    var tree = TreeErrors(p);
                    if (TypedPrecheck.IsCertainlyValid(p)) Assert.True(tree.Count == 0, $"{m.Name} on type {t}: {string.Join("; ", tree)}");
                    Assert.Equal(tree.Select(e => e.Rule + " " + e), PatternValidator.Validate(p).Select(e => e.Rule + " " + e));
                }
        }

        [Fact]
        public void ToPattern_of_a_valid_typed_pattern_equals_the_json_round_trip()
        {
            for (var i = 0; i < 8; i++)
            {
                var p = TestPatterns.Make(i);
                Assert.True(TypedPrecheck.IsCertainlyValid(p));
                var viaJson = PatternJson.FromNode(PatternJson.ToNode(p));
                Assert.Equal(PatternJson.ToJson(viaJson), PatternJson.ToJson(PatternInput.ToPattern(p)));
            }
        }

        [Fact]
        public void ToPattern_of_an_invalid_typed_pattern_still_lists_every_violation()
        {
            var p = TestPatterns.Make(1);
            p.PatternId = "a b";
            p.Context.Environment = "prod";
            var ex = Assert.Throws<InvalidPatternException>(() => PatternInput.ToPattern(p));
            Assert.Equal(new[] { "pattern_id", "context.environment" }, ex.Errors.Select(e => e.Field).ToArray());
        }

        /// <summary>NaN/Infinity make the serializer itself throw (a JsonException the validator does not catch, before and after the fast path).</summary>
        private static bool Unwritable(MoaiPattern p)
        {
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
