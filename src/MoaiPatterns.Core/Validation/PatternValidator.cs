using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Validation
{
    /// <summary>
    /// Every rule of the seed (API.md "Validation rules"), from the one table (<see cref="PatternSchema"/>),
    /// applied to the seed-shaped JSON tree so that types are checked as given (a boolean is not an
    /// integer, "5" is not an integer, 5.5 and 5.0 are not integers), or to a typed pattern. Returns every
    /// violation, not just the first; unknown extra fields are allowed. To build a pattern from any input,
    /// validated once, use <see cref="Input.PatternInput"/>.
    /// </summary>
    public static class PatternValidator
    {
        /// <summary>Longest pattern id.</summary>
        public const int MaxPatternIdLength = PatternLimits.MaxPatternIdLength;

        private static readonly JsonSerializerOptions SizeOptions = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>The violations of a seed-shaped JSON tree.</summary>
        public static IReadOnlyList<ValidationError> Validate(JsonObject root)
        {
            if (root == null) throw new ArgumentNullException(nameof(root));
            var structure = new List<ValidationError>();
            var readable = TreeScan.Check(root, structure);
            var errors = new List<ValidationError>();
            // An object with a duplicated or unreadable key cannot be looked into field by field.
            if (readable || !structure.Exists(e => e.Rule == ValidationRules.Duplicate || (e.Rule == ValidationRules.Encoding && e.Message.StartsWith("has a key", StringComparison.Ordinal))))
                FieldRules.Walk(new TreeView(root), errors);
            errors.AddRange(structure);
            if (readable) CheckSize(root, errors);
            return errors;
        }

        /// <summary>The violations of a typed pattern: judged on the typed values where they decide, else on its JSON.</summary>
        public static IReadOnlyList<ValidationError> Validate(MoaiPattern pattern)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            var errors = new List<ValidationError>();
            if (TypedValidation.TryValidate(pattern, errors)) return errors.Count == 0 ? Array.Empty<ValidationError>() : (IReadOnlyList<ValidationError>)errors;
            if (pattern.Data == null) return new[] { new ValidationError(PatternSchema.DataSpec.Path, ValidationRules.Required, "is required but null.") };
            // JSON has no NaN or Infinity, so the tree cannot even be built: report the fields instead.
            TypedValidation.AddNonFiniteFloats(pattern.Data, errors);
            if (errors.Count > 0) return errors;
            JsonObject node;
            try { node = PatternJson.ToNode(pattern); }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
            {
                // Utf8JsonWriter refuses invalid UTF-16 (lone surrogates) in any string of the object.
                return new[] { new ValidationError("(pattern)", ValidationRules.Encoding, "cannot be written as JSON: " + ex.Message) };
            }
            return Validate(node);
        }

        /// <summary>Throws <see cref="InvalidPatternException"/> when the pattern breaks any rule.</summary>
        public static void EnsureValid(MoaiPattern pattern)
        {
            var errors = Validate(pattern);
            if (errors.Count > 0) throw new InvalidPatternException(errors, pattern.PatternId);
        }

        /// <summary>True for 1-128 characters of letters, digits, '-', '_', '.', and neither "." nor "..".</summary>
        public static bool IsValidPatternId(string? id) => id != null && FieldRules.DescribeIdProblem(id) == null;

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

        /// <summary>A seed-shaped JSON tree as the rules read it: values exactly as given.</summary>
        private sealed class TreeView : PatternView
        {
            private readonly JsonObject _root;
            private readonly JsonObject? _data;
            private readonly JsonObject? _context;

            public TreeView(JsonObject root)
            {
                _root = root;
                _data = root[PatternSchema.Data] as JsonObject;
                _context = root[PatternSchema.Context] as JsonObject;
            }

            public override FieldValue Root(FieldSpec spec) => FieldValue.Of(_root, spec.Name);

            public override FieldValue Field(FieldSpec spec) => FieldValue.Of(spec.Section == FieldSection.Data ? _data : _context, spec.Name);
        }
    }
}
