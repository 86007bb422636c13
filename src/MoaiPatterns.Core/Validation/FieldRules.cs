using System;
using System.Collections.Generic;
using System.Globalization;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Validation
{
    /// <summary>A pattern as the rules read it: a JSON tree or a typed object (see <see cref="FieldRules.Walk"/>).</summary>
    internal abstract class PatternView
    {
        /// <summary>A root field.</summary>
        public abstract FieldValue Root(FieldSpec spec);

        /// <summary>A field of <c>data</c> or <c>context</c> (asked only when that object is an object).</summary>
        public abstract FieldValue Field(FieldSpec spec);
    }

    /// <summary>
    /// Every rule of the seed (API.md "Validation rules") applied field by field from the one table
    /// (<see cref="PatternSchema"/>), whatever the pattern is read from. Rules that hold anywhere in a JSON
    /// tree (encoding, depth, duplicate keys) and the size limit are the tree validator's.
    /// </summary>
    internal static class FieldRules
    {
        /// <summary>Checks the root, data and context fields in table order and adds every violation.</summary>
        public static void Walk(PatternView view, List<ValidationError> errors)
        {
            Check(PatternSchema.IdSpec, view.Root(PatternSchema.IdSpec), errors);
            var type = CheckPatternType(view.Root(PatternSchema.TypeSpec), errors);
            Check(PatternSchema.TimestampSpec, view.Root(PatternSchema.TimestampSpec), errors);

            var data = view.Root(PatternSchema.DataSpec);
            Check(PatternSchema.DataSpec, data, errors);
            if (data.Kind == ValueKind.Object && type != null)
                foreach (var spec in PatternSchema.DataFields(type.Value)) Check(spec, view.Field(spec), errors);

            var context = view.Root(PatternSchema.ContextSpec);
            Check(PatternSchema.ContextSpec, context, errors);
            if (context.Kind == ValueKind.Object)
            {
                var tags = FieldValue.Absent;
                foreach (var spec in PatternSchema.ContextFields)
                {
                    var value = view.Field(spec);
                    Check(spec, value, errors);
                    if (spec == PatternSchema.TagsSpec) tags = value;
                }
                CheckTags(tags, errors);
            }

            Check(PatternSchema.VersionSpec, view.Root(PatternSchema.VersionSpec), errors);
        }

        /// <summary>One field against its spec: presence, null, kind and constraints.</summary>
        public static void Check(FieldSpec spec, in FieldValue value, List<ValidationError> errors)
        {
            var path = spec.Path;
            switch (value.Kind)
            {
                case ValueKind.Absent:
                    if (spec.Required) errors.Add(new ValidationError(path, ValidationRules.Required, "is required but missing."));
                    return;
                case ValueKind.Null:
                    if (spec.Required) errors.Add(new ValidationError(path, ValidationRules.Required, "is required but null."));
                    else if (!spec.Nullable) errors.Add(new ValidationError(path, ValidationRules.Type, "is null; leave the field out or give a value."));
                    return;
            }
            switch (spec.Kind)
            {
                case FieldKind.String:
                    if (CheckString(value, path, errors) && spec.Allowed != null && Array.IndexOf(spec.Allowed, value.Text) < 0)
                        errors.Add(new ValidationError(path, ValidationRules.Enum, $"is \"{JsonScalars.Printable(value.Text)}\"; expected one of {string.Join(", ", spec.Allowed)}."));
                    break;
                case FieldKind.Timestamp:
                    if (CheckString(value, path, errors) && !IsoTimestamp.TryParse(value.Text, out _))
                        errors.Add(new ValidationError(path, ValidationRules.Timestamp,
                            $"is \"{JsonScalars.Printable(value.Text)}\", not a valid ISO 8601 timestamp; expected e.g. 2025-11-29T11:39:51+00:00."));
                    break;
                case FieldKind.Integer:
                    CheckInteger(spec, value, path, errors);
                    break;
                case FieldKind.Float:
                    CheckFloat(spec, value, path, errors);
                    break;
                case FieldKind.Boolean:
                    if (value.Kind != ValueKind.True && value.Kind != ValueKind.False) errors.Add(TypeError(path, "a boolean (true or false)", value));
                    break;
                case FieldKind.StringList:
                    if (value.Kind != ValueKind.List) { errors.Add(TypeError(path, "a list of strings", value)); break; }
                    for (var i = 0; i < value.Count; i++)
                    {
                        var item = value.Item(i);
                        if (item.Kind == ValueKind.String && item.Text.Length > 0) continue;
                        var itemPath = TreeScan.Item(path, i);
                        if (item.Kind == ValueKind.Null) errors.Add(new ValidationError(itemPath, ValidationRules.Type, "is null; the list must hold only non-empty strings."));
                        else CheckString(item, itemPath, errors);
                    }
                    break;
                case FieldKind.Object:
                    if (value.Kind != ValueKind.Object) errors.Add(TypeError(path, spec.Expected ?? "an object", value));
                    break;
                case FieldKind.PatternId:
                    CheckPatternId(value, path, errors);
                    break;
                case FieldKind.PatternType:
                    CheckPatternType(value, errors);
                    break;
            }
        }

        /// <summary>The type a present, valid pattern_type names; null (with the violation added) otherwise.</summary>
        private static PatternType? CheckPatternType(in FieldValue value, List<ValidationError> errors)
        {
            var path = PatternSchema.TypeSpec.Path;
            if (value.Kind == ValueKind.Absent || value.Kind == ValueKind.Null)
            {
                Check(PatternSchema.TypeSpec, value, errors);
                return null;
            }
            if (value.Kind != ValueKind.String)
            {
                if (value.Kind != ValueKind.BadText) errors.Add(TypeError(path, "a string naming the type", value));
                return null;
            }
            var text = value.Text;
            if (text.Length == 0) { errors.Add(new ValidationError(path, ValidationRules.NonEmpty, "is empty; expected one of " + string.Join(", ", PatternTypeNames.All) + ".")); return null; }
            if (PatternTypeNames.TryParse(text, out var type)) return type;
            errors.Add(new ValidationError(path, ValidationRules.PatternType,
                $"is \"{JsonScalars.Printable(text)}\"; expected one of {string.Join(", ", PatternTypeNames.All)}."));
            return null;
        }

        private static void CheckPatternId(in FieldValue value, string path, List<ValidationError> errors)
        {
            if (value.Kind != ValueKind.String)
            {
                if (value.Kind != ValueKind.BadText) errors.Add(TypeError(path, "a string", value));
                return;
            }
            var id = value.Text;
            if (id.Length == 0) { errors.Add(new ValidationError(path, ValidationRules.NonEmpty, "is empty; expected 1-128 characters of letters, digits, '-', '_' and '.'.")); return; }
            var problem = DescribeIdProblem(id);
            if (problem != null)
                errors.Add(new ValidationError(path, ValidationRules.PatternId,
                    $"{problem}; expected 1-{PatternLimits.MaxPatternIdLength} characters of letters, digits, '-', '_' and '.', and not '.' or '..' (got \"{JsonScalars.Printable(id)}\")."));
        }

        /// <summary>What is wrong with an id, or null when it is 1-128 of letters, digits, '-', '_', '.' and neither "." nor "..".</summary>
        public static string? DescribeIdProblem(string id)
        {
            if (id.Length == 0) return "is empty";
            if (id.Length > PatternLimits.MaxPatternIdLength) return $"is {id.Length} characters long";
            if (id == "." || id == "..") return "is a path reference";
            foreach (var c in id)
            {
                var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok) return "contains '" + JsonScalars.Printable(c.ToString()) + "'";
            }
            return null;
        }

        private static bool CheckString(in FieldValue value, string path, List<ValidationError> errors)
        {
            if (value.Kind != ValueKind.String)
            {
                if (value.Kind != ValueKind.BadText) errors.Add(TypeError(path, "a non-empty string", value));
                return false; // bad encoding is reported once, by the tree scan
            }
            if (value.Text.Length == 0)
            {
                errors.Add(new ValidationError(path, ValidationRules.NonEmpty, "is an empty string; expected a non-empty string."));
                return false;
            }
            return true;
        }

        private static void CheckInteger(FieldSpec spec, in FieldValue value, string path, List<ValidationError> errors)
        {
            if (value.Kind != ValueKind.Number)
            {
                errors.Add(TypeError(path, "an integer", value));
                return;
            }
            if (!value.IsIntegerLiteral)
            {
                errors.Add(new ValidationError(path, ValidationRules.Type,
                    $"is {value.Describe()}; expected an integer (a whole number written without a fraction or exponent, e.g. 2500)."));
                return;
            }
            if (!value.TryGetLong(out var number))
            {
                errors.Add(new ValidationError(path, ValidationRules.Range, $"is {JsonScalars.Printable(value.Literal)}, outside the 64-bit integer range."));
                return;
            }
            CheckRange(spec, number, value, path, errors);
        }

        private static void CheckFloat(FieldSpec spec, in FieldValue value, string path, List<ValidationError> errors)
        {
            if (value.Kind != ValueKind.Number)
            {
                errors.Add(TypeError(path, "a number", value));
                return;
            }
            if (value.IsNonFiniteClrFloat)
            {
                // Only a typed value can be NaN or infinite: JSON cannot even write it.
                errors.Add(new ValidationError(path, ValidationRules.Type, $"is {value.Literal}, which JSON cannot hold; expected a finite number."));
                return;
            }
            if (!value.TryGetFiniteDouble(out var number))
            {
                errors.Add(new ValidationError(path, ValidationRules.Range, $"is {JsonScalars.Printable(value.Literal)}; expected a finite number."));
                return;
            }
            CheckRange(spec, number, value, path, errors);
        }

        private static void CheckRange(FieldSpec spec, double number, in FieldValue value, string path, List<ValidationError> errors)
        {
            var low = spec.Min != null && number < spec.Min.Value;
            var high = spec.Max != null && number > spec.Max.Value;
            if (!low && !high) return;
            var expected = spec.Max == null ? $"at least {Num(spec.Min!.Value)}"
                : spec.Min == null ? $"at most {Num(spec.Max.Value)}"
                : $"between {Num(spec.Min.Value)} and {Num(spec.Max.Value)} inclusive";
            errors.Add(new ValidationError(path, ValidationRules.Range, $"is {JsonScalars.Printable(value.Literal)}; expected {expected}."));
        }

        /// <summary>Tag limits: how many, how long, no control characters (tags go into indexes and queries).</summary>
        private static void CheckTags(in FieldValue tags, List<ValidationError> errors)
        {
            if (tags.Kind != ValueKind.List) return;
            var path = PatternSchema.TagsSpec.Path;
            if (tags.Count > PatternLimits.MaxTags)
                errors.Add(new ValidationError(path, ValidationRules.Size, $"has {tags.Count} tags; at most {PatternLimits.MaxTags} are allowed."));
            for (var i = 0; i < tags.Count; i++)
            {
                var item = tags.Item(i);
                if (item.Kind != ValueKind.String) continue;
                var tag = item.Text;
                if (tag.Length > PatternLimits.MaxTagLength)
                    errors.Add(new ValidationError(TreeScan.Item(path, i), ValidationRules.Size, $"is {tag.Length} characters long; a tag has at most {PatternLimits.MaxTagLength}."));
                foreach (var c in tag)
                {
                    if (!char.IsControl(c)) continue;
                    errors.Add(new ValidationError(TreeScan.Item(path, i), ValidationRules.ControlCharacter,
                        $"contains the control character U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}; tags must be printable text."));
                    break;
                }
            }
        }

        private static ValidationError TypeError(string path, string expected, in FieldValue value) =>
            new ValidationError(path, ValidationRules.Type, $"is {value.Describe()}; expected {expected}.");

        private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
