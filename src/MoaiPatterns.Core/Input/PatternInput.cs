using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using MoaiPatterns.Serialization;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Input
{
    /// <summary>
    /// Turns what a user hands in (a MoaiPattern, a dictionary shaped like the seed's dict with
    /// snake_case or PascalCase keys, a JSON string, JsonObject or JsonElement) into the seed's JSON
    /// tree, validates it, and builds the typed pattern. PowerShell objects are flattened by the
    /// cmdlet layer through <c>adapt</c>, which is called on every value before it is converted
    /// (unwrap PSObject, turn PSCustomObject into a dictionary).
    /// </summary>
    public static class PatternInput
    {
        /// <summary>The seed-shaped JSON tree of an input (keys normalized to snake_case), without validating it.</summary>
        /// <exception cref="InvalidPatternException">The input cannot be turned into a JSON object (duplicate keys, cycle, not a dictionary…).</exception>
        public static JsonObject ToJsonObject(object input, Func<object, object?>? adapt = null)
        {
            var errors = new List<ValidationError>();
            var root = new InputConverter(errors, adapt).ConvertRoot(input);
            if (errors.Count > 0 || root == null) throw new InvalidPatternException(errors, ReadId(root));
            return root;
        }

        /// <summary>Validates an input; never throws for bad input.</summary>
        public static ValidationResult Check(object input, Func<object, object?>? adapt = null)
        {
            var errors = Analyze(input, adapt, out var root);
            return new ValidationResult(errors, input, ReadId(root));
        }

        /// <summary>The typed pattern for a valid input.</summary>
        /// <exception cref="InvalidPatternException">The input breaks one or more rules; every violation is listed.</exception>
        public static MoaiPattern ToPattern(object input, Func<object, object?>? adapt = null)
        {
            // A typed pattern that is certainly valid is already what a JSON round trip would build.
            if (adapt == null && input is MoaiPattern typed && TypedPrecheck.IsCertainlyValid(typed)) return typed;
            var errors = ConvertRoot(input, adapt, out var root);
            // The common case skips the tree validator; anything doubtful gets its full answer below.
            if (errors.Count == 0 && root != null && !(input is MoaiPattern)) { var plain = TryPlain(root); if (plain != null) return plain; }
            if (root != null) errors.AddRange(WithoutConverted(SafeValidate(root), new List<ValidationError>(errors)));
            return Build(root, errors);
        }

        /// <summary>
        /// A tree that maps onto the typed model losslessly (<see cref="PlainTree"/>) and whose typed
        /// pattern the precheck vouches for is one the tree validator accepts; null means "validate the tree".
        /// </summary>
        private static MoaiPattern? TryPlain(JsonObject root)
        {
            if (!PlainTree.IsPlain(root)) return null;
            try
            {
                var pattern = PatternJson.FromNode(root);
                return TypedPrecheck.IsCertainlyValid(pattern) ? pattern : null;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return null; // e.g. a string where an integer belongs: the tree validator reports it
            }
        }

        /// <summary>
        /// A new, validated pattern for <c>New-MoaiPattern -Type -Data [-Context] [-Tag] [-Id] [-Timestamp]</c>:
        /// a new id (32 hex digits, as the seed's) unless given, UTC now to the microsecond unless given,
        /// tags merged into context.tags without duplicates.
        /// </summary>
        public static MoaiPattern Create(PatternType type, object? data, object? context = null, string[]? tags = null,
            string? id = null, DateTimeOffset? timestamp = null, Func<object, object?>? adapt = null)
        {
            var errors = new List<ValidationError>();
            var converter = new InputConverter(errors, adapt);
            var root = new JsonObject
            {
                [PatternSchema.PatternId] = id ?? Guid.NewGuid().ToString("N"),
                [PatternSchema.PatternTypeField] = type.ToWireName(),
                [PatternSchema.Timestamp] = IsoTimestamp.Format(timestamp ?? TruncateToMicroseconds(DateTimeOffset.UtcNow)),
            };
            if (data != null) root[PatternSchema.Data] = converter.Convert(data, PatternSchema.Data, 2, KeyLevel.Data);
            if (context != null) root[PatternSchema.Context] = converter.Convert(context, PatternSchema.Context, 2, KeyLevel.Context);
            root[PatternSchema.Version] = MoaiPattern.CurrentVersion;
            if (tags != null && tags.Length > 0) MergeTags(root, tags, errors);
            errors.AddRange(WithoutConverted(SafeValidate(root), new List<ValidationError>(errors)));
            return Build(root, errors);
        }

        /// <summary>UTC now as the seed would write it: microsecond precision.</summary>
        public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
            new DateTimeOffset(value.Ticks - value.Ticks % 10, value.Offset);

        private static List<ValidationError> Analyze(object input, Func<object, object?>? adapt, out JsonObject? root)
        {
            var errors = ConvertRoot(input, adapt, out root);
            if (root != null) errors.AddRange(WithoutConverted(SafeValidate(root), new List<ValidationError>(errors)));
            return errors;
        }

        private static List<ValidationError> ConvertRoot(object input, Func<object, object?>? adapt, out JsonObject? root)
        {
            var errors = new List<ValidationError>();
            root = null;
            try
            {
                root = new InputConverter(errors, adapt).ConvertRoot(input);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                errors.Add(new ValidationError("(pattern)", ValidationRules.Type, "could not be read: " + ex.Message));
                root = null;
            }
            return errors;
        }

        /// <summary>A value that could not be converted is already reported; its placeholder (null) is not reported again.</summary>
        private static IEnumerable<ValidationError> WithoutConverted(IReadOnlyList<ValidationError> found, List<ValidationError> conversion)
        {
            foreach (var e in found)
            {
                var covered = false;
                foreach (var c in conversion)
                    if (e.Field == c.Field || e.Field.StartsWith(c.Field + ".", StringComparison.Ordinal) || e.Field.StartsWith(c.Field + "[", StringComparison.Ordinal)) { covered = true; break; }
                if (!covered) yield return e;
            }
        }

        private static IReadOnlyList<ValidationError> SafeValidate(JsonObject root)
        {
            try { return PatternValidator.Validate(root); }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return new[] { new ValidationError("(pattern)", ValidationRules.Type, "could not be validated: " + ex.Message) };
            }
        }

        private static MoaiPattern Build(JsonObject? root, List<ValidationError> errors)
        {
            if (errors.Count > 0 || root == null) throw new InvalidPatternException(errors, ReadId(root));
            try { return PatternJson.FromNode(root); }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is ArgumentException || ex is FormatException)
            {
                // The validator and the typed model disagree: a bug, but still reported as invalid input.
                throw new InvalidPatternException(new[] { new ValidationError("(pattern)", ValidationRules.Type, "cannot be read as a pattern: " + ex.Message) }, ReadId(root));
            }
        }

        private static void MergeTags(JsonObject root, string[] tags, List<ValidationError> errors)
        {
            if (!root.TryGetPropertyValue(PatternSchema.Context, out var ctx) || ctx == null)
            {
                ctx = new JsonObject();
                root[PatternSchema.Context] = ctx;
            }
            if (!(ctx is JsonObject context)) return; // the validator reports a context that is not an object
            var items = new List<JsonNode?>();
            if (context.TryGetPropertyValue(PatternSchema.Tags, out var existing) && existing != null)
            {
                if (!(existing is JsonArray array))
                {
                    errors.Add(new ValidationError("context.tags", ValidationRules.Type, "is not a list, so -Tag cannot be added to it."));
                    return;
                }
                items.AddRange(TagMerge.Detach(array));
            }
            foreach (var t in tags) items.Add(t == null ? null : JsonValue.Create(t));
            context[PatternSchema.Tags] = TagMerge.Distinct(items);
        }

        private static string? ReadId(JsonObject? root)
        {
            if (root == null) return null;
            try
            {
                return root.TryGetPropertyValue(PatternSchema.PatternId, out var node)
                    && JsonScalars.TryGetString(node, out var id, out _) && !JsonScalars.ContainsLoneSurrogate(id)
                    && id.Length <= 2 * PatternLimits.MaxPatternIdLength ? id : null;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
            {
                return null;
            }
        }
    }
}
