using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Input;
using MoaiPatterns.Serialization;
using MoaiPatterns.Validation;
using Xunit;

namespace MoaiPatterns.Tests.Schema
{
    /// <summary>
    /// ToPattern's fast path (typed model + typed validation, no tree validator) must give exactly what the full
    /// path gives: the same pattern for valid input, the tree validator's errors for invalid input.
    /// </summary>
    public class PlainInputPathTests
    {
        private const string Lone = "a\uD800b";

        private static Hashtable Data(Hashtable h) => (Hashtable)h["data"]!;
        private static Hashtable Ctx(Hashtable h) => (Hashtable)h["context"]!;
        private static string FirstText(Hashtable h) => Data(h).Keys.Cast<string>().OrderBy(k => k).First(k => Data(h)[k] is string);
        private static string FirstNumber(Hashtable h) => Data(h).Keys.Cast<string>().OrderBy(k => k).FirstOrDefault(k => Data(h)[k] is long || Data(h)[k] is int) ?? "extra_n";

        private static readonly (string Name, Action<Hashtable> Apply)[] Mutations =
        {
            ("data optional null", h => Data(h)[FirstNumber(h)] = null),
            ("data text null", h => Data(h)[FirstText(h)] = null),
            ("data text empty", h => Data(h)[FirstText(h)] = ""),
            ("data text number", h => Data(h)[FirstText(h)] = 5),
            ("data integer as float", h => Data(h)[FirstNumber(h)] = 5.0),
            ("data integer as string", h => Data(h)[FirstNumber(h)] = "5"),
            ("data integer as bool", h => Data(h)[FirstNumber(h)] = true),
            ("data integer huge", h => Data(h)[FirstNumber(h)] = ulong.MaxValue),
            ("data integer negative", h => Data(h)[FirstNumber(h)] = -1L),
            ("data extra", h => Data(h)["extra"] = "x"),
            ("data surrogate", h => Data(h)[FirstText(h)] = Lone),
            ("data huge", h => Data(h)[FirstText(h)] = new string('\u0001', 200_000)),
            ("data not object", h => h["data"] = "nope"),
            ("data null", h => h["data"] = null),
            ("context null", h => h["context"] = null),
            ("context string", h => h["context"] = "ctx"),
            ("context list", h => h["context"] = new[] { "a" }),
            ("context removed", h => h.Remove("context")),
            ("context extra", h => Ctx(h)["extra"] = 1),
            ("metadata", h => Ctx(h)["metadata"] = new Hashtable { ["k"] = 1 }),
            ("metadata string", h => Ctx(h)["metadata"] = "m"),
            ("environment bad", h => Ctx(h)["environment"] = "prod"),
            ("environment null", h => Ctx(h)["environment"] = null),
            ("tags null", h => Ctx(h)["tags"] = null),
            ("tags string", h => Ctx(h)["tags"] = "one"),
            ("tags item null", h => Ctx(h)["tags"] = new object?[] { "a", null }),
            ("tags item number", h => Ctx(h)["tags"] = new object[] { "a", 3 }),
            ("tags nested", h => Ctx(h)["tags"] = new object[] { new[] { "a" } }),
            ("tag control", h => Ctx(h)["tags"] = new[] { "a\tb" }),
            ("context timestamp bad", h => Ctx(h)["timestamp"] = "yesterday"),
            ("context timestamp number", h => Ctx(h)["timestamp"] = 5),
            ("context timestamp local", h => Ctx(h)["timestamp"] = "2025-11-29T11:39:51.123456"),
            ("timestamp local", h => h["timestamp"] = "2025-11-29T11:39:51"),
            ("timestamp bad", h => h["timestamp"] = "2025-13-01T00:00:00Z"),
            ("timestamp null", h => h["timestamp"] = null),
            ("version number", h => h["version"] = 1.0),
            ("version null", h => h["version"] = null),
            ("version empty", h => h["version"] = ""),
            ("version removed", h => h.Remove("version")),
            ("root extra", h => h["source"] = "runbook"),
            ("root Tags alias", h => h["Tags"] = "extra-tag"),
            ("id bad", h => h["pattern_id"] = "a b"),
            ("id number", h => h["pattern_id"] = 7),
            ("type bad", h => h["pattern_type"] = "task"),
            ("pascal key", h => { h["PatternId"] = h["pattern_id"]; h.Remove("pattern_id"); }),
            ("duplicate key", h => h["PatternId"] = "other"),
            ("float as string", h => { if (Data(h).ContainsKey("coverage_percent")) Data(h)["coverage_percent"] = "9"; else if (Data(h).ContainsKey("memory_mb")) Data(h)["memory_mb"] = "9"; }),
            ("float out of range", h => { if (Data(h).ContainsKey("coverage_percent")) Data(h)["coverage_percent"] = 100.5; }),
            ("float nan", h => { if (Data(h).ContainsKey("cpu_percent")) Data(h)["cpu_percent"] = double.NaN; }),
            ("float decimal", h => { if (Data(h).ContainsKey("memory_mb")) Data(h)["memory_mb"] = 12.50m; }),
        };

        [Fact]
        public void Seed_shaped_hashtables_take_the_fast_path_and_equal_the_full_path()
        {
            for (var i = 0; i < 40; i++)
            {
                var p = PatternInput.ToPattern(SeedHashtables.Make(i));
                var typed = new List<ValidationError>();
                Assert.True(TypedValidation.TryValidate(p, typed) && typed.Count == 0, $"row {i} not decided valid: {PatternJson.ToJson(p, false)}");
                Assert.Empty(PatternInput.Check(SeedHashtables.Make(i)).Errors);
                Assert.Equal(FullPath(SeedHashtables.Make(i)), PatternJson.ToJson(p, false));
            }
        }

        [Fact]
        public void Mutated_hashtables_give_the_full_paths_answer()
        {
            var rng = new Random(777);
            var valid = 0;
            for (var i = 0; i < 3000; i++)
            {
                var applied = new List<string>();
                Hashtable Build()
                {
                    var h = SeedHashtables.Make(i);
                    var r = new Random(i * 31 + 7);
                    var count = i < 100 ? 0 : r.Next(1, 3);
                    for (var k = 0; k < count; k++)
                    {
                        var m = Mutations[r.Next(Mutations.Length)];
                        try { m.Apply(h); if (applied.Count < count) applied.Add(m.Name); } catch (Exception ex) when (ex is InvalidCastException || ex is NullReferenceException) { }
                    }
                    return h;
                }
                var reference = PatternInput.Check(Build()).Errors.Select(e => e.Rule + " " + e).ToArray();
                MoaiPattern? result = null;
                string[]? thrown = null;
                try { result = PatternInput.ToPattern(Build()); }
                catch (InvalidPatternException ex) { thrown = ex.Errors.Select(e => e.Rule + " " + e).ToArray(); }
                var label = string.Join(", ", applied);
                if (result != null)
                {
                    valid++;
                    Assert.True(reference.Length == 0, $"[{label}] accepted but the tree validator says: {string.Join("; ", reference)}");
                    Assert.Equal(FullPath(Build()), PatternJson.ToJson(result, false));
                }
                else Assert.Equal(reference, thrown!);
                _ = rng;
            }
            Assert.True(valid >= 300, $"only {valid} valid inputs");
        }

        [Fact]
        public void Json_text_with_an_escaped_lone_surrogate_is_reported_not_repaired()
        {
            var json = PatternJson.ToJson(PatternInput.ToPattern(SeedHashtables.Make(1)), false).Replace("deadlock", "dead\\ud800lock");
            var ex = Assert.Throws<InvalidPatternException>(() => PatternInput.ToPattern(json));
            Assert.Contains(ex.Errors, e => e.Rule == ValidationRules.Encoding);
        }

        /// <summary>The reference: the converted tree, validated by the tree validator, read back through JSON text.</summary>
        private static string FullPath(Hashtable input)
        {
            var root = PatternInput.ToJsonObject(input);
            Assert.Empty(PatternValidator.Validate(root));
            return PatternJson.ToJson(PatternJson.Parse(root.ToJsonString()), false);
        }
    }
}
