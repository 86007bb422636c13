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
    /// The direct reading of a hashtable (DictionaryInput) is driven by the rule table: every field of every type has a
    /// setter, a hashtable holding all of them reads straight into the typed model and equals the tree path's pattern,
    /// and a wrong-typed value in any field gets exactly the violations the JSON text of the same input gets.
    /// </summary>
    public class DictionaryInputTests
    {
        private static object ValidValue(FieldSpec spec, int i)
        {
            switch (spec.Kind)
            {
                case FieldKind.String: return spec.Allowed != null ? spec.Allowed[i % spec.Allowed.Length] : spec.Name + "-" + i;
                case FieldKind.Integer: return i % 2 == 0 ? (object)(long)(i + 3) : i + 3;
                case FieldKind.Float: return i % 2 == 0 ? (object)(12.5 + i) : 40;
                case FieldKind.Boolean: return i % 2 == 0;
                case FieldKind.StringList: return new object[] { "a" + i, "b" };
                case FieldKind.Timestamp: return i % 2 == 0 ? (object)"2025-11-29T11:39:51.123456+09:00" : new DateTimeOffset(2025, 11, 29, 2, 39, 51, TimeSpan.Zero);
                default: throw new InvalidOperationException(spec.Path);
            }
        }

        private static object WrongValue(FieldSpec spec)
        {
            switch (spec.Kind)
            {
                case FieldKind.String: return 5L;
                case FieldKind.Integer: return "5";
                case FieldKind.Float: return "9.5";
                case FieldKind.Boolean: return "yes";
                case FieldKind.StringList: return "one";
                case FieldKind.Timestamp: return "yesterday";
                case FieldKind.Object: return "m";
                default: throw new InvalidOperationException(spec.Path);
            }
        }

        /// <summary>A pattern of the type with every data and context field of the table set (metadata, an object, left out).</summary>
        private static Hashtable Full(PatternType type, int i)
        {
            var data = new Hashtable();
            foreach (var spec in PatternSchema.DataFields(type)) data[spec.Name] = ValidValue(spec, i);
            var context = new Hashtable();
            foreach (var spec in PatternSchema.ContextFields) if (spec.Kind != FieldKind.Object) context[spec.Name] = ValidValue(spec, i);
            return new Hashtable
            {
                ["pattern_id"] = "p-" + type + "-" + i, ["pattern_type"] = type.ToWireName(), ["timestamp"] = "2025-11-29T02:39:51Z",
                ["data"] = data, ["context"] = context, ["version"] = "1.0",
            };
        }

        private static string FullPath(Hashtable input)
        {
            var root = PatternInput.ToJsonObject(input);
            Assert.Empty(PatternValidator.Validate(root));
            return PatternJson.ToJson(PatternJson.Parse(root.ToJsonString()), false);
        }

        [Fact]
        public void Every_field_of_the_table_has_a_setter_except_objects()
        {
            foreach (var spec in PatternSchema.TaskCompletion.Concat(PatternSchema.ErrorOccurrence).Concat(PatternSchema.AgentUsage)
                .Concat(PatternSchema.UserCorrection).Concat(PatternSchema.ContextFields))
                Assert.True((spec.Write != null) == (spec.Kind != FieldKind.Object), spec.Path);
        }

        [Fact]
        public void A_hashtable_with_every_field_reads_directly_and_equals_the_tree_path()
        {
            foreach (PatternType type in Enum.GetValues(typeof(PatternType)))
                for (var i = 0; i < 4; i++)
                {
                    var typed = DictionaryInput.TryRead(Full(type, i), null);
                    Assert.NotNull(typed);
                    Assert.Equal(FullPath(Full(type, i)), PatternJson.ToJson(typed!, false));
                    Assert.Equal(FullPath(Full(type, i)), PatternJson.ToJson(PatternInput.ToPattern(Full(type, i)), false));
                }
        }

        [Fact]
        public void Seed_shaped_hashtables_read_directly()
        {
            for (var i = 0; i < 40; i++)
            {
                var typed = DictionaryInput.TryRead(SeedHashtables.Make(i), null);
                Assert.NotNull(typed);
                Assert.Equal(FullPath(SeedHashtables.Make(i)), PatternJson.ToJson(typed!, false));
            }
        }

        [Fact]
        public void What_the_typed_model_cannot_hold_is_left_to_the_tree_path()
        {
            var h = SeedHashtables.Make(2);
            ((Hashtable)h["data"]!)["extra"] = "kept";
            Assert.Null(DictionaryInput.TryRead(h, null));
            Assert.Equal("\"kept\"", PatternInput.ToPattern(h).Data.AdditionalProperties!["extra"].GetRawText());

            h = SeedHashtables.Make(2);
            ((Hashtable)h["context"]!)["metadata"] = new Hashtable { ["k"] = 1 };
            Assert.Null(DictionaryInput.TryRead(h, null));
            Assert.Equal("1", PatternInput.ToPattern(h).Context.Metadata!["k"].GetRawText());

            h = SeedHashtables.Make(2);
            h["Tags"] = "extra-tag";
            Assert.Null(DictionaryInput.TryRead(h, null));
            Assert.Contains("extra-tag", PatternInput.ToPattern(h).Context.Tags);
        }

        [Fact]
        public void A_wrong_typed_value_in_any_field_gets_the_violations_of_the_json_text()
        {
            var checkedFields = 0;
            foreach (PatternType type in Enum.GetValues(typeof(PatternType)))
            {
                foreach (var spec in PatternSchema.DataFields(type).Concat(PatternSchema.ContextFields))
                {
                    var h = Full(type, 1);
                    ((Hashtable)h[spec.Section == FieldSection.Data ? "data" : "context"]!)[spec.Name] = WrongValue(spec);
                    var json = PatternInput.ToJsonObject(h).ToJsonString();
                    var fromJson = Assert.Throws<InvalidPatternException>(() => PatternInput.ToValidated(json)).Errors.Select(e => e.Rule + " " + e).ToArray();
                    var fromHashtable = Assert.Throws<InvalidPatternException>(() => PatternInput.ToValidated(h, v => v)).Errors.Select(e => e.Rule + " " + e).ToArray();
                    Assert.NotEmpty(fromJson);
                    Assert.Contains(fromJson, e => e.Contains(spec.Path));
                    Assert.Equal(fromJson, fromHashtable);
                    checkedFields++;
                }
            }
            Assert.True(checkedFields > 40, checkedFields.ToString());
        }

        [Fact]
        public void Several_wrong_fields_are_all_named_in_one_error()
        {
            var h = Full(PatternType.AgentUsage, 0);
            var data = (Hashtable)h["data"]!;
            data["duration_ms"] = "slow";
            data["success"] = "yes";
            data["tools_used"] = "Read";
            ((Hashtable)h["context"]!)["environment"] = "prod";
            var ex = Assert.Throws<InvalidPatternException>(() => PatternInput.ToValidated(h));
            var fields = ex.Errors.Select(e => e.Field).ToArray();
            Assert.Equal(new[] { "data.duration_ms", "data.success", "data.tools_used", "context.environment" }.OrderBy(f => f), fields.OrderBy(f => f));
        }

        [Fact]
        public void Nulls_in_optional_fields_read_directly_and_keep_the_null()
        {
            var h = SeedHashtables.Make(1);
            ((Hashtable)h["data"]!)["resolution"] = null;
            var typed = DictionaryInput.TryRead(h, null);
            Assert.NotNull(typed);
            Assert.Contains("\"resolution\":null", PatternJson.ToJson(typed!, false));
            Assert.Equal(FullPath(h), PatternJson.ToJson(PatternInput.ToPattern(h), false));
            ((Hashtable)h["data"]!)["error_type"] = null; // required: the tree path reports it
            Assert.Null(DictionaryInput.TryRead(h, null));
        }
    }
}
