using System;
using System.Collections.Generic;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Validation
{
    /// <summary>
    /// The rule table applied to a typed <see cref="MoaiPattern"/> through the properties it is bound to,
    /// without writing JSON: the same <see cref="FieldRules"/> the tree validator runs, on the values the
    /// serializer would write, so the answer is the tree validator's. What only the JSON can tell (extra
    /// fields and metadata at any level, lone surrogates, a size near the limit, a timestamp or type the
    /// serializer cannot write) is left undecided, and the caller validates the JSON.
    /// </summary>
    internal static class TypedValidation
    {
        // Generous per-value allowance for a key, quotes, colon, comma and a number in the compact JSON.
        private const int FieldOverheadBytes = 64;

        /// <summary>True with every violation added when the typed pattern decides; false, adding nothing, when only its JSON can.</summary>
        public static bool TryValidate(MoaiPattern pattern, List<ValidationError> errors)
        {
            if (!Decidable(pattern)) return false;
            var view = new TypedView(pattern);
            var start = errors.Count;
            FieldRules.Walk(view, errors);
            if (!view.Undecided && view.SizeBound <= PatternLimits.MaxPatternBytes) return true;
            errors.RemoveRange(start, errors.Count - start);
            return false;
        }

        /// <summary>The data's float fields that JSON cannot hold (NaN, infinities), found through the table.</summary>
        public static void AddNonFiniteFloats(PatternData data, List<ValidationError> errors)
        {
            foreach (var spec in PatternSchema.DataFields(data.PatternType))
            {
                if (spec.Kind != FieldKind.Float) continue;
                var value = spec.Read!(data);
                if (value.IsNonFiniteClrFloat) FieldRules.Check(spec, value, errors);
            }
        }

        private static bool Decidable(MoaiPattern p)
        {
            if (p.AdditionalProperties != null && p.AdditionalProperties.Count > 0) return false;
            if (p.PatternType < PatternType.TaskCompletion || p.PatternType > PatternType.UserCorrection) return false;
            if (!Writable(p.Timestamp)) return false;
            var data = p.Data;
            if (data != null && (data.PatternType != p.PatternType || (data.AdditionalProperties != null && data.AdditionalProperties.Count > 0))) return false;
            var c = p.Context;
            if (c == null) return true;
            if (c.AdditionalProperties != null && c.AdditionalProperties.Count > 0) return false;
            if (c.Metadata != null) return false;
            return c.Timestamp == null || Writable(c.Timestamp.Value);
        }

        private static readonly long FirstWritableTicks = new DateTime(2, 1, 1).Ticks;
        private static readonly long LastWritableTicks = new DateTime(9999, 1, 1).Ticks;

        /// <summary>Years 2-9998, local and UTC: well inside what IsoTimestamp writes and reads back.</summary>
        private static bool Writable(DateTimeOffset t) =>
            t.Ticks >= FirstWritableTicks && t.Ticks < LastWritableTicks && t.UtcTicks >= FirstWritableTicks && t.UtcTicks < LastWritableTicks;

        /// <summary>The pattern's values as PatternJson writes them, and an upper bound of their compact UTF-8 size.</summary>
        private sealed class TypedView : PatternView
        {
            private readonly MoaiPattern _pattern;
            private readonly PatternContext _context;

            public TypedView(MoaiPattern pattern)
            {
                _pattern = pattern;
                _context = pattern.Context ?? new PatternContext(); // written as an empty context
                SizeBound = 8 * FieldOverheadBytes;
            }

            /// <summary>A value only the JSON can judge was met (a lone surrogate).</summary>
            public bool Undecided { get; private set; }

            /// <summary>At least the compact UTF-8 JSON size: 6 bytes per character covers \uXXXX escapes.</summary>
            public long SizeBound { get; private set; }

            public override FieldValue Root(FieldSpec spec)
            {
                var p = _pattern;
                if (spec == PatternSchema.IdSpec) return Count(p.PatternId == null ? FieldValue.Null : FieldValue.Of(p.PatternId));
                if (spec == PatternSchema.TypeSpec) return Count(FieldValue.Of(p.PatternType.ToWireName()));
                if (spec == PatternSchema.TimestampSpec) return Count(FieldValue.Of(p.TimestampText ?? IsoTimestamp.Format(p.Timestamp)));
                if (spec == PatternSchema.DataSpec) return p.Data == null ? FieldValue.Null : FieldValue.AnObject;
                if (spec == PatternSchema.ContextSpec) return FieldValue.AnObject;
                if (spec == PatternSchema.VersionSpec) return Count(FieldValue.Of(p.Version ?? MoaiPattern.CurrentVersion));
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Path, "Not a root field.");
            }

            public override FieldValue Field(FieldSpec spec) =>
                Count(spec.Read!(spec.Section == FieldSection.Data ? _pattern.Data : (object)_context));

            private FieldValue Count(FieldValue value)
            {
                switch (value.Kind)
                {
                    case ValueKind.Absent:
                        return value;
                    case ValueKind.BadText:
                        Undecided = true;
                        break;
                    case ValueKind.String:
                        SizeBound += 6L * value.Text.Length;
                        break;
                    case ValueKind.List:
                        for (var i = 0; i < value.Count; i++)
                        {
                            var item = value.Item(i);
                            if (item.Kind == ValueKind.BadText) Undecided = true;
                            SizeBound += 6L * item.Text.Length + FieldOverheadBytes;
                        }
                        break;
                }
                SizeBound += FieldOverheadBytes;
                return value;
            }
        }
    }
}
