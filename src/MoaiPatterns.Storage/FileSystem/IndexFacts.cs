using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using MoaiPatterns.Analysis;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// A pattern's facts inside this module's own index entries (snapshot and journal lines, never index.json):
    /// <c>"k":{"a":agent,"g":[tags],"tt":task_type,"et":error_type,"env":…,"prj":…,"ct":…,"sv":…,"ok":bool,"ms":n,"tok":n}</c>,
    /// each value as <see cref="PatternFacts"/> computed it (already folded), absent when null. An entry without
    /// <c>"k"</c> has unknown facts. Id, time and type are the entry's own fields, not repeated here.
    /// </summary>
    internal static class IndexFacts
    {
        public const string Property = "k";

        public static void Write(Utf8JsonWriter w, PatternFacts f)
        {
            w.WriteStartObject(Property);
            Optional(w, "a", f.Agent);
            if (f.Tags.Length > 0)
            {
                w.WriteStartArray("g");
                foreach (var t in f.Tags) w.WriteStringValue(t);
                w.WriteEndArray();
            }
            Optional(w, "tt", f.TaskType);
            Optional(w, "et", f.ErrorType);
            Optional(w, "env", f.Environment);
            Optional(w, "prj", f.Project);
            Optional(w, "ct", f.CorrectionType);
            Optional(w, "sv", f.Severity);
            if (f.Success != null) w.WriteBoolean("ok", f.Success.Value);
            if (f.DurationMs != null) w.WriteNumber("ms", f.DurationMs.Value);
            if (f.TokensUsed != null) w.WriteNumber("tok", f.TokensUsed.Value);
            w.WriteEndObject();
        }

        private static void Optional(Utf8JsonWriter w, string name, string? value)
        {
            if (value != null) w.WriteString(name, value);
        }

        /// <summary>
        /// The facts object at the reader (on its StartObject); leaves the reader on its EndObject. Null when it is
        /// not well formed (the entry then has unknown facts, and its file is read when needed).
        /// </summary>
        public static PatternFacts? Read(ref Utf8JsonReader reader, string id, IndexKeyPool? pool)
        {
            if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return null; }
            var f = new PatternFacts { PatternId = id };
            var ok = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = FieldOf(ref reader); // matched on the UTF-8 bytes: a snapshot has ~10 of these per pattern
                reader.Read();
                switch (field)
                {
                    case 0: f.Agent = String(ref reader, pool, 0, ref ok); break;
                    case 1: f.Tags = Tags(ref reader, pool, ref ok); break;
                    case 2: f.TaskType = String(ref reader, pool, 2, ref ok); break;
                    case 3: f.ErrorType = String(ref reader, pool, 3, ref ok); break;
                    case 4: f.Environment = String(ref reader, pool, 4, ref ok); break;
                    case 5: f.Project = String(ref reader, pool, 5, ref ok); break;
                    case 6: f.CorrectionType = String(ref reader, pool, 6, ref ok); break;
                    case 7: f.Severity = String(ref reader, pool, 7, ref ok); break;
                    case 8:
                        if (reader.TokenType == JsonTokenType.True || reader.TokenType == JsonTokenType.False) f.Success = reader.GetBoolean();
                        else ok = false;
                        break;
                    case 9: f.DurationMs = Integer(ref reader, ref ok); break;
                    case 10: f.TokensUsed = Integer(ref reader, ref ok); break;
                    default: reader.Skip(); break; // a later release's fact: ignored
                }
            }
            return ok && reader.TokenType == JsonTokenType.EndObject ? f : null;
        }

        private static readonly byte[][] Names = Array.ConvertAll(new[] { "a", "g", "tt", "et", "env", "prj", "ct", "sv", "ok", "ms", "tok" }, System.Text.Encoding.UTF8.GetBytes);

        private static int FieldOf(ref Utf8JsonReader reader)
        {
            for (var i = 0; i < Names.Length; i++) if (reader.ValueTextEquals(Names[i])) return i;
            return -1;
        }

        private static string? String(ref Utf8JsonReader reader, IndexKeyPool? pool, int field, ref bool ok)
        {
            if (reader.TokenType != JsonTokenType.String) { ok = false; reader.Skip(); return null; }
            return pool == null ? reader.GetString()! : pool.Intern(ref reader, field);
        }

        private static long? Integer(ref Utf8JsonReader reader, ref bool ok)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n)) return n;
            ok = false;
            reader.Skip();
            return null;
        }

        private static string[] Tags(ref Utf8JsonReader reader, IndexKeyPool? pool, ref bool ok)
        {
            if (reader.TokenType != JsonTokenType.StartArray) { ok = false; reader.Skip(); return Array.Empty<string>(); }
            var list = new List<string>(3);
            while (reader.Read() && reader.TokenType == JsonTokenType.String) list.Add(pool == null ? reader.GetString()! : pool.Intern(ref reader, 1));
            if (reader.TokenType != JsonTokenType.EndArray) { ok = false; return Array.Empty<string>(); }
            return pool == null ? list.ToArray() : pool.InternTags(list);
        }

        /// <summary>The facts object's bytes (<c>"k":{…}</c> without braces around it), for the hand-written snapshot.</summary>
        public static byte[] Bytes(PatternFacts f, MemoryStream scratch, ref Utf8JsonWriter? writer)
        {
            scratch.SetLength(0);
            if (writer == null) writer = new Utf8JsonWriter(scratch, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
            else writer.Reset(scratch);
            Write(writer, f);
            writer.Flush();
            return scratch.ToArray();
        }

        /// <summary>Whether two facts say the same (Repair compares the index's with the file's).</summary>
        public static bool Same(PatternFacts a, PatternFacts b) =>
            a.UnixMs == b.UnixMs && a.Type == b.Type && a.Agent == b.Agent && a.TaskType == b.TaskType && a.ErrorType == b.ErrorType
            && a.Environment == b.Environment && a.Project == b.Project && a.CorrectionType == b.CorrectionType && a.Severity == b.Severity
            && a.Success == b.Success && a.DurationMs == b.DurationMs && a.TokensUsed == b.TokensUsed && SameTags(a.Tags, b.Tags);

        private static bool SameTags(string[] a, string[] b)
        {
            if (a.Length != b.Length) return false;
            for (var i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }

    /// <summary>
    /// One copy of each folded value and tag list an index holds: a store of 100,000 patterns has a handful of
    /// agents, tags and task types, so its entries share them instead of holding 100,000 copies.
    /// </summary>
    internal sealed class IndexKeyPool
    {
        private readonly Dictionary<string, string> _strings = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, string[]> _tagLists = new Dictionary<string, string[]>(StringComparer.Ordinal);

        private const int RecentPerField = 16;
        private readonly (byte[] Utf8, string Value)[][] _recent = new (byte[], string)[16][];
        private readonly int[] _recentNext = new int[16];

        /// <summary>
        /// The string token at the reader, pooled. The last few values of each field are matched on their UTF-8
        /// bytes first, so loading an index of 100,000 entries allocates a string per distinct value, not per entry.
        /// </summary>
        public string Intern(ref Utf8JsonReader reader, int field)
        {
            var recent = _recent[field] ??= new (byte[], string)[RecentPerField];
            foreach (var (utf8, value) in recent)
            {
                if (utf8 == null) break;
                if (reader.ValueTextEquals(utf8)) return value;
            }
            var s = Intern(reader.GetString()!);
            recent[_recentNext[field]] = (System.Text.Encoding.UTF8.GetBytes(s), s);
            _recentNext[field] = (_recentNext[field] + 1) % RecentPerField;
            return s;
        }

        public string Intern(string s)
        {
            if (_strings.TryGetValue(s, out var kept)) return kept;
            _strings[s] = s;
            return s;
        }

        public string[] InternTags(IReadOnlyList<string> tags)
        {
            if (tags.Count == 0) return Array.Empty<string>();
            var key = tags.Count == 1 ? tags[0] : string.Join("\u0000", tags);
            if (_tagLists.TryGetValue(key, out var kept)) return kept;
            var array = new string[tags.Count];
            for (var i = 0; i < array.Length; i++) array[i] = Intern(tags[i]);
            _tagLists[key] = array;
            return array;
        }

        /// <summary>The same facts with pooled strings (a freshly saved entry's facts, before the index keeps them).</summary>
        public void Pool(PatternFacts f)
        {
            f.Agent = Maybe(f.Agent);
            f.TaskType = Maybe(f.TaskType);
            f.ErrorType = Maybe(f.ErrorType);
            f.Environment = Maybe(f.Environment);
            f.Project = Maybe(f.Project);
            f.CorrectionType = Maybe(f.CorrectionType);
            f.Severity = Maybe(f.Severity);
            f.Tags = InternTags(f.Tags);
        }

        private string? Maybe(string? s) => s == null ? null : Intern(s);
    }
}
