using System.Collections.Generic;
using MoaiPatterns.Analysis;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// What the index knows of one pattern: where its file is, its type and timestamp (the seed's index.json entry),
    /// and, in this module's own index only, the pattern's facts (its folded tags and agent, the query keys a filter
    /// compares without reading the file, and what Measure reads). Entries from the original's index.json, or from
    /// an earlier release's index, have no facts: their files are read when a query needs more than type and time.
    /// </summary>
    internal sealed class IndexEntry
    {
        public IndexEntry(string path, PatternType type, string timestamp, long unixMs, PatternFacts? facts = null)
        {
            Path = path;
            Type = type;
            Timestamp = timestamp;
            UnixMs = unixMs;
            Facts = facts;
        }

        /// <summary>Relative to the store root, '/' separated.</summary>
        public string Path { get; }

        public PatternType Type { get; }

        /// <summary>The timestamp text as written (kept verbatim in index.json).</summary>
        public string Timestamp { get; }

        public long UnixMs { get; }

        /// <summary>The pattern's facts (<see cref="PatternFacts.Of(MoaiPattern)"/>, PatternId set), or null when unknown. Never mutated once indexed.</summary>
        public PatternFacts? Facts { get; }

        public static IndexEntry For(MoaiPattern pattern, string path) =>
            new IndexEntry(path, pattern.PatternType, IsoTimestamp.Format(pattern.Timestamp), IsoTimestamp.ToUnixMs(pattern.Timestamp), PatternFacts.Of(pattern));

        public IndexEntry WithPath(string path) => new IndexEntry(path, Type, Timestamp, UnixMs, Facts);

        /// <summary>Same file, type and timestamp text (what index.json records).</summary>
        public bool SameSeedEntry(IndexEntry other) => Path == other.Path && Type == other.Type && Timestamp == other.Timestamp;
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
