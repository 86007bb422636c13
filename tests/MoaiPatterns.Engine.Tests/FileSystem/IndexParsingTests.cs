using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using MoaiPatterns.Storage.FileSystem;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>The streamed index.json / journal readers keep what is well formed and inside the store, drop the rest.</summary>
    public sealed class IndexParsingTests : System.IDisposable
    {
        private readonly TempStoreFolder _folder = new TempStoreFolder();

        public void Dispose() => _folder.Dispose();

        private Dictionary<string, IndexEntry> ReadIndex(string json)
        {
            Directory.CreateDirectory(_folder.Path);
            var path = _folder.File("index.json");
            File.WriteAllText(path, json);
            return IndexSnapshot.Read(path, new StoreLayout(_folder.Path));
        }

        [Fact]
        public void FactsAreReadFromTheModulesOwnSnapshotOnlyNeverFromTheOriginalsIndexJson()
        {
            const string json = @"{
  ""p1"": { ""path"": ""2025/11/20/task_completion_20251120_030000_p1.json"", ""type"": ""task_completion"", ""timestamp"": ""2025-11-20T12:00:00+09:00"",
    ""k"": {""a"": ""alpha"", ""g"": [""api"", ""backend""], ""ok"": true, ""ms"": 1200} }
}";
            var asIndexJson = ReadIndex(json);
            Assert.Null(asIndexJson["p1"].Facts);
            var asSnapshot = IndexSnapshot.Read(_folder.File("index.json"), new StoreLayout(_folder.Path), withFacts: true);
            var facts = asSnapshot["p1"].Facts!;
            Assert.Equal("alpha", facts.Agent);
            Assert.Equal(new[] { "api", "backend" }, facts.Tags);
            Assert.Equal(1200, facts.DurationMs);
            Assert.Equal(asSnapshot["p1"].UnixMs, facts.UnixMs);
            Assert.Equal("p1", facts.PatternId);
        }

        [Fact]
        public void KeepsGoodEntriesAndDropsMalformedOrEscapingOnes()
        {
            var map = ReadIndex(@"{
  ""good"": { ""path"": ""2025/11/20/task_completion_good.json"", ""type"": ""task_completion"", ""timestamp"": ""2025-11-20T12:00:00+09:00"", ""extra"": [1, {""a"": 2}] },
  ""win"": { ""timestamp"": ""2025-11-20T12:00:00Z"", ""type"": ""AgentUsage"", ""path"": ""2025\\11\\20\\agent_usage_win.json"" },
  ""escape"": { ""path"": ""../../etc/passwd"", ""type"": ""task_completion"", ""timestamp"": ""2025-11-20T12:00:00Z"" },
  ""numtype"": { ""path"": ""2025/11/20/x.json"", ""type"": 3, ""timestamp"": ""2025-11-20T12:00:00Z"" },
  ""badtype"": { ""path"": ""2025/11/20/x.json"", ""type"": ""nope"", ""timestamp"": ""2025-11-20T12:00:00Z"" },
  ""badtime"": { ""path"": ""2025/11/20/x.json"", ""type"": ""task_completion"", ""timestamp"": ""yesterday"" },
  ""notobj"": [ ""2025/11/20/x.json"" ],
  ""nopath"": { ""type"": ""task_completion"", ""timestamp"": ""2025-11-20T12:00:00Z"" },
  ""bad id!"": { ""path"": ""2025/11/20/y.json"", ""type"": ""task_completion"", ""timestamp"": ""2025-11-20T12:00:00Z"" }
}");
            Assert.Equal(new[] { "good", "win" }, new SortedSet<string>(map.Keys));
            Assert.Equal("2025/11/20/task_completion_good.json", map["good"].Path);
            Assert.Equal(PatternType.TaskCompletion, map["good"].Type);
            Assert.Equal("2025-11-20T12:00:00+09:00", map["good"].Timestamp);
            Assert.Equal(new System.DateTimeOffset(2025, 11, 20, 3, 0, 0, System.TimeSpan.Zero).ToUnixTimeMilliseconds(), map["good"].UnixMs);
            Assert.Equal("2025/11/20/agent_usage_win.json", map["win"].Path);
            Assert.Equal(PatternType.AgentUsage, map["win"].Type);
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("{\"a\": {\"path\": \"x\"")]
        [InlineData("{} {}")]
        public void ANonObjectOrTruncatedIndexIsAJsonError(string json)
        {
            Assert.ThrowsAny<JsonException>(() => ReadIndex(json));
        }

        [Fact]
        public void JournalLinesParseSetsRemovesAndSkipGarbage()
        {
            var text = "{\"op\":\"set\",\"id\":\"a1\",\"path\":\"2025/11/20/error_occurrence_a1.json\",\"type\":\"error_occurrence\",\"timestamp\":\"2025-11-20T00:00:00Z\"}\n"
                + "{\"op\":\"remove\",\"id\":\"b2\"}\n"
                + "{\"op\":\"set\",\"id\":\"c3\",\"path\":\"../x.json\",\"type\":\"error_occurrence\",\"timestamp\":\"2025-11-20T00:00:00Z\"}\n"
                + "{\"op\":\"frob\",\"id\":\"d4\"}\n"
                + "{\"op\":\"remove\",\"id\":\"../e5\"}\n"
                + "not json at all\n"
                + "{\"id\":\"f6\",\"op\":\"remove\"}\n"
                + "{\"op\":\"remove\",\"id\":\"torn";
            var bytes = Encoding.UTF8.GetBytes(text);
            var changes = new List<IndexChange>();
            var consumed = IndexJournal.ParseLines(bytes, bytes.Length, new StoreLayout(_folder.Path), changes);
            Assert.Equal(text.LastIndexOf('\n') + 1, consumed);
            Assert.Equal(3, changes.Count);
            Assert.Equal("a1", changes[0].Id);
            Assert.Equal("2025/11/20/error_occurrence_a1.json", changes[0].Entry!.Path);
            Assert.Equal(PatternType.ErrorOccurrence, changes[0].Entry!.Type);
            Assert.Equal("b2", changes[1].Id);
            Assert.Null(changes[1].Entry);
            Assert.Equal("f6", changes[2].Id);
            Assert.Null(changes[2].Entry);
        }

        [Fact]
        public void ExportMarksRoundTripAndAreNotChanges()
        {
            var ms = new MemoryStream();
            IndexJournal.AppendLine(ms, IndexChange.ExportMark(new FileStamp(12345, 638_000_000_000_000_000)));
            IndexJournal.AppendLine(ms, new IndexChange("g7", null));
            var bytes = ms.ToArray();
            Assert.Equal("{\"op\":\"export\",\"length\":12345,\"mtime\":638000000000000000}\n{\"op\":\"remove\",\"id\":\"g7\"}\n", Encoding.UTF8.GetString(bytes));
            var changes = new List<IndexChange>();
            IndexJournal.ParseLines(bytes, bytes.Length, new StoreLayout(_folder.Path), changes);
            Assert.Equal(2, changes.Count);
            Assert.Equal(new FileStamp(12345, 638_000_000_000_000_000), changes[0].Export);
            Assert.Null(changes[1].Export);
        }

        [Fact]
        public void TheIndexIsWrittenExactlyAsUtf8JsonWriterIndentsItAndReadsBack()
        {
            var map = new Dictionary<string, IndexEntry>();
            var random = new System.Random(7);
            var odd = new[] { "2025/11/20/x \"q\" \\ y.json", "2025/11/20/caf\u00e9_\u65e5\u672c.json", "2025/11/20/tab\there.json", "2025/11/20/plain_x.json" };
            for (var i = 0; i < 200; i++)
            {
                var path = i < odd.Length ? odd[i] : "2025/11/" + (10 + i % 20) + "/task_completion_20251120_000000_id" + i + ".json";
                var ts = i % 3 == 0 ? "2025-11-20T12:00:00.1234567+09:00" : "2025-11-20T12:00:0" + (i % 10) + "Z";
                map["id-" + i + "_" + random.Next()] = new IndexEntry(path, (PatternType)(i % 4), ts, 0);
            }
            var expected = new MemoryStream();
            using (var w = new Utf8JsonWriter(expected, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartObject();
                foreach (var kv in map)
                {
                    w.WriteStartObject(kv.Key);
                    w.WriteString("path", kv.Value.Path);
                    w.WriteString("type", kv.Value.Type.ToWireName());
                    w.WriteString("timestamp", kv.Value.Timestamp);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            var written = IndexSnapshot.Serialize(map);
            Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()).Replace("\r\n", "\n"), Encoding.UTF8.GetString(written));
            Assert.Equal("{}", Encoding.UTF8.GetString(IndexSnapshot.Serialize(new Dictionary<string, IndexEntry>())));

            Directory.CreateDirectory(_folder.Path);
            File.WriteAllBytes(_folder.File("index.json"), written);
            var back = IndexSnapshot.Read(_folder.File("index.json"), new StoreLayout(_folder.Path));
            Assert.Equal(map.Count, back.Count);
            foreach (var kv in map) Assert.Equal(kv.Value.Path.Replace('\\', '/'), back[kv.Key].Path); // a backslash reads as a separator
        }
    }
}
