using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using MoaiPatterns.Analysis;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>Everything one pattern writes into the database: the seed's columns plus the derived ones.</summary>
    internal sealed class PatternRow
    {
        public string PatternId = "";
        public string PatternType = "";
        public long TimestampSeconds;
        public long TimestampMs;
        public string? TimestampIso;
        public string DataJson = "";
        public string? ContextJson;
        public string Version = MoaiPattern.CurrentVersion;
        public string? AgentNorm;
        public string? ExtraJson;
        public string[] Tags = Array.Empty<string>();
        public string SearchText = "";
        /// <summary>The analysis facts (schema version 3 columns); null for a row whose JSON cannot be read.</summary>
        public PatternFacts? Facts;
        /// <summary>Why a seed row's JSON could not be read, or null.</summary>
        public string? Problem;

        public static PatternRow FromPattern(MoaiPattern p)
        {
            var data = PatternJson.DataToJson(p.Data);
            var context = PatternJson.ContextToJson(p.Context ?? new PatternContext());
            var keys = PatternKeys.Of(p, data, context);
            return new PatternRow
            {
                PatternId = p.PatternId,
                PatternType = p.PatternType.ToWireName(),
                TimestampSeconds = p.Timestamp.ToUnixTimeSeconds(),
                TimestampMs = keys.UnixMs,
                // The text as written ("Z" stays "Z", ms stay ms), so a Get returns the same JSON that was saved.
                TimestampIso = p.TimestampText ?? IsoTimestamp.Format(p.Timestamp),
                DataJson = data,
                ContextJson = context,
                Version = p.Version ?? MoaiPattern.CurrentVersion,
                AgentNorm = keys.Agent,
                ExtraJson = ExtraToJson(p.AdditionalProperties),
                Tags = keys.Tags,
                SearchText = keys.WordsText,
                Facts = PatternFacts.Of(p, keys),
            };
        }

        /// <summary>Just the query keys of a stored pattern (for recomputing them in place); time as stored.</summary>
        public static PatternRow KeysOnly(MoaiPattern p, long timestampMs)
        {
            var keys = PatternKeys.Of(p);
            return new PatternRow { PatternId = p.PatternId, TimestampMs = timestampMs, AgentNorm = keys.Agent, Tags = keys.Tags, SearchText = keys.WordsText, Facts = PatternFacts.Of(p, keys) };
        }

        /// <summary>Derived columns for a row written by the original tool (seconds only, offset unknown = UTC).</summary>
        public static PatternRow FromSeedRow(string id, string type, long seconds, string dataJson, string? contextJson, string? version)
        {
            var row = new PatternRow
            {
                PatternId = id, PatternType = type, TimestampSeconds = seconds, TimestampMs = checked(seconds * 1000),
                DataJson = dataJson, ContextJson = contextJson, Version = version ?? MoaiPattern.CurrentVersion,
            };
            try
            {
                if (!PatternTypeNames.TryParse(type, out var t)) throw new FormatException($"unknown pattern_type '{type}'");
                var data = PatternJson.ParseData(t, dataJson);
                var ctx = PatternJson.ParseContext(contextJson);
                // Keys from the pattern as this module reads it, exactly as a filesystem store would compute them.
                var pattern = new MoaiPattern(id, t, DateTimeOffset.FromUnixTimeSeconds(seconds), data, ctx);
                var keys = PatternKeys.Of(pattern);
                row.Facts = PatternFacts.Of(pattern, keys);
                row.AgentNorm = keys.Agent;
                row.Tags = keys.Tags;
                row.SearchText = keys.WordsText;
            }
            catch (Exception e) when (e is JsonException || e is FormatException || e is InvalidOperationException)
            {
                row.Problem = e.Message;  // still indexed by time so it is not re-detected on every open
            }
            return row;
        }

        private static string? ExtraToJson(IDictionary<string, JsonElement>? extra)
        {
            if (extra == null || extra.Count == 0) return null;
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                foreach (var kv in extra)
                {
                    w.WritePropertyName(kv.Key);
                    kv.Value.WriteTo(w);
                }
                w.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
