using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>One journal line: a set (id → entry), a remove (entry null), or an export mark (index.json was rewritten).</summary>
    internal readonly struct IndexChange
    {
        public IndexChange(string id, IndexEntry? entry, bool moved = false)
        {
            Id = id;
            Entry = entry;
            Export = null;
            Moved = moved;
        }

        private IndexChange(FileStamp export)
        {
            Id = "";
            Entry = null;
            Export = export;
            Moved = false;
        }

        /// <summary>index.json was rewritten from the index as it stood at this line, and is now this file.</summary>
        public static IndexChange ExportMark(FileStamp indexJson) => new IndexChange(indexJson);

        public string Id { get; }

        /// <summary>Null for a removal (or a mark).</summary>
        public IndexEntry? Entry { get; }

        /// <summary>Set for an export mark only.</summary>
        public FileStamp? Export { get; }

        /// <summary>A set that only moved the pattern's file (Compress gzipped it): no save, so a change feed skips it.</summary>
        public bool Moved { get; }
    }

    /// <summary>A file's length and last-write time, to tell whether it is still the file once seen (absent: length -1).</summary>
    internal readonly struct FileStamp : IEquatable<FileStamp>
    {
        public FileStamp(long length, long mtimeTicks)
        {
            Length = length;
            MtimeTicks = mtimeTicks;
        }

        public static readonly FileStamp Absent = new FileStamp(-1, 0);

        public long Length { get; }
        public long MtimeTicks { get; }
        public bool Exists => Length >= 0;

        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : Absent;
        }

        public bool Equals(FileStamp other) => Length == other.Length && MtimeTicks == other.MtimeTicks;
        public override bool Equals(object? obj) => obj is FileStamp other && Equals(other);
        public override int GetHashCode() => unchecked((int)Length * 397 ^ MtimeTicks.GetHashCode());
        public static bool operator ==(FileStamp a, FileStamp b) => a.Equals(b);
        public static bool operator !=(FileStamp a, FileStamp b) => !a.Equals(b);
    }

    /// <summary>
    /// <c>.moai/index.journal</c>: JSON lines appended since the snapshot was last written. Line 1 is a
    /// header naming the generation, the snapshot it extends, and the state of the original's index.json:
    /// <c>{"journal":"moai-index","version":2,"generation":"…","own_length":N,"own_mtime":ticks,"export_length":N,"export_mtime":ticks,"export_lag":K}</c>
    /// (the snapshot is <c>.moai/index.snapshot</c>, index.json's format plus each entry's facts, <see cref="IndexFacts"/>; index.json is as this generation wrote or found it, length -1 when
    /// absent, and lacks K of the snapshot's entries). Then <c>{"op":"set","id":…,"path":…,"type":…,"timestamp":…,"k":{…}}</c> (facts: <see cref="IndexFacts"/>; absent in earlier releases' lines),
    /// <c>{"op":"remove","id":…}</c>, or <c>{"op":"export","length":N,"mtime":ticks}</c> (index.json was rewritten from
    /// everything above it). A line without its newline (a crash mid-append) is ignored; replaying is idempotent.
    /// Version 1 (earlier releases) had <c>"snapshot_length"</c>/<c>"snapshot_mtime"</c> naming index.json itself as the
    /// snapshot; it is still read. A version-1 reader refuses a version-2 header (it lacks those fields) and rebuilds.
    /// </summary>
    internal static class IndexJournal
    {
        public sealed class Header
        {
            public int Version { get; set; } = 2;
            public string Generation { get; set; } = "";
            /// <summary>The snapshot this journal extends (version 1: index.json).</summary>
            public FileStamp Snapshot { get; set; }
            /// <summary>index.json as this generation wrote or found it (version 1: the snapshot itself).</summary>
            public FileStamp Export { get; set; }
            /// <summary>Entries of the snapshot that index.json does not reflect (0 when both were written together).</summary>
            public long ExportLag { get; set; }
            /// <summary>Version 1: index.json is the snapshot.</summary>
            public bool SnapshotIsIndexJson => Version == 1;
            /// <summary>The generation whose journal this one replaced ("" when unknown): lets a change feed
            /// that lagged behind more than one checkpoint find the lines in between (index.journal.prev).</summary>
            public string Previous { get; set; } = "";
        }

        public static byte[] HeaderLine(Header h)
        {
            using (var ms = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(ms))
                {
                    w.WriteStartObject();
                    w.WriteString("journal", "moai-index");
                    w.WriteNumber("version", 2);
                    w.WriteString("generation", h.Generation);
                    w.WriteNumber("own_length", h.Snapshot.Length);
                    w.WriteNumber("own_mtime", h.Snapshot.MtimeTicks);
                    w.WriteNumber("export_length", h.Export.Length);
                    w.WriteNumber("export_mtime", h.Export.MtimeTicks);
                    w.WriteNumber("export_lag", h.ExportLag);
                    w.WriteString("previous", h.Previous); // read by change feeds only; older readers ignore it
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
                    var version = r.TryGetProperty("version", out var v) ? v.GetInt32() : 1;
                    var generation = r.GetProperty("generation").GetString() ?? "";
                    if (version == 1)
                    {
                        var snapshot = new FileStamp(r.GetProperty("snapshot_length").GetInt64(), r.GetProperty("snapshot_mtime").GetInt64());
                        return new Header { Version = 1, Generation = generation, Snapshot = snapshot, Export = snapshot, ExportLag = 0 };
                    }
                    if (version != 2) return null; // a later release's journal: rebuilt
                    return new Header
                    {
                        Version = 2,
                        Generation = generation,
                        Snapshot = new FileStamp(r.GetProperty("own_length").GetInt64(), r.GetProperty("own_mtime").GetInt64()),
                        Export = new FileStamp(r.GetProperty("export_length").GetInt64(), r.GetProperty("export_mtime").GetInt64()),
                        ExportLag = r.GetProperty("export_lag").GetInt64(),
                        Previous = r.TryGetProperty("previous", out var prev) && prev.ValueKind == JsonValueKind.String ? prev.GetString() ?? "" : "",
                    };
                }
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is KeyNotFoundException || e is FormatException)
            {
                return null;
            }
        }

        /// <summary>The header of the journal at <paramref name="path"/>, or null (absent or unreadable).</summary>
        public static Header? ReadHeader(string path)
        {
            try
            {
                using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None))
                    return ReadHeader(fs, out _);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return null; }
        }

        /// <summary>The header at the start of an open journal, or null.</summary>
        public static Header? ReadHeader(FileStream fs, out int headerBytes)
        {
            var buffer = new byte[2048];
            fs.Position = 0;
            var n = 0;
            while (n < buffer.Length)
            {
                var read = fs.Read(buffer, n, buffer.Length - n);
                if (read == 0) break;
                n += read;
            }
            return ParseHeader(buffer, n, out headerBytes);
        }

        public static void AppendLine(MemoryStream ms, IndexChange change)
        {
            using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartObject();
                if (change.Export is FileStamp export)
                {
                    w.WriteString("op", "export");
                    w.WriteNumber("length", export.Length);
                    w.WriteNumber("mtime", export.MtimeTicks);
                    w.WriteEndObject();
                    w.Flush();
                    ms.WriteByte((byte)'\n');
                    return;
                }
                w.WriteString("op", change.Entry == null ? "remove" : "set");
                w.WriteString("id", change.Id);
                if (change.Entry != null)
                {
                    w.WriteString("path", change.Entry.Path);
                    w.WriteString("type", change.Entry.Type.ToWireName());
                    w.WriteString("timestamp", change.Entry.Timestamp);
                    if (change.Entry.Facts != null) IndexFacts.Write(w, change.Entry.Facts);
                    if (change.Moved) w.WriteBoolean("moved", true); // an entry reader skips fields it does not know
                }
                w.WriteEndObject();
            }
            ms.WriteByte((byte)'\n');
        }

        /// <summary>Parses the complete lines in buffer[0..length); returns the bytes consumed (up to the last newline).</summary>
        public static int ParseLines(byte[] buffer, int length, StoreLayout layout, List<IndexChange> into, IndexKeyPool? pool = null)
        {
            var start = 0;
            while (start < length)
            {
                var nl = Array.IndexOf(buffer, (byte)'\n', start, length - start);
                if (nl < 0) break;
                if (nl > start) ParseLine(new ReadOnlyMemory<byte>(buffer, start, nl - start), layout, into, pool);
                start = nl + 1;
            }
            return start;
        }

        private static readonly byte[] OpName = System.Text.Encoding.UTF8.GetBytes("op");
        private static readonly byte[] IdName = System.Text.Encoding.UTF8.GetBytes("id");
        private static readonly byte[] SetOp = System.Text.Encoding.UTF8.GetBytes("set");
        private static readonly byte[] RemoveOp = System.Text.Encoding.UTF8.GetBytes("remove");
        private static readonly byte[] ExportOp = System.Text.Encoding.UTF8.GetBytes("export");
        private static readonly byte[] LengthName = System.Text.Encoding.UTF8.GetBytes("length");
        private static readonly byte[] MtimeName = System.Text.Encoding.UTF8.GetBytes("mtime");
        private static readonly byte[] MovedName = System.Text.Encoding.UTF8.GetBytes("moved");

        private static void ParseLine(ReadOnlyMemory<byte> line, StoreLayout layout, List<IndexChange> into, IndexKeyPool? pool)
        {
            try
            {
                // Streamed (no JsonDocument): a set line is the entry's fields plus op and id, so the
                // entry reader sees the whole line and ignores the two fields it does not know.
                var reader = new Utf8JsonReader(line.Span);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
                string? id = null;
                int op = 0; // 1 set, 2 remove, 3 export
                long? length = null, mtime = null;
                var moved = false;
                var scan = reader;
                while (scan.Read() && scan.TokenType == JsonTokenType.PropertyName)
                {
                    var isOp = scan.ValueTextEquals(OpName);
                    var isId = !isOp && scan.ValueTextEquals(IdName);
                    var isLength = !isOp && !isId && scan.ValueTextEquals(LengthName);
                    var isMtime = !isOp && !isId && !isLength && scan.ValueTextEquals(MtimeName);
                    var isMoved = !isOp && !isId && !isLength && !isMtime && scan.ValueTextEquals(MovedName);
                    scan.Read();
                    if (isOp && scan.TokenType == JsonTokenType.String) op = scan.ValueTextEquals(SetOp) ? 1 : scan.ValueTextEquals(RemoveOp) ? 2 : scan.ValueTextEquals(ExportOp) ? 3 : 0;
                    else if (isId && scan.TokenType == JsonTokenType.String) id = scan.GetString();
                    else if (isLength && scan.TokenType == JsonTokenType.Number) length = scan.GetInt64();
                    else if (isMtime && scan.TokenType == JsonTokenType.Number) mtime = scan.GetInt64();
                    else if (isMoved) moved = scan.TokenType == JsonTokenType.True;
                    else if (isOp || isId) return;
                    else scan.Skip();
                }
                if (scan.TokenType != JsonTokenType.EndObject) return;
                if (op == 3)
                {
                    if (length != null && mtime != null) into.Add(IndexChange.ExportMark(new FileStamp(length.Value, mtime.Value)));
                    return;
                }
                if (id == null || !StoreLayout.IsSafeId(id)) return;
                if (op == 2) into.Add(new IndexChange(id, null));
                else if (op == 1)
                {
                    var entry = IndexSnapshot.ReadEntry(ref reader, layout, id, withFacts: true, pool);
                    if (entry != null) into.Add(new IndexChange(id, entry, moved));
                }
            }
            catch (JsonException)
            {
                // A torn or garbled line: the files stay the truth, the line is skipped.
            }
            catch (InvalidOperationException) { }
            catch (FormatException) { }
        }
    }
}
