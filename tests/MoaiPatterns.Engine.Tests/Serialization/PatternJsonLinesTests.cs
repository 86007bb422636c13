using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using MoaiPatterns.Input;
using MoaiPatterns.Serialization;
using MoaiPatterns.Tests.FileSystem;
using MoaiPatterns.Tests.Schema;
using MoaiPatterns.Validation;
using Xunit;

namespace MoaiPatterns.Tests.Serialization
{
    public sealed class PatternJsonLinesTests : IDisposable
    {
        private readonly TempStoreFolder _dir = new TempStoreFolder();

        public PatternJsonLinesTests() => Directory.CreateDirectory(_dir.Path);

        public void Dispose() => _dir.Dispose();

        /// <summary>Non-ASCII text, unknown fields at every level, an offset kept as written.</summary>
        private const string Tricky = "{\"pattern_id\":\"tricky-1\",\"pattern_type\":\"task_completion\",\"timestamp\":\"2024-05-01T12:00:00.123456+05:30\","
            + "\"data\":{\"task_type\":\"código\",\"agent\":\"cöder ✓ 日本\",\"duration_ms\":5,\"success\":true,\"coverage_percent\":50.0,\"extra\":{\"a\":[1,2.50,\"ß\"]}},"
            + "\"context\":{\"project_name\":\"Straße\",\"tags\":[\"K\",\"σς\"],\"metadata\":{\"emoji\":\"🦜\",\"line\":\"a\\nb\\u2028c\"}},\"version\":\"1.0\",\"unknown_root\":{\"x\":null}}";

        private static IEnumerable<string> AllExamples() => SeedExamples.All.Concat(SeedExamples.EveryField).Append(Tricky);

        private static ValidatedPattern Valid(string json) => PatternInput.ToValidated(json);

        private string WriteFile(string name, IEnumerable<string> jsons)
        {
            var path = _dir.File(name);
            using var writer = PatternJsonLinesWriter.Create(path, noClobber: false);
            foreach (var j in jsons) writer.Write(Valid(j));
            writer.Commit(overwrite: true);
            return path;
        }

        private static List<PatternFileEntry> ReadAll(string path) => PatternJsonLines.Read(path).ToList();

        private static List<PatternFileEntry> ReadBytes(byte[] bytes, string name = "test.jsonl") => PatternJsonLines.Read(new MemoryStream(bytes), name).ToList();

        private static List<PatternFileEntry> ReadText(string text) => ReadBytes(Encoding.UTF8.GetBytes(text));

        private static byte[] Gzip(byte[] bytes)
        {
            var ms = new MemoryStream();
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(bytes, 0, bytes.Length);
            return ms.ToArray();
        }

        private static string Compact(string json) => PatternJson.ToJson(PatternJson.Parse(json), indented: false);

        [Theory]
        [InlineData("patterns.jsonl")]
        [InlineData("patterns.jsonl.gz")]
        public void Written_and_read_back_exactly(string name)
        {
            var path = WriteFile(name, AllExamples());
            var read = ReadAll(path);

            Assert.All(read, e => Assert.Null(e.Error));
            Assert.Equal(AllExamples().Select(Compact), read.Select(e => PatternJson.ToJson(e.Pattern!.Pattern, indented: false)));
            Assert.Equal(Enumerable.Range(1, read.Count).Select(i => (long)i), read.Select(e => e.LineNumber));
        }

        [Fact]
        public void The_file_is_compact_utf8_without_bom_one_pattern_a_line_ending_in_newline()
        {
            var path = WriteFile("plain.jsonl", AllExamples());
            var bytes = File.ReadAllBytes(path);

            Assert.NotEqual(0xEF, bytes[0]);
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.Equal((byte)'\n', bytes[bytes.Length - 1]);
            var expected = string.Concat(AllExamples().Select(j => Compact(j) + "\n"));
            Assert.Equal(expected, new UTF8Encoding(false, true).GetString(bytes));
            Assert.Contains("cöder ✓ 日本", expected); // written as text, not \u escapes
        }

        [Fact]
        public void A_gz_name_is_gzipped_and_gzip_is_recognized_by_content_whatever_the_name()
        {
            var gz = WriteFile("p.jsonl.gz", new[] { Tricky });
            var bytes = File.ReadAllBytes(gz);
            Assert.Equal(new byte[] { 0x1f, 0x8b }, bytes.Take(2).ToArray());

            var renamed = _dir.File("really-gzip.jsonl");
            File.Copy(gz, renamed);
            Assert.Equal("tricky-1", Assert.Single(ReadAll(renamed)).Pattern!.PatternId);

            // A stream that cannot seek is read through the bytes already taken from it.
            var entries = PatternJsonLines.Read(new NonSeekable(bytes), "pipe").ToList();
            Assert.Equal("tricky-1", Assert.Single(entries).Pattern!.PatternId);
        }

        [Fact]
        public void An_empty_export_is_an_empty_file_that_reads_as_no_patterns()
        {
            Assert.Empty(ReadAll(WriteFile("empty.jsonl", Array.Empty<string>())));
            Assert.Empty(ReadAll(WriteFile("empty.jsonl.gz", Array.Empty<string>())));
            Assert.Equal(0, new FileInfo(_dir.File("empty.jsonl")).Length);
        }

        [Fact]
        public void A_bad_line_is_an_error_naming_its_line_and_the_rest_are_read()
        {
            var good1 = Compact(SeedExamples.TaskCompletion);
            var good2 = Compact(SeedExamples.ErrorOccurrence);
            var invalid = good1.Replace("\"duration_ms\":100", "\"duration_ms\":-5").Replace("d23f0824128b2f330c5c7fd0a6a3a450", "bad-one");
            var text = good1 + "\n\nnot json\n   \n" + invalid + "\r\n[1,2]\n" + good2;

            var entries = ReadText(text);

            Assert.Equal(new long[] { 1, 3, 5, 6, 7 }, entries.Select(e => e.LineNumber));
            Assert.NotNull(entries[0].Pattern);
            Assert.NotNull(entries[4].Pattern);

            var notJson = entries[1].Error!;
            Assert.Equal(3, notJson.LineNumber);
            Assert.Equal("test.jsonl", notJson.FilePath);
            Assert.StartsWith("Line 3 of 'test.jsonl': ", notJson.Message);
            Assert.Equal(ValidationRules.Json, Assert.Single(notJson.Errors).Rule);
            Assert.Equal("not json", entries[1].Text);

            var rule = entries[2].Error!;
            Assert.StartsWith("Line 5 of 'test.jsonl': Pattern 'bad-one' is not valid", rule.Message);
            Assert.Equal("bad-one", rule.PatternId);
            Assert.Contains(rule.Errors, e => e.Field == "data.duration_ms" && e.Rule == ValidationRules.Range);
            Assert.Equal(invalid, entries[2].Text); // the \r of \r\n is not part of the line

            Assert.Contains("expected a pattern", entries[3].Error!.Message); // a JSON array on a later line is just a bad line
        }

        [Fact]
        public void A_byte_order_mark_and_leading_blank_lines_are_skipped_and_counted()
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("\n\n" + Compact(Tricky) + "\n")).ToArray();
            var entry = Assert.Single(ReadBytes(bytes));
            Assert.Equal(3, entry.LineNumber);
            Assert.Equal("tricky-1", entry.Pattern!.PatternId);
        }

        [Fact]
        public void Invalid_utf8_on_a_line_is_an_error_for_that_line()
        {
            var good = Encoding.UTF8.GetBytes(Compact(Tricky) + "\n");
            var bad = Encoding.UTF8.GetBytes("{\"pattern_id\":\"x\"}");
            bad[bad.Length - 3] = 0xFF; // the id's one letter is no UTF-8
            var entries = ReadBytes(bad.Concat(new[] { (byte)'\n' }).Concat(good).ToArray());
            Assert.Equal(2, entries.Count);
            Assert.Equal(1, entries[0].Error!.LineNumber);
            Assert.NotNull(entries[1].Pattern);
        }

        [Fact]
        public void Lines_longer_than_the_buffer_and_many_lines_across_refills_are_read()
        {
            var big = Valid(SeedExamples.ErrorOccurrence).Pattern;
            big.PatternId = "big";
            ((ErrorOccurrenceData)big.Data).ErrorMessage = new string('é', 300_000); // ~600 KB: several buffer doublings
            var many = Enumerable.Range(0, 3000).Select(i => Compact(SeedExamples.TaskCompletion).Replace("d23f0824128b2f330c5c7fd0a6a3a450", "p" + i)).ToList();
            var text = string.Join("\n", many.Take(1500)) + "\n" + PatternJson.ToJson(big, false) + "\n" + string.Join("\n", many.Skip(1500));

            foreach (var bytes in new[] { Encoding.UTF8.GetBytes(text), Gzip(Encoding.UTF8.GetBytes(text)) })
            {
                var entries = ReadBytes(bytes);
                Assert.Equal(3001, entries.Count);
                Assert.All(entries, e => Assert.Null(e.Error));
                Assert.Equal("big", entries[1500].Pattern!.PatternId);
                Assert.Equal(1501, entries[1500].LineNumber);
                Assert.Equal("p2999", entries[3000].Pattern!.PatternId);
                Assert.Equal(3001, entries[3000].LineNumber);
            }
        }

        [Fact]
        public void A_line_over_the_cap_is_an_error_and_never_held_whole_even_from_a_gzip_bomb()
        {
            // 64 MiB of one line, gzipped to a few dozen KiB, then a good line.
            var raw = new MemoryStream();
            using (var gz = new GZipStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            {
                var chunk = Encoding.ASCII.GetBytes(new string('a', 1 << 20));
                for (var i = 0; i < 64; i++) gz.Write(chunk, 0, chunk.Length);
                var tail = Encoding.UTF8.GetBytes("\n" + Compact(Tricky) + "\n");
                gz.Write(tail, 0, tail.Length);
            }
            Assert.True(raw.Length < 1 << 20);

            var before = GC.GetAllocatedBytesForCurrentThread();
            var entries = ReadBytes(raw.ToArray(), "bomb.jsonl.gz");
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(2, entries.Count);
            var tooLong = entries[0].Error!;
            Assert.Equal(1, tooLong.LineNumber);
            Assert.Equal(ValidationRules.Size, Assert.Single(tooLong.Errors).Rule);
            Assert.StartsWith("Line 1 of 'bomb.jsonl.gz': ", tooLong.Message);
            Assert.Null(entries[0].Text);
            Assert.Equal(2, entries[1].LineNumber);
            Assert.Equal("tricky-1", entries[1].Pattern!.PatternId);
            Assert.True(allocated < 4L * PatternJsonLines.MaxLineBytes, $"allocated {allocated:N0} bytes for a 64 MiB line");
        }

        [Fact]
        public void A_line_just_under_the_cap_is_read_and_judged_by_the_size_rule()
        {
            var p = Valid(SeedExamples.ErrorOccurrence).Pattern;
            ((ErrorOccurrenceData)p.Data).ErrorMessage = new string('x', PatternLimits.MaxPatternBytes + 10);
            var entry = Assert.Single(ReadText(PatternJson.ToJson(p, false)));
            Assert.Contains(entry.Error!.Errors, e => e.Rule == ValidationRules.Size);
            Assert.NotNull(entry.Text);
        }

        [Fact]
        public void Bad_gzip_data_is_a_read_error_after_the_lines_already_read()
        {
            var text = Encoding.UTF8.GetBytes(Compact(Tricky) + "\n" + new string(' ', 100_000) + "\n");
            var gz = Gzip(text);
            for (var i = gz.Length / 2; i < gz.Length - 8; i++) gz[i] ^= 0x5A;

            var seen = new List<PatternFileEntry>();
            var ex = Assert.ThrowsAny<IOException>(() => { foreach (var e in PatternJsonLines.Read(new MemoryStream(gz), "broken.gz")) seen.Add(e); });
            Assert.Contains("broken.gz", ex.Message);
        }

        [Fact]
        public void A_json_array_file_is_read_item_by_item_with_lines_and_item_numbers()
        {
            var items = AllExamples().ToList();
            var text = "  \n[\n" + string.Join(",\n", items.Select(j => j.Replace("\r\n", "\n"))) + "\n]\n";
            var entries = ReadText(text);

            Assert.All(entries, e => Assert.Null(e.Error));
            Assert.Equal(items.Select(Compact), entries.Select(e => PatternJson.ToJson(e.Pattern!.Pattern, false)));
            // Each item starts on the line after the previous item's last line.
            var expectedLine = 3L;
            for (var i = 0; i < items.Count; i++)
            {
                Assert.Equal(expectedLine, entries[i].LineNumber);
                expectedLine += items[i].Replace("\r\n", "\n").Count(c => c == '\n') + 1;
            }
        }

        [Fact]
        public void A_bad_array_item_names_its_item_and_line_and_the_others_are_read()
        {
            var bad = Compact(SeedExamples.ErrorOccurrence).Replace("\"error_type\":\"KeyError\"", "\"error_type\":42");
            var text = "[" + Compact(Tricky) + ",\n 7,\n" + bad + ",\n" + Compact(SeedExamples.TaskCompletion) + "]";
            var entries = ReadText(text);

            Assert.Equal(4, entries.Count);
            Assert.NotNull(entries[0].Pattern);
            Assert.StartsWith("Item 2 (line 2) of 'test.jsonl': ", entries[1].Error!.Message);
            Assert.Equal(2, entries[1].Error!.ItemNumber);
            Assert.Equal("7", entries[1].Text);
            Assert.StartsWith("Item 3 (line 3) of 'test.jsonl': ", entries[2].Error!.Message);
            Assert.Contains(entries[2].Error!.Errors, e => e.Field == "data.error_type");
            Assert.NotNull(entries[3].Pattern);
        }

        [Fact]
        public void A_large_array_spanning_many_buffers_streams_through_gzip_too()
        {
            var items = Enumerable.Range(0, 2000).Select(i => Compact(Tricky).Replace("tricky-1", "t" + i)).ToList();
            var bytes = Encoding.UTF8.GetBytes("[" + string.Join(",", items) + "]");
            foreach (var b in new[] { bytes, Gzip(bytes) })
            {
                var entries = ReadBytes(b);
                Assert.Equal(2000, entries.Count);
                Assert.Equal("t1999", entries[1999].Pattern!.PatternId);
                Assert.All(entries, e => Assert.Equal(1, e.LineNumber));
            }
        }

        [Theory]
        [InlineData("[{\"a\":1} {\"b\":2}]", "not a well-formed JSON array")]
        [InlineData("[{\"a\":1},", "not a well-formed JSON array")]
        [InlineData("[1] trailing", "more after its JSON array ends")]
        public void A_broken_array_stops_with_a_read_error_after_the_items_before_it(string text, string message)
        {
            var seen = new List<PatternFileEntry>();
            var ex = Assert.Throws<PatternFileReadException>(() => { foreach (var e in PatternJsonLines.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "arr.json")) seen.Add(e); });
            Assert.Contains(message, ex.Message);
            Assert.Contains("'arr.json'", ex.Message);
            Assert.Single(seen);
        }

        [Fact]
        public void An_array_item_over_the_cap_is_an_error_and_one_beyond_the_buffer_stops_the_file()
        {
            // Just over the cap: still fits the buffer, so it is refused and the array read on.
            var text = "[\"" + new string('a', PatternJsonLines.MaxLineBytes + 10) + "\",\n" + Compact(Tricky) + "]";
            var entries = ReadBytes(Encoding.ASCII.GetBytes(text), "arr.json");
            Assert.Equal(2, entries.Count);
            Assert.StartsWith("Item 1 (line 1) of 'arr.json': ", entries[0].Error!.Message);
            Assert.Equal(ValidationRules.Size, Assert.Single(entries[0].Error!.Errors).Rule);
            Assert.Equal("tricky-1", entries[1].Pattern!.PatternId);

            // Far over it: never held whole; the array cannot be followed past it.
            text = "[" + Compact(Tricky) + ",\n\"" + new string('a', 2 * PatternJsonLines.MaxLineBytes) + "\"]";
            var seen = new List<PatternFileEntry>();
            var ex = Assert.Throws<PatternFileReadException>(() => { foreach (var e in PatternJsonLines.Read(new MemoryStream(Encoding.ASCII.GetBytes(text)), "arr.json")) seen.Add(e); });
            Assert.Contains("item 2 (line 2)", ex.Message);
            Assert.Single(seen);
        }

        [Fact]
        public void The_target_appears_only_at_commit_and_an_abandoned_export_leaves_nothing()
        {
            var path = _dir.File("out.jsonl");
            using (var writer = PatternJsonLinesWriter.Create(path, noClobber: false))
            {
                writer.Write(Valid(Tricky));
                Assert.False(File.Exists(path));
                Assert.Equal(Path.GetDirectoryName(path), Path.GetDirectoryName(writer.TempPath));
                Assert.True(File.Exists(writer.TempPath));
            }
            Assert.False(File.Exists(path));
            Assert.Empty(Directory.GetFiles(_dir.Path));
        }

        [Fact]
        public void Overwrite_replaces_an_existing_file_whole()
        {
            var path = _dir.File("out.jsonl");
            File.WriteAllText(path, new string('z', 100_000));
            WriteFile("out.jsonl", new[] { Tricky });
            Assert.Equal(Compact(Tricky) + "\n", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(_dir.Path));
        }

        [Fact]
        public void NoClobber_refuses_an_existing_file_before_and_at_commit_and_leaves_it_alone()
        {
            var path = _dir.File("keep.jsonl");
            File.WriteAllText(path, "keep");
            Assert.Throws<PatternFileExistsException>(() => PatternJsonLinesWriter.Create(path, noClobber: true));

            var other = _dir.File("late.jsonl");
            using (var writer = PatternJsonLinesWriter.Create(other, noClobber: true))
            {
                writer.Write(Valid(Tricky));
                File.WriteAllText(other, "theirs");
                var ex = Assert.Throws<PatternFileExistsException>(() => writer.Commit(overwrite: false));
                Assert.Equal(other, ex.FilePath);
                Assert.False(File.Exists(writer.TempPath));
            }
            Assert.Equal("keep", File.ReadAllText(path));
            Assert.Equal("theirs", File.ReadAllText(other));
        }

        [Fact]
        public void A_folder_is_no_export_target()
        {
            Assert.ThrowsAny<IOException>(() => PatternJsonLinesWriter.Create(_dir.Path, noClobber: false));
        }

        private sealed class NonSeekable : Stream
        {
            private readonly MemoryStream _inner;
            public NonSeekable(byte[] bytes) => _inner = new MemoryStream(bytes);
            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7));
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
