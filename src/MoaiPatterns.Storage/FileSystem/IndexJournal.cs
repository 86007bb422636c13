using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>One change to the index: a set (id → entry) or a remove (entry null).</summary>
    internal readonly struct IndexChange
    {
        public IndexChange(string id, IndexEntry? entry)
        {
            Id = id;
            Entry = entry;
        }

        public string Id { get; }

        /// <summary>Null for a removal.</summary>
        public IndexEntry? Entry { get; }
    }

    /// <summary>
    /// <c>.moai/index.journal</c>: JSON lines appended after index.json was last written.
    /// Line 1 is a header naming the generation and the snapshot it extends:
    /// <c>{"journal":"moai-index","version":1,"generation":"…","snapshot_length":N,"snapshot_mtime":ticks}</c>;
    /// then <c>{"op":"set","id":…,"path":…,"type":…,"timestamp":…}</c> or <c>{"op":"remove","id":…}</c>.
    /// A line without its newline (a crash mid-append) is ignored; replaying is idempotent.
    /// </summary>
    internal static class IndexJournal
    {
        public sealed class Header
        {
            public string Generation { get; set; } = "";
            public long SnapshotLength { get; set; }
            public long SnapshotMtime { get; set; }
        }

        public static byte[] HeaderLine(Header h)
        {
            using (var ms = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(ms))
                {
                    w.WriteStartObject();
                    w.WriteString("journal", "moai-index");
                    w.WriteNumber("version", 1);
                    w.WriteString("generation", h.Generation);
                    w.WriteNumber("snapshot_length", h.SnapshotLength);
                    w.WriteNumber("snapshot_mtime", h.SnapshotMtime);
                    w.WriteEndObject();
                }
                ms.WriteByte((byte)'\n');
                return ms.ToArray();
            }
        }

        public static Header? ParseHeader(byte[] buffer, int length, out int headerBytes)
        {
            headerBytes = Array.IndexOf(buffer, (byte)'\n', 0, length) + 1;
            if (headerBytes <= 0) return null;
            try
            {
                using (var doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(buffer, 0, headerBytes - 1)))
                {
                    var r = doc.RootElement;
                    if (r.ValueKind != JsonValueKind.Object || !r.TryGetProperty("journal", out var j) || j.GetString() != "moai-index") return null;
                    return new Header
                    {
                        Generation = r.GetProperty("generation").GetString() ?? "",
                        SnapshotLength = r.GetProperty("snapshot_length").GetInt64(),
                        SnapshotMtime = r.GetProperty("snapshot_mtime").GetInt64(),
                    };
                }
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is KeyNotFoundException || e is FormatException)
            {
                return null;
            }
        }

        public static void AppendLine(MemoryStream ms, IndexChange change)
        {
            using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartObject();
                w.WriteString("op", change.Entry == null ? "remove" : "set");
                w.WriteString("id", change.Id);
                if (change.Entry != null)
                {
                    w.WriteString("path", change.Entry.Path);
                    w.WriteString("type", change.Entry.Type.ToWireName());
                    w.WriteString("timestamp", change.Entry.Timestamp);
                }
                w.WriteEndObject();
            }
            ms.WriteByte((byte)'\n');
        }

        /// <summary>Parses the complete lines in buffer[0..length); returns the bytes consumed (up to the last newline).</summary>
        public static int ParseLines(byte[] buffer, int length, StoreLayout layout, List<IndexChange> into)
        {
            var start = 0;
            while (start < length)
            {
                var nl = Array.IndexOf(buffer, (byte)'\n', start, length - start);
                if (nl < 0) break;
                if (nl > start) ParseLine(new ReadOnlyMemory<byte>(buffer, start, nl - start), layout, into);
                start = nl + 1;
            }
            return start;
        }

        private static readonly byte[] OpName = System.Text.Encoding.UTF8.GetBytes("op");
        private static readonly byte[] IdName = System.Text.Encoding.UTF8.GetBytes("id");
        private static readonly byte[] SetOp = System.Text.Encoding.UTF8.GetBytes("set");
        private static readonly byte[] RemoveOp = System.Text.Encoding.UTF8.GetBytes("remove");

        private static void ParseLine(ReadOnlyMemory<byte> line, StoreLayout layout, List<IndexChange> into)
        {
            try
            {
                // Streamed (no JsonDocument): a set line is the entry's fields plus op and id, so the
                // entry reader sees the whole line and ignores the two fields it does not know.
                var reader = new Utf8JsonReader(line.Span);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
                string? id = null;
                int op = 0; // 1 set, 2 remove
                var scan = reader;
                while (scan.Read() && scan.TokenType == JsonTokenType.PropertyName)
                {
                    var isOp = scan.ValueTextEquals(OpName);
                    var isId = !isOp && scan.ValueTextEquals(IdName);
                    scan.Read();
                    if (isOp && scan.TokenType == JsonTokenType.String) op = scan.ValueTextEquals(SetOp) ? 1 : scan.ValueTextEquals(RemoveOp) ? 2 : 0;
                    else if (isId && scan.TokenType == JsonTokenType.String) id = scan.GetString();
                    else if (isOp || isId) return;
                    else scan.Skip();
                }
                if (scan.TokenType != JsonTokenType.EndObject || id == null || !StoreLayout.IsSafeId(id)) return;
                if (op == 2) into.Add(new IndexChange(id, null));
                else if (op == 1)
                {
                    var entry = IndexSnapshot.ReadEntry(ref reader, layout);
                    if (entry != null) into.Add(new IndexChange(id, entry));
                }
            }
            catch (JsonException)
            {
                // A torn or garbled line: the files stay the truth, the line is skipped.
            }
            catch (InvalidOperationException) { }
        }
    }
}
