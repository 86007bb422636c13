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

        /// <summary>
        /// Reads index.json or this module's snapshot (its format); entries that are malformed or point outside the store
        /// are dropped. Facts are taken only from this module's own snapshot (<paramref name="withFacts"/>): in the
        /// original's index.json they are not ours to trust.
        /// </summary>
        /// <exception cref="JsonException">The file is not a JSON object.</exception>
        public static Dictionary<string, IndexEntry> Read(string path, StoreLayout layout, bool withFacts = false, IndexKeyPool? pool = null)
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
                var entry = ReadEntry(ref reader, layout, id, withFacts, pool);
                if (entry != null && StoreLayout.IsSafeId(id)) map[id] = entry;
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) throw new JsonException("index.json has content after its object.");
            return map;
        }

        /// <summary>
        /// The entry object at the reader (positioned on its first token); leaves the reader on the value's
        /// last token. Null (value skipped) when it is not a well-formed entry. Facts (<see cref="IndexFacts"/>) are
        /// read when <paramref name="withFacts"/> (this module's own files), else skipped; their time and type are the entry's.
        /// </summary>
        public static IndexEntry? ReadEntry(ref Utf8JsonReader reader, StoreLayout layout, string id, bool withFacts, IndexKeyPool? pool)
        {
            if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return null; }
            string? path = null, timestamp = null;
            PatternType? type = null;
            Analysis.PatternFacts? facts = null;
            var bad = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(FactsName))
                {
                    reader.Read();
                    if (withFacts) facts = IndexFacts.Read(ref reader, id, pool); // time and type are the entry's, set below
                    else reader.Skip();
                    continue;
                }
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
            var unixMs = IsoTimestamp.ToUnixMs(when);
            if (facts != null)
            {
                facts.UnixMs = unixMs;
                facts.Type = type.Value;
            }
            return new IndexEntry(path, type.Value, timestamp, unixMs, facts);
        }

        private static readonly byte[] PathName = System.Text.Encoding.UTF8.GetBytes("path");
        private static readonly byte[] TypeName = System.Text.Encoding.UTF8.GetBytes("type");
        private static readonly byte[] TimestampName = System.Text.Encoding.UTF8.GetBytes("timestamp");
        private static readonly byte[] FactsName = System.Text.Encoding.UTF8.GetBytes(IndexFacts.Property);
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

        /// <summary>
        /// The index as index.json text: <c>{</c>, then per entry <c>  "id": {</c> / <c>    "path": …,</c> /
        /// <c>    "type": …,</c> / <c>    "timestamp": …</c> / <c>  }</c>, two-space indents and '\n' as the original's
        /// json.dump(indent=2) writes. Written byte by byte (plain ASCII values, the usual case, are copied as they
        /// are; others are JSON-escaped): a writer exports this whole file, so it is the cost of keeping the original
        /// up to date (about 4x faster than Utf8JsonWriter's indented output). <paramref name="withFacts"/> (this
        /// module's own snapshot, never index.json) adds each known entry's facts as a fourth field on one line.
        /// </summary>
        public static byte[] Serialize(IReadOnlyDictionary<string, IndexEntry> map, bool withFacts = false)
        {
            if (map.Count == 0) return new[] { (byte)'{', (byte)'}' };
            var buffer = new ByteBuffer(map.Count * (withFacts ? 340 : 240) + 16);
            var scratch = withFacts ? new MemoryStream(256) : null;
            Utf8JsonWriter? factsWriter = null;
            buffer.Add((byte)'{');
            var first = true;
            foreach (var kv in map)
            {
                buffer.Add(first ? OpenFirst : OpenNext);
                first = false;
                buffer.AddString(kv.Key);
                buffer.Add(AfterId);
                buffer.AddString(kv.Value.Path);
                buffer.Add(AfterPath);
                buffer.Add(WireNames[(int)kv.Value.Type]);
                buffer.Add(AfterType);
                buffer.AddString(kv.Value.Timestamp);
                if (withFacts && kv.Value.Facts != null)
                {
                    buffer.Add(BeforeFacts);
                    buffer.Add(IndexFacts.Bytes(kv.Value.Facts, scratch!, ref factsWriter));
                    buffer.Add(AfterFacts);
                }
                else buffer.Add(AfterTimestamp);
            }
            factsWriter?.Dispose();
            buffer.Add((byte)'\n');
            buffer.Add((byte)'}');
            return buffer.ToArray();
        }

        private static readonly byte[] OpenFirst = Utf8("\n  \"");
        private static readonly byte[] OpenNext = Utf8(",\n  \"");
        private static readonly byte[] AfterId = Utf8("\": {\n    \"path\": \"");
        private static readonly byte[] AfterPath = Utf8("\",\n    \"type\": \"");
        private static readonly byte[] AfterType = Utf8("\",\n    \"timestamp\": \"");
        private static readonly byte[] AfterTimestamp = Utf8("\"\n  }");
        private static readonly byte[] BeforeFacts = Utf8("\",\n    ");
        private static readonly byte[] AfterFacts = Utf8("\n  }");

        private static byte[] Utf8(string s) => System.Text.Encoding.UTF8.GetBytes(s);

        /// <summary>A growing byte array (netstandard2.0's MemoryStream would copy once more at the end either way).</summary>
        private sealed class ByteBuffer
        {
            private byte[] _bytes;
            private int _length;

            public ByteBuffer(int capacity) => _bytes = new byte[capacity];

            public void Add(byte b)
            {
                Ensure(1);
                _bytes[_length++] = b;
            }

            public void Add(byte[] bytes)
            {
                Ensure(bytes.Length);
                Buffer.BlockCopy(bytes, 0, _bytes, _length, bytes.Length);
                _length += bytes.Length;
            }

            /// <summary>A JSON string's content: copied when it is plain printable ASCII without '"' or '\\', escaped otherwise.</summary>
            public void AddString(string value)
            {
                Ensure(value.Length);
                var start = _length;
                foreach (var c in value)
                {
                    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\')
                    {
                        _length = start;
                        var escaped = JsonEncodedText.Encode(value, Pretty.Encoder).EncodedUtf8Bytes;
                        Ensure(escaped.Length);
                        escaped.CopyTo(new Span<byte>(_bytes, _length, escaped.Length));
                        _length += escaped.Length;
                        return;
                    }
                    _bytes[_length++] = (byte)c;
                }
            }

            public byte[] ToArray()
            {
                var result = new byte[_length];
                Buffer.BlockCopy(_bytes, 0, result, 0, _length);
                return result;
            }

            private void Ensure(int more)
            {
                if (_length + more <= _bytes.Length) return;
                Array.Resize(ref _bytes, Math.Max(_length + more, _bytes.Length * 2));
            }
        }
    }
}
