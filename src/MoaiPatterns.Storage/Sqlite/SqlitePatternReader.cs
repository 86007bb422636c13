using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>Builds a <see cref="MoaiPattern"/> from a row selected with <see cref="SqliteSchema.ReadColumns"/>.</summary>
    internal static class SqlitePatternReader
    {
        /// <summary>The pattern, or null with a warning naming the pattern_id when the row cannot be read.</summary>
        public static MoaiPattern? TryRead(SqliteDataReader r, List<StoreWarning> warnings)
        {
            var id = r.GetString(0);
            try
            {
                var typeName = r.GetString(1);
                if (!PatternTypeNames.TryParse(typeName, out var type))
                    throw new FormatException($"unknown pattern_type '{typeName}'");
                var timestamp = ReadTimestamp(r);
                var data = PatternJson.ParseData(type, r.GetString(5));
                var context = PatternJson.ParseContext(r.IsDBNull(6) ? null : r.GetString(6));
                var pattern = new MoaiPattern(id, type, timestamp, data, context)
                {
                    Version = r.IsDBNull(7) ? MoaiPattern.CurrentVersion : r.GetString(7),
                };
                if (!r.IsDBNull(3) && IsoTimestamp.IsVerbatimKeepable(r.GetString(3))) pattern.TimestampText = r.GetString(3);
                if (!r.IsDBNull(8)) pattern.AdditionalProperties = ParseExtra(r.GetString(8));
                return pattern;
            }
            catch (Exception e) when (e is JsonException || e is FormatException || e is InvalidCastException || e is NotSupportedException)
            {
                warnings.Add(new StoreWarning(id, $"Pattern '{id}' could not be read and was skipped: {e.Message}"));
                return null;
            }
        }

        private static DateTimeOffset ReadTimestamp(SqliteDataReader r)
        {
            if (!r.IsDBNull(3) && IsoTimestamp.TryParse(r.GetString(3), out var iso)) return iso;
            if (!r.IsDBNull(4)) return DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4));
            return DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(2));
        }

        private static IDictionary<string, JsonElement> ParseExtra(string json)
        {
            var result = new JsonFields();
            using var doc = JsonDocument.Parse(json);
            foreach (var p in doc.RootElement.EnumerateObject()) result[p.Name] = p.Value.Clone();
            return result;
        }
    }
}
