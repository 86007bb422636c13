using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using MoaiPatterns.Input;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Validation
{
    /// <summary>
    /// Binds each field of the rule table to the typed property serialized under the same JSON name, so the
    /// typed validator reads exactly what would be written. The table and the model cannot drift: a field
    /// without a property, a property without a field, or a property whose type cannot hold the field's
    /// kind is an error when the table is first used. The same binding gives each field its setter, for the direct
    /// reading of a dictionary (<see cref="DictionaryInput"/>).
    /// </summary>
    internal static class TypedAccessors
    {
        private static readonly MethodInfo BindGetter = typeof(TypedAccessors).GetMethod(nameof(Getter), BindingFlags.NonPublic | BindingFlags.Static)!;
        private static readonly MethodInfo BindSetter = typeof(TypedAccessors).GetMethod(nameof(Setter), BindingFlags.NonPublic | BindingFlags.Static)!;

        public static void Bind(Type model, FieldSpec[] specs)
        {
            var properties = JsonProperties(model);
            foreach (var spec in specs)
            {
                if (!properties.TryGetValue(spec.Name, out var property))
                    throw new InvalidOperationException($"The schema's {spec.Path} has no property [JsonPropertyName(\"{spec.Name}\")] on {model.Name}.");
                spec.Read = Reader(model, property, spec);
                spec.Write = Writer(model, property, spec);
                properties.Remove(spec.Name);
            }
            foreach (var name in properties.Keys)
                throw new InvalidOperationException($"{model.Name} serializes \"{name}\", which the schema (Validation/PatternSchema.cs) does not list.");
        }

        /// <summary>Every property serialized under a name of its own (extension data has none).</summary>
        private static Dictionary<string, PropertyInfo> JsonProperties(Type model)
        {
            var map = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
            foreach (var p in model.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                var name = p.GetCustomAttribute<JsonPropertyNameAttribute>();
                if (name == null) continue;
                var ignore = p.GetCustomAttribute<JsonIgnoreAttribute>();
                if (ignore != null && ignore.Condition == JsonIgnoreCondition.Always) continue;
                map.Add(name.Name, p);
            }
            return map;
        }

        private static Func<object, FieldValue> Reader(Type model, PropertyInfo property, FieldSpec spec)
        {
            var t = property.PropertyType;
            Delegate convert;
            bool fits;
            if (t == typeof(string)) { convert = (Func<string?, FieldValue>)FieldValue.Of; fits = spec.Kind == FieldKind.String || spec.Kind == FieldKind.Timestamp; }
            else if (t == typeof(JsonField<string>)) { convert = (Func<JsonField<string>, FieldValue>)FieldValue.Of; fits = spec.Kind == FieldKind.String; }
            else if (t == typeof(long?)) { convert = (Func<long?, FieldValue>)FieldValue.Of; fits = spec.Kind == FieldKind.Integer; }
            else if (t == typeof(JsonField<long>)) { convert = (Func<JsonField<long>, FieldValue>)FieldValue.Of; fits = spec.Kind == FieldKind.Integer; }
            else if (t == typeof(bool?)) { convert = (Func<bool?, FieldValue>)FieldValue.Of; fits = spec.Kind == FieldKind.Boolean; }
            else if (t == typeof(JsonFloat?)) { convert = (Func<JsonFloat?, FieldValue>)FieldValue.Of; fits = spec.Kind == FieldKind.Float; }
            else if (t == typeof(JsonField<JsonFloat>)) { convert = (Func<JsonField<JsonFloat>, FieldValue>)FieldValue.Of; fits = spec.Kind == FieldKind.Float; }
            else if (t == typeof(string[])) { convert = (Func<string[]?, FieldValue>)FieldValue.Of; fits = spec.Kind == FieldKind.StringList; }
            else if (t == typeof(JsonFields)) { convert = (Func<JsonFields?, FieldValue>)FieldValue.OfObject; fits = spec.Kind == FieldKind.Object; }
            else throw new InvalidOperationException($"{model.Name}.{property.Name} has type {t.Name}, which no schema kind reads.");
            if (!fits) throw new InvalidOperationException($"{model.Name}.{property.Name} ({t.Name}) cannot hold the schema's {spec.Kind} field {spec.Path}.");
            if (spec.Nullable != IsNullAware(t))
                throw new InvalidOperationException($"{model.Name}.{property.Name}: {spec.Path} is {(spec.Nullable ? "" : "not ")}nullable in the schema, so its property must {(spec.Nullable ? "" : "not ")}be a JsonField<T> (which keeps a JSON null).");
            var getter = property.GetGetMethod(nonPublic: true) ?? throw new InvalidOperationException($"{model.Name}.{property.Name} has no getter.");
            return (Func<object, FieldValue>)BindGetter.MakeGenericMethod(model, t).Invoke(null, new object[] { getter, convert })!;
        }

        /// <summary>
        /// The setter of the same property, fed through the reading of a plain value that fits its type (and, for a
        /// timestamp, its kind); an object field (metadata) has none: its input takes the tree path.
        /// </summary>
        private static FieldWriter? Writer(Type model, PropertyInfo property, FieldSpec spec)
        {
            var t = property.PropertyType;
            Delegate read;
            if (t == typeof(string)) read = spec.Kind == FieldKind.Timestamp ? (ClrFieldValue<string>)ClrFieldValues.Timestamp : ClrFieldValues.Text;
            else if (t == typeof(JsonField<string>)) read = ClrFieldValues.OrNull<string>(ClrFieldValues.Text);
            else if (t == typeof(long?)) read = ClrFieldValues.Present<long>(ClrFieldValues.Integer);
            else if (t == typeof(JsonField<long>)) read = ClrFieldValues.OrNull<long>(ClrFieldValues.Integer);
            else if (t == typeof(bool?)) read = ClrFieldValues.Present<bool>(ClrFieldValues.Boolean);
            else if (t == typeof(JsonFloat?)) read = ClrFieldValues.Present<JsonFloat>(ClrFieldValues.Float);
            else if (t == typeof(JsonField<JsonFloat>)) read = ClrFieldValues.OrNull<JsonFloat>(ClrFieldValues.Float);
            else if (t == typeof(string[])) read = (ClrFieldValue<string[]>)ClrFieldValues.TextList;
            else return null;
            var setter = property.GetSetMethod(nonPublic: true) ?? throw new InvalidOperationException($"{model.Name}.{property.Name} has no setter.");
            return (FieldWriter)BindSetter.MakeGenericMethod(model, t).Invoke(null, new object[] { setter, read })!;
        }

        private static FieldWriter Setter<TModel, TProperty>(MethodInfo setter, ClrFieldValue<TProperty> read) where TModel : class
        {
            var set = (Action<TModel, TProperty>)Delegate.CreateDelegate(typeof(Action<TModel, TProperty>), setter);
            return (object target, object? value, Func<object, object?>? adapt) =>
            {
                if (!read(value, adapt, out var v)) return false;
                set((TModel)target, v);
                return true;
            };
        }

        private static bool IsNullAware(Type t) => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(JsonField<>);

        private static Func<object, FieldValue> Getter<TModel, TProperty>(MethodInfo getter, Func<TProperty, FieldValue> convert) where TModel : class
        {
            var get = (Func<TModel, TProperty>)Delegate.CreateDelegate(typeof(Func<TModel, TProperty>), getter);
            return target => convert(get((TModel)target));
        }
    }
}
