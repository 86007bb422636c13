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
            var map = new Dictionary<string, IndexEntry>(StringComparer.Ordinal);
            var bytes = File.ReadAllBytes(path);
            using (var doc = JsonDocument.Parse(bytes))
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("index.json is not a JSON object.");
                foreach (var prop in doc.RootElement.EnumerateObject())
                {
                    var entry = ParseEntry(prop.Value, layout);
                    if (entry != null && StoreLayout.IsSafeId(prop.Name)) map[prop.Name] = entry;
                }
            }
            return map;
        }

        public static IndexEntry? ParseEntry(JsonElement e, StoreLayout layout)
        {
            if (e.ValueKind != JsonValueKind.Object) return null;
            if (!e.TryGetProperty("path", out var p) || p.ValueKind != JsonValueKind.String) return null;
            if (!e.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || !PatternTypeNames.TryParse(t.GetString(), out var type)) return null;
            if (!e.TryGetProperty("timestamp", out var ts) || ts.ValueKind != JsonValueKind.String || !IsoTimestamp.TryParse(ts.GetString(), out var when)) return null;
            var path = p.GetString()!.Replace('\\', '/');
            if (!layout.TryFullPath(path, out _)) return null;
            return new IndexEntry(path, type, ts.GetString()!, IsoTimestamp.ToUnixMs(when));
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
