using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// The seed's <c>index.json</c>: <c>{ "&lt;id&gt;": { "path": "YYYY/MM/DD/….json", "type": "task_completion",
    /// "timestamp": "&lt;iso&gt;" }, … }</c>, pretty-printed with two spaces. Written whole only on compaction.
    /// </summary>
    internal static class IndexSnapshot
    {
        private static readonly JsonWriterOptions Pretty = new JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>Reads index.json; entries that are malformed or point outside the store are dropped.</summary>
        /// <exception cref="JsonException">The file is not a JSON object.</exception>
        public static Dictionary<string, IndexEntry> Read(string path, StoreLayout layout)
        {
            var bytes = File.ReadAllBytes(path);
            // Streamed with Utf8JsonReader (no JsonDocument): the open of a large store is this parse.
            var map = new Dictionary<string, IndexEntry>(Math.Max(16, bytes.Length / 150), StringComparer.Ordinal);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions());
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("index.json is not a JSON object.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var id = reader.GetString()!;
                reader.Read();
                var entry = ReadEntry(ref reader, layout);
                if (entry != null && StoreLayout.IsSafeId(id)) map[id] = entry;
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) throw new JsonException("index.json has content after its object.");
            return map;
        }

        /// <summary>
        /// The entry object at the reader (positioned on its first token); leaves the reader on the value's
        /// last token. Null (value skipped) when it is not a well-formed entry.
        /// </summary>
        public static IndexEntry? ReadEntry(ref Utf8JsonReader reader, StoreLayout layout)
        {
            if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return null; }
            string? path = null, timestamp = null;
            PatternType? type = null;
            var bad = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals(PathName) ? 0 : reader.ValueTextEquals(TypeName) ? 1 : reader.ValueTextEquals(TimestampName) ? 2 : -1;
                reader.Read();
                if (field < 0 || reader.TokenType != JsonTokenType.String)
                {
                    if (field >= 0) bad = true;
                    reader.Skip();
                    continue;
                }
                if (field == 0) path = reader.GetString();
                else if (field == 2) timestamp = reader.GetString();
                else type = ReadType(ref reader);
            }
            if (bad || path == null || timestamp == null || type == null) return null;
            if (!IsoTimestamp.TryParse(timestamp, out var when)) return null;
            path = path.Replace('\\', '/');
            if (!StoreLayout.IsPlainRelativePath(path) && !layout.TryFullPath(path, out _)) return null;
            return new IndexEntry(path, type.Value, timestamp, IsoTimestamp.ToUnixMs(when));
        }

        private static readonly byte[] PathName = System.Text.Encoding.UTF8.GetBytes("path");
        private static readonly byte[] TypeName = System.Text.Encoding.UTF8.GetBytes("type");
        private static readonly byte[] TimestampName = System.Text.Encoding.UTF8.GetBytes("timestamp");
        private static readonly byte[][] WireNames = BuildWireNames();

        private static PatternType? ReadType(ref Utf8JsonReader reader)
        {
            for (var i = 0; i < WireNames.Length; i++)
                if (reader.ValueTextEquals(WireNames[i])) return (PatternType)i; // the common case, no string made
            return PatternTypeNames.TryParse(reader.GetString(), out var t) ? t : (PatternType?)null;
        }

        private static byte[][] BuildWireNames()
        {
            var values = (PatternType[])Enum.GetValues(typeof(PatternType));
            var names = new byte[values.Length][];
            for (var i = 0; i < values.Length; i++) names[i] = System.Text.Encoding.UTF8.GetBytes(((PatternType)i).ToWireName());
            return names;
        }

        public static byte[] Serialize(IReadOnlyDictionary<string, IndexEntry> map)
        {
            using (var ms = new MemoryStream(map.Count * 160 + 16))
            {
                using (var w = new Utf8JsonWriter(ms, Pretty))
                {
                    w.WriteStartObject();
                    foreach (var kv in map)
                    {
                        w.WritePropertyName(kv.Key);
                        WriteEntryBody(w, kv.Value);
                    }
                    w.WriteEndObject();
                }
                return ms.ToArray();
            }
        }

        public static void WriteEntryBody(Utf8JsonWriter w, IndexEntry entry)
        {
            w.WriteStartObject();
            w.WriteString("path", entry.Path);
            w.WriteString("type", entry.Type.ToWireName());
            w.WriteString("timestamp", entry.Timestamp);
            w.WriteEndObject();
        }
    }
}
