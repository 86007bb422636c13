using System;
using System.Collections.Generic;
using System.Text.Json;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;
using Npgsql;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>Builds a <see cref="MoaiPattern"/> from a row selected with <see cref="PostgresSchema.ReadColumns"/>: the exact JSON text, never the jsonb.</summary>
    internal static class PostgresPatternReader
    {
        public static MoaiPattern? TryRead(NpgsqlDataReader r, List<StoreWarning> warnings)
        {
            var id = r.GetString(0);
            try
            {
                var typeName = r.GetString(1);
                if (!PatternTypeNames.TryParse(typeName, out var type))
                    throw new FormatException($"unknown pattern_type '{typeName}'");
                var timestamp = !r.IsDBNull(3) && IsoTimestamp.TryParse(r.GetString(3), out var iso)
                    ? iso : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4));
                var data = PatternJson.ParseData(type, r.GetString(5));
                var context = PatternJson.ParseContext(r.IsDBNull(6) ? null : r.GetString(6));
                var pattern = new MoaiPattern(id, type, timestamp, data, context) { Version = r.GetString(7) };
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

        private static IDictionary<string, JsonElement> ParseExtra(string json)
        {
            var result = new Dictionary<string, JsonElement>();
            using var doc = JsonDocument.Parse(json);
            foreach (var p in doc.RootElement.EnumerateObject()) result[p.Name] = p.Value.Clone();
            return result;
        }
    }
}
