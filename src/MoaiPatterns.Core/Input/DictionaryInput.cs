using System;
using System.Collections;
using System.Collections.Generic;
using MoaiPatterns.Serialization;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Input
{
    /// <summary>
    /// The direct reading of a dictionary shaped like the seed's dict (what a pipeline of hashtables hands
    /// Save-MoaiPattern) into the typed model, without building its JSON tree and reading that back: each key
    /// is normalized as the converter normalizes it, looked up in the rule table and set through the property
    /// the table is bound to (<see cref="FieldSpec.Write"/>). It only reads what maps onto the typed model one
    /// for one; anything else (an unknown or duplicate key, metadata, a null where the seed has no Optional, a
    /// value of another type than the field's, the root Tags alias) answers null and the input takes the tree
    /// path, which keeps, converts and judges it. The caller then validates the typed pattern
    /// (<see cref="TypedValidation"/>), so the rules applied are the table's, as on every path.
    /// </summary>
    internal static class DictionaryInput
    {
        // Indexed by PatternType.
        private static readonly Dictionary<string, Field>[] DataFields =
        {
            Index(PatternSchema.DataFields(PatternType.TaskCompletion)), Index(PatternSchema.DataFields(PatternType.ErrorOccurrence)),
            Index(PatternSchema.DataFields(PatternType.AgentUsage)), Index(PatternSchema.DataFields(PatternType.UserCorrection)),
        };

        private static readonly Dictionary<string, Field> ContextFields = Index(PatternSchema.ContextFields);

        /// <summary>The typed pattern of a plain dictionary, or null when only the tree path can say what it is.</summary>
        public static MoaiPattern? TryRead(IDictionary root, Func<object, object?>? adapt)
        {
            try { return Read(root, adapt); }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A setter refused the value (e.g. a context timestamp it cannot parse): the tree path reports it.
                return null;
            }
        }

        private static MoaiPattern? Read(IDictionary root, Func<object, object?>? adapt)
        {
            string? id = null, timestampText = null, version = null;
            PatternType? type = null;
            IDictionary? data = null, context = null;
            var seen = 0;
            // Key and Value of the enumerator, not its Current: a boxed DictionaryEntry per key is a third of what this path allocates.
            var entry = root.GetEnumerator();
            while (entry.MoveNext())
            {
                if (!(entry.Key is string key)) return null;
                var value = Adapt(entry.Value, adapt);
                switch (KeyNormalizer.Canonical(KeyLevel.Root, key))
                {
                    case PatternSchema.PatternId:
                        if (!Once(ref seen, 1) || !(value is string text)) return null;
                        id = text;
                        break;
                    case PatternSchema.PatternTypeField:
                        if (!Once(ref seen, 2)) return null;
                        if (value is string name && PatternTypeNames.TryParse(name, out var parsed)) type = parsed;
                        else if (value is PatternType given && given >= PatternType.TaskCompletion && given <= PatternType.UserCorrection) type = given;
                        else return null;
                        break;
                    case PatternSchema.Timestamp:
                        if (!Once(ref seen, 4) || !ClrFieldValues.Timestamp(value, adapt, out var instant)) return null;
                        timestampText = instant;
                        break;
                    case PatternSchema.Data:
                        if (!Once(ref seen, 8) || !(value is IDictionary d)) return null;
                        data = d;
                        break;
                    case PatternSchema.Context:
                        if (!Once(ref seen, 16) || !(value is IDictionary c)) return null;
                        context = c;
                        break;
                    case PatternSchema.Version:
                        if (!Once(ref seen, 32) || !(value is string v)) return null;
                        version = v;
                        break;
                    default:
                        // The root Tags alias (merged into context.tags) or a field the schema does not know (kept as JSON).
                        return null;
                }
            }
            if (id == null || type == null || data == null || !IsoTimestamp.TryParse(timestampText, out var timestamp)) return null;

            var typedData = (PatternData)Activator.CreateInstance(PatternJson.DataClrType(type.Value))!;
            if (!Fill(typedData, data, KeyLevel.Data, DataFields[(int)type.Value], adapt)) return null;
            var typedContext = new PatternContext();
            if (context != null && !Fill(typedContext, context, KeyLevel.Context, ContextFields, adapt)) return null;
            return PatternJson.Assemble(id, type.Value, timestamp, timestampText!, typedData, typedContext, version, null);
        }

        /// <summary>Every key a known field of the object, given once, with a value its property takes.</summary>
        private static bool Fill(object target, IDictionary source, KeyLevel level, Dictionary<string, Field> fields, Func<object, object?>? adapt)
        {
            var seen = 0UL;
            var entry = source.GetEnumerator();
            while (entry.MoveNext())
            {
                if (!(entry.Key is string key) || !fields.TryGetValue(KeyNormalizer.Canonical(level, key), out var field)) return false;
                if ((seen & field.Bit) != 0) return false;
                seen |= field.Bit;
                if (field.Spec.Write == null || !field.Spec.Write(target, Adapt(entry.Value, adapt), adapt)) return false;
            }
            return true;
        }

        private static object? Adapt(object? value, Func<object, object?>? adapt) => value == null || adapt == null ? value : adapt(value);

        private static bool Once(ref int seen, int bit)
        {
            if ((seen & bit) != 0) return false;
            seen |= bit;
            return true;
        }

        private readonly struct Field
        {
            public Field(FieldSpec spec, ulong bit)
            {
                Spec = spec;
                Bit = bit;
            }

            public FieldSpec Spec { get; }
            public ulong Bit { get; }
        }

        /// <summary>A table by field name, each field with its bit in the duplicate mask.</summary>
        private static Dictionary<string, Field> Index(FieldSpec[] table)
        {
            if (table.Length > 64) throw new InvalidOperationException("A table of more than 64 fields needs a wider duplicate mask.");
            var index = new Dictionary<string, Field>(StringComparer.Ordinal);
            for (var i = 0; i < table.Length; i++) index.Add(table[i].Name, new Field(table[i], 1UL << i));
            return index;
        }
    }
}
