using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using MoaiPatterns.Serialization;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Input
{
    /// <summary>
    /// The one way in: turns what a user hands in (a MoaiPattern, a dictionary shaped like the seed's dict
    /// with snake_case or PascalCase keys, a JSON string, JsonObject or JsonElement) into a
    /// <see cref="ValidatedPattern"/> or the complete list of violations, validating once. PowerShell
    /// objects are flattened by the cmdlet layer through <c>adapt</c>, which is called on every value
    /// before it is converted (unwrap PSObject, turn PSCustomObject into a dictionary).
    /// </summary>
    /// <remarks>
    /// A typed pattern is judged on its typed values (<see cref="TypedValidation"/>); a plain dictionary of the
    /// seed's shape is read straight into the typed model through the rule table's setters and judged there
    /// (<see cref="DictionaryInput"/>: accepted only when valid, anything else goes on); anything else is
    /// converted into the seed's JSON tree, read into the typed model and judged there when the tree maps
    /// onto it losslessly (<see cref="PlainTree"/>), else judged as a tree. Either way the rules are the
    /// one table's, and the answer is the tree validator's (the equivalence tests hold them to it).
    /// </remarks>
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

        /// <summary>The validated pattern for an input, for a store to save without validating again.</summary>
        /// <exception cref="InvalidPatternException">The input breaks one or more rules; every violation is listed.</exception>
        public static ValidatedPattern ToValidated(object input, Func<object, object?>? adapt = null)
        {
            var outcome = Build(input, adapt, wantPattern: true);
            return outcome.Pattern ?? throw new InvalidPatternException(outcome.Errors, outcome.PatternId);
        }

        /// <summary>The typed pattern for a valid input.</summary>
        /// <exception cref="InvalidPatternException">The input breaks one or more rules; every violation is listed.</exception>
        public static MoaiPattern ToPattern(object input, Func<object, object?>? adapt = null) => ToValidated(input, adapt).Pattern;

        /// <summary>Validates an input; never throws for bad input.</summary>
        public static ValidationResult Check(object input, Func<object, object?>? adapt = null)
        {
            var outcome = Build(input, adapt, wantPattern: false);
            return new ValidationResult(outcome.Errors, input, outcome.PatternId);
        }

        /// <summary>
        /// A new, validated pattern for <c>New-MoaiPattern -Type -Data [-Context] [-Tag] [-Id] [-Timestamp]</c>:
        /// a new id (32 hex digits, as the seed's) unless given, UTC now to the microsecond unless given,
        /// tags merged into context.tags without duplicates.
        /// </summary>
        /// <exception cref="InvalidPatternException">The parts break one or more rules; every violation is listed.</exception>
        public static MoaiPattern Create(PatternType type, object? data, object? context = null, string[]? tags = null,
            string? id = null, DateTimeOffset? timestamp = null, Func<object, object?>? adapt = null) =>
            CreateValidated(type, data, context, tags, id, timestamp, adapt).Pattern;

        /// <summary>As <see cref="Create"/>, for a store to save without validating again.</summary>
        public static ValidatedPattern CreateValidated(PatternType type, object? data, object? context = null, string[]? tags = null,
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
            var outcome = FromTree(root, errors, wantPattern: true);
            return outcome.Pattern ?? throw new InvalidPatternException(outcome.Errors, outcome.PatternId);
        }

        /// <summary>A validated pattern, or every violation (and the id, when readable).</summary>
        private readonly struct Outcome
        {
            public Outcome(ValidatedPattern? pattern, IReadOnlyList<ValidationError> errors, string? patternId)
            {
                Pattern = pattern;
                Errors = errors;
                PatternId = patternId;
            }

            public ValidatedPattern? Pattern { get; }
            public IReadOnlyList<ValidationError> Errors { get; }
            public string? PatternId { get; }
        }

        /// <summary>The one path; <paramref name="wantPattern"/> false (a check only) skips reading a tree into the typed model.</summary>
        private static Outcome Build(object input, Func<object, object?>? adapt, bool wantPattern)
        {
            if (adapt == null && input is MoaiPattern typed) return FromTyped(typed);
            if (wantPattern && FromDictionary(input, adapt) is Outcome direct) return direct;
            var errors = ConvertRoot(input, adapt, out var root);
            return FromTree(root, errors, wantPattern);
        }

        /// <summary>
        /// A plain dictionary read straight into the typed model (<see cref="DictionaryInput"/>) and judged there; null
        /// unless that decides it valid: whatever it cannot read or decide, and every invalid input, takes the tree path,
        /// so a violation is always reported by the one path that reports them.
        /// </summary>
        private static Outcome? FromDictionary(object input, Func<object, object?>? adapt)
        {
            if (!((adapt == null ? input : adapt(input)) is System.Collections.IDictionary dictionary)) return null;
            var typed = DictionaryInput.TryRead(dictionary, adapt);
            if (typed == null) return null;
            var found = new List<ValidationError>();
            return TypedValidation.TryValidate(typed, found) && found.Count == 0 ? Valid(typed) : (Outcome?)null;
        }

        private static Outcome FromTyped(MoaiPattern pattern)
        {
            var errors = PatternValidator.Validate(pattern);
            if (errors.Count > 0) return new Outcome(null, errors, Readable(pattern.PatternId));
            // What a store reads back: a context with tags, a version, data of the pattern's type.
            var complete = pattern.Context?.Tags != null && pattern.Version != null && pattern.Data.PatternType == pattern.PatternType;
            return Valid(complete ? pattern : PatternJson.FromNode(PatternJson.ToNode(pattern)));
        }

        private static Outcome FromTree(JsonObject? root, List<ValidationError> errors, bool wantPattern)
        {
            if (root == null) return new Outcome(null, errors, null);
            MoaiPattern? typed = null;
            if (wantPattern && errors.Count == 0 && PlainTree.IsPlain(root))
            {
                // The common case: the typed model holds everything the tree does, so its answer is the tree's.
                typed = TryRead(root);
                var found = new List<ValidationError>();
                if (typed != null && TypedValidation.TryValidate(typed, found) && found.Count == 0) return Valid(typed);
            }
            errors.AddRange(WithoutConverted(SafeValidate(root), new List<ValidationError>(errors)));
            if (errors.Count > 0 || !wantPattern) return new Outcome(null, errors, ReadId(root));
            typed ??= TryRead(root);
            // The validator and the typed model disagree: a bug, but still reported as invalid input.
            if (typed == null) return new Outcome(null, new[] { new ValidationError("(pattern)", ValidationRules.Type, "cannot be read as a pattern: " + ReadError(root)) }, ReadId(root));
            return Valid(typed);
        }

        private static Outcome Valid(MoaiPattern pattern) => new Outcome(new ValidatedPattern(pattern), Array.Empty<ValidationError>(), pattern.PatternId);

        /// <summary>The typed pattern of a tree, or null when the typed model cannot read it (e.g. a string where an integer belongs).</summary>
        private static MoaiPattern? TryRead(JsonObject root)
        {
            try { return PatternJson.FromNode(root); }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return null;
            }
        }

        private static string ReadError(JsonObject root)
        {
            try { PatternJson.FromNode(root); return "unknown error"; }
            catch (Exception ex) when (!(ex is OutOfMemoryException)) { return ex.Message; }
        }

        /// <summary>UTC now as the seed would write it: microsecond precision.</summary>
        public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
            new DateTimeOffset(value.Ticks - value.Ticks % 10, value.Offset);

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
                return root.TryGetPropertyValue(PatternSchema.PatternId, out var node) && JsonScalars.TryGetString(node, out var id, out _) ? Readable(id) : null;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>An id fit to name the input in a message: valid text, not absurdly long.</summary>
        private static string? Readable(string? id) =>
            id != null && !JsonScalars.ContainsLoneSurrogate(id) && id.Length <= 2 * PatternLimits.MaxPatternIdLength ? id : null;
    }
}
