using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Validation
{
    /// <summary>
    /// Every rule of the seed (API.md "Validation rules"), applied to the seed-shaped JSON tree so that
    /// types are checked as given (a boolean is not an integer, "5" is not an integer, 5.5 and 5.0 are
    /// not integers). Returns every violation, not just the first; unknown extra fields are allowed.
    /// </summary>
    public static class PatternValidator
    {
        /// <summary>Longest pattern id.</summary>
        public const int MaxPatternIdLength = PatternLimits.MaxPatternIdLength;

        private static readonly JsonSerializerOptions SizeOptions = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static IReadOnlyList<ValidationError> Validate(JsonObject root)
        {
            if (root == null) throw new ArgumentNullException(nameof(root));
            var structure = new List<ValidationError>();
            var readable = TreeScan.Check(root, structure);
            var errors = new List<ValidationError>();
            // An object with a duplicated or unreadable key cannot be looked into field by field.
            if (readable || !structure.Exists(e => e.Rule == ValidationRules.Duplicate || (e.Rule == ValidationRules.Encoding && e.Message.StartsWith("has a key", StringComparison.Ordinal))))
                CheckRoot(root, errors);
            errors.AddRange(structure);
            if (readable) CheckSize(root, errors);
            return errors;
        }

        public static IReadOnlyList<ValidationError> Validate(MoaiPattern pattern)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            // The common case skips building a JSON tree; anything doubtful gets the tree validator's own answer.
            if (TypedPrecheck.IsCertainlyValid(pattern)) return Array.Empty<ValidationError>();
            // JSON has no NaN or Infinity, so the tree cannot even be built: report the field instead.
            var nonFinite = NonFiniteFloatFields(pattern.Data);
            if (nonFinite.Count > 0) return nonFinite;
            JsonObject node;
            try { node = PatternJson.ToNode(pattern); }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
            {
                // Utf8JsonWriter refuses invalid UTF-16 (lone surrogates) in any string of the object.
                return new[] { new ValidationError("(pattern)", ValidationRules.Encoding, "cannot be written as JSON: " + ex.Message) };
            }
            return Validate(node);
        }

        private static List<ValidationError> NonFiniteFloatFields(PatternData? data)
        {
            var errors = new List<ValidationError>();
            void Check(string field, double? value)
            {
                if (value is double d && (double.IsNaN(d) || double.IsInfinity(d)))
                    errors.Add(new ValidationError("data." + field, ValidationRules.Type, $"must be a finite number, got {d}."));
            }
            switch (data)
            {
                case TaskCompletionData t: Check("coverage_percent", t.CoveragePercent); break;
                case AgentUsageData a: Check("memory_mb", a.MemoryMb); Check("cpu_percent", a.CpuPercent); break;
            }
            return errors;
        }

        /// <summary>Throws <see cref="InvalidPatternException"/> when the pattern breaks any rule.</summary>
        public static void EnsureValid(MoaiPattern pattern)
        {
            var errors = Validate(pattern);
            if (errors.Count > 0) throw new InvalidPatternException(errors, pattern.PatternId);
        }

        /// <summary>True for 1-128 characters of letters, digits, '-', '_', '.', and neither "." nor "..".</summary>
        public static bool IsValidPatternId(string? id) => id != null && DescribeIdProblem(id) == null;

        private static void CheckRoot(JsonObject root, List<ValidationError> errors)
        {
            CheckPatternId(root, errors);
            var type = CheckPatternType(root, errors);
            if (Present(root, PatternSchema.Timestamp, required: true, errors, out var ts))
                CheckValue(new FieldSpec(PatternSchema.Timestamp, FieldKind.Timestamp, required: true), ts, PatternSchema.Timestamp, errors);

            if (Present(root, PatternSchema.Data, required: true, errors, out var data))
            {
                if (data is JsonObject dataObject)
                {
                    if (type != null) CheckFields(dataObject, PatternSchema.DataFields(type.Value), PatternSchema.Data, errors);
                }
                else errors.Add(TypeError(PatternSchema.Data, "an object holding the type's fields", data));
            }

            if (Present(root, PatternSchema.Context, required: false, errors, out var context))
            {
                if (context is JsonObject contextObject)
                {
                    CheckFields(contextObject, PatternSchema.ContextFields, PatternSchema.Context, errors);
                    CheckTags(contextObject, errors);
                }
                else errors.Add(TypeError(PatternSchema.Context, "an object", context));
            }

            if (Present(root, PatternSchema.Version, required: false, errors, out var version))
                CheckValue(new FieldSpec(PatternSchema.Version, FieldKind.String), version, PatternSchema.Version, errors);
        }

        /// <summary>False when the field is absent or null (reporting Required / Type as due); true with its node otherwise.</summary>
        private static bool Present(JsonObject obj, string name, bool required, List<ValidationError> errors, out JsonNode node, string? path = null)
        {
            path ??= name;
            node = null!;
            if (!obj.TryGetPropertyValue(name, out var n))
            {
                if (required) errors.Add(new ValidationError(path, ValidationRules.Required, "is required but missing."));
                return false;
            }
            if (n == null)
            {
                errors.Add(required
                    ? new ValidationError(path, ValidationRules.Required, "is required but null.")
                    : new ValidationError(path, ValidationRules.Type, "is null; leave the field out or give a value."));
                return false;
            }
            node = n;
            return true;
        }

        private static void CheckPatternId(JsonObject root, List<ValidationError> errors)
        {
            const string path = PatternSchema.PatternId;
            if (!Present(root, path, required: true, errors, out var node)) return;
            if (!JsonScalars.TryGetString(node, out var id, out var bad))
            {
                if (!bad) errors.Add(TypeError(path, "a string", node));
                return;
            }
            if (id.Length == 0) { errors.Add(new ValidationError(path, ValidationRules.NonEmpty, "is empty; expected 1-128 characters of letters, digits, '-', '_' and '.'.")); return; }
            var problem = DescribeIdProblem(id);
            if (problem != null)
                errors.Add(new ValidationError(path, ValidationRules.PatternId,
                    $"{problem}; expected 1-{PatternLimits.MaxPatternIdLength} characters of letters, digits, '-', '_' and '.', and not '.' or '..' (got \"{JsonScalars.Printable(id)}\")."));
        }

        private static string? DescribeIdProblem(string id)
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

        private static PatternType? CheckPatternType(JsonObject root, List<ValidationError> errors)
        {
            const string path = PatternSchema.PatternTypeField;
            if (!Present(root, path, required: true, errors, out var node)) return null;
            if (!JsonScalars.TryGetString(node, out var text, out var bad))
            {
                if (!bad) errors.Add(TypeError(path, "a string naming the type", node));
                return null;
            }
            if (text.Length == 0) { errors.Add(new ValidationError(path, ValidationRules.NonEmpty, "is empty; expected one of " + string.Join(", ", PatternTypeNames.All) + ".")); return null; }
            if (PatternTypeNames.TryParse(text, out var type)) return type;
            errors.Add(new ValidationError(path, ValidationRules.PatternType,
                $"is \"{JsonScalars.Printable(text)}\"; expected one of {string.Join(", ", PatternTypeNames.All)}."));
            return null;
        }

        private static void CheckFields(JsonObject obj, FieldSpec[] specs, string prefix, List<ValidationError> errors)
        {
            foreach (var spec in specs)
            {
                var path = prefix + "." + spec.Name;
                if (Present(obj, spec.Name, spec.Required, errors, out var node, path)) CheckValue(spec, node, path, errors);
            }
        }

        private static void CheckValue(FieldSpec spec, JsonNode node, string path, List<ValidationError> errors)
        {
            switch (spec.Kind)
            {
                case FieldKind.String:
                    if (CheckString(node, path, errors, out var s) && spec.Allowed != null && Array.IndexOf(spec.Allowed, s) < 0)
                        errors.Add(new ValidationError(path, ValidationRules.Enum, $"is \"{JsonScalars.Printable(s)}\"; expected one of {string.Join(", ", spec.Allowed)}."));
                    break;
                case FieldKind.Timestamp:
                    if (CheckString(node, path, errors, out var t) && !IsoTimestamp.TryParse(t, out _))
                        errors.Add(new ValidationError(path, ValidationRules.Timestamp,
                            $"is \"{JsonScalars.Printable(t)}\", not a valid ISO 8601 timestamp; expected e.g. 2025-11-29T11:39:51+00:00."));
                    break;
                case FieldKind.Integer:
                    CheckInteger(spec, node, path, errors);
                    break;
                case FieldKind.Float:
                    CheckFloat(spec, node, path, errors);
                    break;
                case FieldKind.Boolean:
                    var kind = JsonScalars.KindOf(node);
                    if (kind != JsonValueKind.True && kind != JsonValueKind.False) errors.Add(TypeError(path, "a boolean (true or false)", node));
                    break;
                case FieldKind.StringList:
                    if (node is JsonArray array)
                    {
                        for (var i = 0; i < array.Count; i++)
                        {
                            var item = array[i];
                            var itemPath = TreeScan.Item(path, i);
                            if (item == null) errors.Add(new ValidationError(itemPath, ValidationRules.Type, "is null; the list must hold only non-empty strings."));
                            else CheckString(item, itemPath, errors, out _);
                        }
                    }
                    else errors.Add(TypeError(path, "a list of strings", node));
                    break;
                case FieldKind.Object:
                    if (!(node is JsonObject)) errors.Add(TypeError(path, "an object", node));
                    break;
            }
        }

        private static bool CheckString(JsonNode node, string path, List<ValidationError> errors, out string value)
        {
            if (!JsonScalars.TryGetString(node, out value, out var bad))
            {
                if (!bad) errors.Add(TypeError(path, "a non-empty string", node));
                return false; // bad encoding is reported once, by the tree scan
            }
            if (value.Length == 0)
            {
                errors.Add(new ValidationError(path, ValidationRules.NonEmpty, "is an empty string; expected a non-empty string."));
                return false;
            }
            return true;
        }

        private static void CheckInteger(FieldSpec spec, JsonNode node, string path, List<ValidationError> errors)
        {
            if (!JsonScalars.TryGetNumberLiteral(node, out var literal, out var clrFloat))
            {
                errors.Add(TypeError(path, "an integer", node));
                return;
            }
            if (clrFloat || !JsonFloat.IsIntegerLiteral(literal))
            {
                errors.Add(new ValidationError(path, ValidationRules.Type,
                    $"is {JsonScalars.Describe(node)}; expected an integer (a whole number written without a fraction or exponent, e.g. 2500)."));
                return;
            }
            if (!long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add(new ValidationError(path, ValidationRules.Range, $"is {JsonScalars.Printable(literal)}, outside the 64-bit integer range."));
                return;
            }
            CheckRange(spec, value, literal, path, errors);
        }

        private static void CheckFloat(FieldSpec spec, JsonNode node, string path, List<ValidationError> errors)
        {
            if (!JsonScalars.TryGetNumberLiteral(node, out var literal, out _))
            {
                errors.Add(TypeError(path, "a number", node));
                return;
            }
            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || double.IsInfinity(value))
            {
                errors.Add(new ValidationError(path, ValidationRules.Range, $"is {JsonScalars.Printable(literal)}; expected a finite number."));
                return;
            }
            CheckRange(spec, value, literal, path, errors);
        }

        private static void CheckRange(FieldSpec spec, double value, string literal, string path, List<ValidationError> errors)
        {
            var low = spec.Min != null && value < spec.Min.Value;
            var high = spec.Max != null && value > spec.Max.Value;
            if (!low && !high) return;
            var expected = spec.Max == null ? $"at least {Num(spec.Min!.Value)}"
                : spec.Min == null ? $"at most {Num(spec.Max.Value)}"
                : $"between {Num(spec.Min.Value)} and {Num(spec.Max.Value)} inclusive";
            errors.Add(new ValidationError(path, ValidationRules.Range, $"is {JsonScalars.Printable(literal)}; expected {expected}."));
        }

        private static void CheckTags(JsonObject context, List<ValidationError> errors)
        {
            if (!context.TryGetPropertyValue(PatternSchema.Tags, out var node) || !(node is JsonArray tags)) return;
            const string path = PatternSchema.Context + "." + PatternSchema.Tags;
            if (tags.Count > PatternLimits.MaxTags)
                errors.Add(new ValidationError(path, ValidationRules.Size, $"has {tags.Count} tags; at most {PatternLimits.MaxTags} are allowed."));
            for (var i = 0; i < tags.Count; i++)
            {
                if (!JsonScalars.TryGetString(tags[i], out var tag, out _)) continue;
                var itemPath = TreeScan.Item(path, i);
                if (tag.Length > PatternLimits.MaxTagLength)
                    errors.Add(new ValidationError(itemPath, ValidationRules.Size, $"is {tag.Length} characters long; a tag has at most {PatternLimits.MaxTagLength}."));
                foreach (var c in tag)
                {
                    if (!char.IsControl(c)) continue;
                    errors.Add(new ValidationError(itemPath, ValidationRules.ControlCharacter,
                        $"contains the control character U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}; tags must be printable text."));
                    break;
                }
            }
        }

        private static void CheckSize(JsonObject root, List<ValidationError> errors)
        {
            long bytes;
            try { bytes = Encoding.UTF8.GetByteCount(root.ToJsonString(SizeOptions)); }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is JsonException)
            {
                errors.Add(new ValidationError("(pattern)", ValidationRules.Encoding, "cannot be written as JSON: " + ex.Message));
                return;
            }
            if (bytes > PatternLimits.MaxPatternBytes)
                errors.Add(new ValidationError("(pattern)", ValidationRules.Size,
                    $"is {bytes} bytes of JSON; a pattern holds at most {PatternLimits.MaxPatternBytes} bytes ({PatternLimits.MaxPatternBytes / 1024} KiB)."));
        }

        private static ValidationError TypeError(string path, string expected, JsonNode? node) =>
            new ValidationError(path, ValidationRules.Type, $"is {JsonScalars.Describe(node)}; expected {expected}.");

        private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
