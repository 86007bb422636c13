using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MoaiPatterns.Input;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Serialization
{
    /// <summary>
    /// Pattern files: JSON Lines (the seed's JSON, one pattern a line) written by
    /// <see cref="PatternJsonLinesWriter"/>, and read here from <c>.jsonl</c>, gzipped <c>.jsonl.gz</c>, or a
    /// file holding one JSON array of patterns (its first non-whitespace character is <c>[</c>). Reading
    /// streams: memory is bounded by <see cref="MaxLineBytes"/> whatever the file (or its gzip) holds.
    /// Every line goes through <see cref="PatternInput"/>; a bad one is an entry with an error naming its
    /// line, and the lines after it are still read.
    /// </summary>
    public static class PatternJsonLines
    {
        /// <summary>
        /// The longest line (or array item) read: a pattern at the size limit written with every
        /// character escaped (<c>\uXXXX</c>, at most 3x its compact size) and some whitespace still fits.
        /// </summary>
        public const int MaxLineBytes = 4 * PatternLimits.MaxPatternBytes;

        /// <summary>Nesting read from a line before validation reports it (the validator's limit is far lower).</summary>
        private const int MaxJsonDepth = 256;

        /// <summary>Whether a path is written gzipped (it ends in <c>.gz</c>).</summary>
        public static bool IsGzipPath(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

        /// <summary>Reads the patterns of a file, one entry per non-empty line (or array item), in file order.</summary>
        /// <remarks>Gzip is recognized by its content (1f 8b), whatever the name. The file is opened on the first MoveNext.</remarks>
        /// <exception cref="PatternFileReadException">While enumerating: the file cannot be read on (bad gzip data, a broken JSON array).</exception>
        public static IEnumerable<PatternFileEntry> Read(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            return ReadFile(path);
        }

        /// <summary>Reads the patterns in a stream (decompressed when it starts with the gzip magic); <paramref name="name"/> names it in errors.</summary>
        public static IEnumerable<PatternFileEntry> Read(Stream stream, string? name = null)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            return new EntryReader(stream, name).Entries();
        }

        private static IEnumerable<PatternFileEntry> ReadFile(string path)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
            foreach (var entry in new EntryReader(file, path).Entries()) yield return entry;
        }

        /// <summary>One pattern's bytes to an entry: parsed, then validated through the one way in.</summary>
        internal static PatternFileEntry ToEntry(byte[] buffer, int offset, int count, string? name, long line, long? item)
        {
            InvalidPatternException problem;
            try
            {
                using var doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(buffer, offset, count), new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
                return new PatternFileEntry(PatternInput.ToValidated(doc.RootElement), line);
            }
            catch (InvalidPatternException ex)
            {
                problem = ex;
            }
            catch (JsonException ex)
            {
                problem = new InvalidPatternException(new[] { new ValidationError("(pattern)", ValidationRules.Json, "is not valid JSON: " + ex.Message) });
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
            {
                problem = new InvalidPatternException(new[] { new ValidationError("(pattern)", ValidationRules.Encoding, "is not valid UTF-8 JSON: " + ex.Message) });
            }
            return new PatternFileEntry(new InvalidPatternLineException(name, line, item, problem), Decode(buffer, offset, count));
        }

        internal static PatternFileEntry TooLong(string? name, long line, long? item) =>
            new PatternFileEntry(new InvalidPatternLineException(name, line, item, new InvalidPatternException(new[]
            {
                new ValidationError("(pattern)", ValidationRules.Size,
                    $"is longer than {MaxLineBytes.ToString(CultureInfo.InvariantCulture)} bytes, so it was not read; a pattern holds at most {PatternLimits.MaxPatternBytes.ToString(CultureInfo.InvariantCulture)} bytes of JSON."),
            })), null);

        private static string Decode(byte[] buffer, int offset, int count)
        {
            try { return new UTF8Encoding(false, false).GetString(buffer, offset, count); }
            catch (ArgumentException) { return string.Empty; }
        }
    }

    /// <summary>
    /// The streaming reader behind <see cref="PatternJsonLines.Read(Stream, string)"/>: one buffer that
    /// grows to at most <see cref="PatternJsonLines.MaxLineBytes"/> (plus a read's worth), holding the line
    /// or array item being read and whatever follows it.
    /// </summary>
    internal sealed class EntryReader
    {
        private const int FirstBufferBytes = 64 * 1024;

        private readonly string? _name;
        private Stream _stream;
        private byte[] _buffer = new byte[FirstBufferBytes];
        private int _start;   // first byte not yet consumed
        private int _end;     // end of the data in the buffer
        private bool _eof;
        private long _line = 1;  // the line of _buffer[_start]

        public EntryReader(Stream stream, string? name)
        {
            _stream = stream;
            _name = name;
        }

        public IEnumerable<PatternFileEntry> Entries()
        {
            try
            {
                OpenContent();
                var first = FirstSignificantByte();
                var entries = first == (byte)'[' ? new ArrayItems(this).Entries() : Lines();
                foreach (var entry in entries) yield return entry;
            }
            finally
            {
                if (_stream is GZipStream gz) gz.Dispose();
            }
        }

        /// <summary>Gzip by its magic bytes; a UTF-8 byte order mark is skipped.</summary>
        private void OpenContent()
        {
            Fill(2);
            if (_end - _start >= 2 && _buffer[_start] == 0x1f && _buffer[_start + 1] == 0x8b)
            {
                // Put back what was read: a seekable stream rewinds, any other is read through a prefix.
                Stream raw = _stream.CanSeek ? Rewind(_stream, _end - _start) : new PrefixedStream(_buffer, _start, _end - _start, _stream);
                _stream = new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true);
                _buffer = new byte[FirstBufferBytes];
                _start = _end = 0;
                _eof = false;
            }
            Fill(3);
            if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF) _start += 3;
        }

        private static Stream Rewind(Stream stream, int count)
        {
            stream.Seek(-count, SeekOrigin.Current);
            return stream;
        }

        private byte FirstSignificantByte()
        {
            while (true)
            {
                for (var i = _start; i < _end; i++)
                    if (!IsWhiteSpace(_buffer[i])) return _buffer[i];
                if (_eof) return 0;
                // Only whitespace so far: count its lines and drop it, then read on.
                _line += CountNewLines(_start, _end);
                _start = _end;
                ReadMore();
            }
        }

        private IEnumerable<PatternFileEntry> Lines()
        {
            var scanned = _start; // no '\n' in [_start, scanned)
            while (true)
            {
                var nl = Array.IndexOf(_buffer, (byte)'\n', scanned, _end - scanned);
                if (nl >= 0)
                {
                    var entry = LineEntry(_start, nl);
                    _start = scanned = nl + 1;
                    _line++;
                    if (entry != null) yield return entry;
                    continue;
                }
                if (_eof)
                {
                    var last = LineEntry(_start, _end);
                    _start = _end;
                    if (last != null) yield return last;
                    yield break;
                }
                if (_end - _start > PatternJsonLines.MaxLineBytes)
                {
                    // Never held whole: report it and skip to its end.
                    yield return PatternJsonLines.TooLong(_name, _line, null);
                    SkipPastNewLine();
                    scanned = _start;
                    continue;
                }
                scanned = _end - _start;
                ReadMore();
                scanned = Math.Min(scanned + _start, _end);
            }
        }

        /// <summary>The entry of the line in [from, to) (without its '\n'); null for an empty or blank line.</summary>
        private PatternFileEntry? LineEntry(int from, int to)
        {
            if (to > from && _buffer[to - 1] == (byte)'\r') to--;
            var blank = true;
            for (var i = from; i < to; i++) if (!IsWhiteSpace(_buffer[i])) { blank = false; break; }
            if (blank) return null;
            if (to - from > PatternJsonLines.MaxLineBytes) return PatternJsonLines.TooLong(_name, _line, null);
            return PatternJsonLines.ToEntry(_buffer, from, to - from, _name, _line, null);
        }

        private void SkipPastNewLine()
        {
            while (true)
            {
                var nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (nl >= 0)
                {
                    _start = nl + 1;
                    _line++;
                    return;
                }
                _start = _end;
                if (_eof) return;
                ReadMore();
            }
        }

        /// <summary>
        /// Reads more into the buffer, keeping [_start, _end): moved to the front, the buffer doubled when
        /// it is full (never beyond what one line may take).
        /// </summary>
        internal void ReadMore()
        {
            if (_eof) return;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                if (_buffer.Length > PatternJsonLines.MaxLineBytes) throw new InvalidOperationException("The line buffer is full.");
                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, PatternJsonLines.MaxLineBytes + FirstBufferBytes));
            }
            int n;
            try
            {
                n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            }
            catch (InvalidDataException ex)
            {
                throw new PatternFileReadException(_name, $"is not valid gzip data after line {_line.ToString(CultureInfo.InvariantCulture)}: {ex.Message}", ex);
            }
            if (n == 0) _eof = true;
            else _end += n;
        }

        private void Fill(int count)
        {
            while (!_eof && _end - _start < count) ReadMore();
        }

        internal int CountNewLines(int from, int to)
        {
            var n = 0;
            for (var i = from; i < to; i++) if (_buffer[i] == (byte)'\n') n++;
            return n;
        }

        private static bool IsWhiteSpace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';

        /// <summary>
        /// A file holding one JSON array: each item is found with <see cref="Utf8JsonReader"/> over the buffer
        /// (reading more and retrying from the item's start when it is cut off), then read as one line is.
        /// The array's structure must hold: after a break in it nothing further can be trusted, so reading stops there.
        /// </summary>
        private sealed class ArrayItems
        {
            private readonly EntryReader _r;
            private JsonReaderState _state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 });
            private bool _inArray;
            private bool _done;
            private long _item;
            private int _counted; // newlines in [_r._start, _counted) already added to _r._line

            public ArrayItems(EntryReader reader)
            {
                _r = reader;
                _counted = reader._start;
            }

            public IEnumerable<PatternFileEntry> Entries()
            {
                while (true)
                {
                    int itemStart, itemEnd;
                    bool found;
                    while (!TryNext(out found, out itemStart, out itemEnd))
                    {
                        if (_r._end - _r._start > PatternJsonLines.MaxLineBytes)
                        {
                            var line = _r._line + _r.CountNewLines(_counted, FirstNonWhiteSpace());
                            throw new PatternFileReadException(_r._name,
                                $"holds a JSON array whose item {(_item + 1).ToString(CultureInfo.InvariantCulture)} (line {line.ToString(CultureInfo.InvariantCulture)}) is longer than {PatternJsonLines.MaxLineBytes.ToString(CultureInfo.InvariantCulture)} bytes, so it was not read; the items after it were not read either.");
                        }
                        if (_r._eof) throw Broken("ends inside the JSON array", null);
                        var shift = _r._start;
                        _r.ReadMore();
                        _counted -= shift - _r._start;
                    }
                    if (!found) yield break;
                    _item++;
                    // Lines up to the item's first byte.
                    _r._line += _r.CountNewLines(_counted, itemStart);
                    _counted = itemStart;
                    var entry = itemEnd - itemStart > PatternJsonLines.MaxLineBytes
                        ? PatternJsonLines.TooLong(_r._name, _r._line, _item)
                        : PatternJsonLines.ToEntry(_r._buffer, itemStart, itemEnd - itemStart, _r._name, _r._line, _item);
                    _r._start = itemEnd;
                    _r._line += _r.CountNewLines(_counted, itemEnd);
                    _counted = itemEnd;
                    yield return entry;
                }
            }

            private int FirstNonWhiteSpace()
            {
                var i = _counted;
                while (i < _r._end && (IsWhiteSpace(_r._buffer[i]) || _r._buffer[i] == (byte)',' || _r._buffer[i] == (byte)'[')) i++;
                return i;
            }

            /// <summary>
            /// False: the buffer ends before the next item does (read more and call again; nothing was consumed).
            /// True with <paramref name="found"/>: the next item is [start, end); without: the array has ended.
            /// </summary>
            private bool TryNext(out bool found, out int start, out int end)
            {
                found = false;
                start = end = 0;
                if (_done) return true;
                var origin = _r._start; // the reader's offsets count from here
                var span = new ReadOnlySpan<byte>(_r._buffer, origin, _r._end - origin);
                var reader = new Utf8JsonReader(span, _r._eof, _state);
                try
                {
                    if (!_inArray)
                    {
                        if (!reader.Read()) return false;
                        if (reader.TokenType != JsonTokenType.StartArray) throw Broken("does not start with a JSON array", null);
                        _inArray = true;
                        Consume(origin + (int)reader.BytesConsumed, reader.CurrentState);
                    }
                    if (!reader.Read()) return false;
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        Consume(origin + (int)reader.BytesConsumed, reader.CurrentState);
                        _done = true;
                        EnsureNothingFollows();
                        return true;
                    }
                    var tokenStart = (int)reader.TokenStartIndex;
                    if ((reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray) && !reader.TrySkip()) return false;
                    start = origin + tokenStart;
                    end = origin + (int)reader.BytesConsumed;
                    _state = reader.CurrentState;
                    found = true;
                    return true;
                }
                catch (JsonException ex)
                {
                    throw Broken("is not a well-formed JSON array", ex);
                }
            }

            private void Consume(int consumed, JsonReaderState state)
            {
                _r._line += _r.CountNewLines(_counted, consumed);
                _counted = consumed;
                _r._start = consumed;
                _state = state;
            }

            /// <summary>Only whitespace may follow the array.</summary>
            private void EnsureNothingFollows()
            {
                while (true)
                {
                    for (var i = _r._start; i < _r._end; i++)
                        if (!IsWhiteSpace(_r._buffer[i]))
                        {
                            _r._line += _r.CountNewLines(_counted, i);
                            throw new PatternFileReadException(_r._name, $"has more after its JSON array ends, on line {_r._line.ToString(CultureInfo.InvariantCulture)}.");
                        }
                    if (_r._eof) return;
                    _r._line += _r.CountNewLines(_counted, _r._end);
                    _r._start = _r._end;
                    _r.ReadMore();
                    _counted = _r._start;
                }
            }

            private PatternFileReadException Broken(string what, JsonException? ex)
            {
                // The reader counts lines from where this buffer window starts.
                var line = _r._line + _r.CountNewLines(_counted, _r._start) + (ex?.LineNumber ?? 0);
                var after = _item == 0 ? "" : $" after item {_item.ToString(CultureInfo.InvariantCulture)}";
                return new PatternFileReadException(_r._name,
                    $"{what}{after} (line {line.ToString(CultureInfo.InvariantCulture)}){(ex == null ? "" : ": " + ex.Message)}; the items after that were not read.", ex);
            }
        }

        /// <summary>Bytes already read from a stream that cannot seek, then the rest of the stream.</summary>
        private sealed class PrefixedStream : Stream
        {
            private readonly byte[] _prefix;
            private int _offset;
            private readonly int _count;
            private readonly Stream _rest;

            public PrefixedStream(byte[] buffer, int offset, int count, Stream rest)
            {
                _prefix = new byte[count];
                Buffer.BlockCopy(buffer, offset, _prefix, 0, count);
                _count = count;
                _rest = rest;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_offset < _count)
                {
                    var n = Math.Min(count, _count - _offset);
                    Buffer.BlockCopy(_prefix, _offset, buffer, offset, n);
                    _offset += n;
                    return n;
                }
                return _rest.Read(buffer, offset, count);
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
