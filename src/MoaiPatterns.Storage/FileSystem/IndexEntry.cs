using System.Collections.Generic;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>What the index knows of one pattern: where its file is, its type and timestamp (the seed's index.json entry).</summary>
    internal sealed class IndexEntry
    {
        public IndexEntry(string path, PatternType type, string timestamp, long unixMs)
        {
            Path = path;
            Type = type;
            Timestamp = timestamp;
            UnixMs = unixMs;
        }

        /// <summary>Relative to the store root, '/' separated.</summary>
        public string Path { get; }

        public PatternType Type { get; }

        /// <summary>The timestamp text as written (kept verbatim in index.json).</summary>
        public string Timestamp { get; }

        public long UnixMs { get; }

        public static IndexEntry For(MoaiPattern pattern, string path) =>
            new IndexEntry(path, pattern.PatternType, IsoTimestamp.Format(pattern.Timestamp), IsoTimestamp.ToUnixMs(pattern.Timestamp));

        public IndexEntry WithPath(string path) => new IndexEntry(path, Type, Timestamp, UnixMs);
    }
}

namespace MoaiPatterns.Storage.FileSystem
{
    internal static class IndexMaps
    {
        /// <summary>Copies every entry of <paramref name="from"/> into <paramref name="map"/> (later ones win).</summary>
        public static Dictionary<string, IndexEntry> FillFrom(this Dictionary<string, IndexEntry> map, IEnumerable<KeyValuePair<string, IndexEntry>> from)
        {
            foreach (var kv in from) map[kv.Key] = kv.Value;
            return map;
        }
    }
}
