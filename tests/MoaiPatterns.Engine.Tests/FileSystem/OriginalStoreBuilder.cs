using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>
    /// Writes a store the way the original Python system did: folders and file-name time from the
    /// timestamp's own local clock, the first 8 characters of the id in the name, index.json
    /// (pretty, two spaces), and optionally some files gzipped afterwards without updating the index.
    /// </summary>
    public sealed class OriginalStoreBuilder
    {
        private readonly string _root;
        private readonly Dictionary<string, (string Path, string Type, string Timestamp)> _index = new Dictionary<string, (string, string, string)>();

        public OriginalStoreBuilder(string root)
        {
            _root = root;
            Directory.CreateDirectory(root);
        }

        public static string OriginalRelativePath(MoaiPattern p)
        {
            var local = p.Timestamp; // its own clock: no conversion to UTC
            var id8 = p.PatternId.Length > 8 ? p.PatternId.Substring(0, 8) : p.PatternId;
            return local.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture) + "/" + p.PatternType.ToWireName() + "_"
                + local.ToString("yyyyMMdd'_'HHmmss", CultureInfo.InvariantCulture) + "_" + id8 + ".json";
        }

        /// <summary>Writes the pattern file and records it in the index; returns its relative path.</summary>
        public string Add(MoaiPattern p, string? timestampText = null)
        {
            var rel = OriginalRelativePath(p);
            var full = Path.Combine(_root, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var json = PatternJson.ToJson(p);
            if (timestampText != null) json = json.Replace(IsoTimestamp.Format(p.Timestamp), timestampText);
            File.WriteAllText(full, json);
            _index[p.PatternId] = (rel, p.PatternType.ToWireName(), timestampText ?? IsoTimestamp.Format(p.Timestamp));
            return rel;
        }

        /// <summary>Gzips a file as the original's compression did: X.json → X.json.gz, index left pointing at X.json.</summary>
        public void GzipLeavingIndexStale(string rel)
        {
            var full = Path.Combine(_root, rel);
            var bytes = File.ReadAllBytes(full);
            using (var fs = File.Create(full + ".gz"))
            using (var gz = new GZipStream(fs, CompressionLevel.Optimal)) gz.Write(bytes, 0, bytes.Length);
            File.Delete(full);
        }

        public void WriteIndex()
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                foreach (var kv in _index)
                {
                    w.WriteStartObject(kv.Key);
                    w.WriteString("path", kv.Value.Path);
                    w.WriteString("type", kv.Value.Type);
                    w.WriteString("timestamp", kv.Value.Timestamp);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            File.WriteAllBytes(Path.Combine(_root, "index.json"), ms.ToArray());
        }
    }
}
