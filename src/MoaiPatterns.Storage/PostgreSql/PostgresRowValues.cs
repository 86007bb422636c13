using System;
using System.Text.Json;
using MoaiPatterns.Storage.Sqlite;
using MoaiPatterns.Stores;
using NpgsqlTypes;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// One pattern as the values of <see cref="PostgresSchema.WriteColumns"/>: the same <see cref="PatternRow"/>
    /// (seed columns and engine keys) the SQLite backend writes, plus the jsonb copies of data and context.
    /// </summary>
    internal sealed class PostgresRowValues
    {
        private PostgresRowValues(PatternRow row, string[] words)
        {
            Row = row;
            Words = words;
            DataJsonb = JsonbOrNull(row.DataJson);
            ContextJsonb = row.ContextJson == null ? null : JsonbOrNull(row.ContextJson);
        }

        public PatternRow Row { get; }

        public string[] Words { get; }

        /// <summary>The data JSON when jsonb can hold it, else null (the text column always holds it).</summary>
        public string? DataJsonb { get; }

        public string? ContextJsonb { get; }

        public static readonly NpgsqlDbType[] Types =
        {
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text,
            NpgsqlDbType.Jsonb, NpgsqlDbType.Jsonb, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Array | NpgsqlDbType.Text, NpgsqlDbType.Array | NpgsqlDbType.Text,
        };

        /// <exception cref="StoreAccessException">A key PostgreSQL text cannot hold (U+0000 in the agent name); nothing is written.</exception>
        public static PostgresRowValues Of(MoaiPattern pattern, string location)
        {
            var row = PatternRow.FromPattern(pattern);
            // PostgreSQL text cannot hold U+0000; every other value is JSON-escaped text. Refused, never altered.
            if (row.AgentNorm != null && row.AgentNorm.IndexOf('\0') >= 0 || row.Version.IndexOf('\0') >= 0 || row.PatternId.IndexOf('\0') >= 0)
                throw new StoreAccessException(StoreFailure.Io, location,
                    $"cannot hold pattern '{row.PatternId.Replace("\0", "\\0")}': PostgreSQL text cannot contain the character U+0000 (in its agent, version or id). Nothing was written.");
            var words = row.SearchText.Length == 0 ? Array.Empty<string>() : row.SearchText.Split(' ');
            return new PostgresRowValues(row, words);
        }

        /// <summary>The values in column order (null as DBNull).</summary>
        public object[] Values() => new object[]
        {
            Row.PatternId, Row.PatternType, Row.TimestampSeconds, Row.TimestampMs, (object?)Row.TimestampIso ?? DBNull.Value,
            (object?)DataJsonb ?? DBNull.Value, (object?)ContextJsonb ?? DBNull.Value,
            Row.DataJson, (object?)Row.ContextJson ?? DBNull.Value, Row.Version, (object?)Row.ExtraJson ?? DBNull.Value,
            (object?)Row.AgentNorm ?? DBNull.Value, Row.Tags, Words,
        };

        /// <summary>jsonb rejects NaN/Infinity (the original's Python literals) and the escape \u0000; those rows keep only the text.</summary>
        private static string? JsonbOrNull(string json)
        {
            if (json.IndexOf("\\u0000", StringComparison.Ordinal) >= 0) return null;
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
            try
            {
                while (reader.Read()) { }
                return json;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
