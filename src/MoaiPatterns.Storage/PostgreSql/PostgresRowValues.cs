using System;
using System.Linq;
using System.Text.Json;
using MoaiPatterns.Analysis;
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

        /// <summary>The error_docs row of a resolved error, else null (<see cref="PostgresErrorIndex.Values"/>).</summary>
        public object[]? ErrorValues => PostgresErrorIndex.Values(Row.Error, Row.PatternId, Row.TimestampMs);

        public string[] Words { get; }

        /// <summary>The data JSON when jsonb can hold it, else null (the text column always holds it).</summary>
        public string? DataJsonb { get; }

        public string? ContextJsonb { get; }

        public static readonly NpgsqlDbType[] Types =
        {
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text,
            NpgsqlDbType.Jsonb, NpgsqlDbType.Jsonb, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Array | NpgsqlDbType.Text, NpgsqlDbType.Array | NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Boolean, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Boolean,
        };

        /// <exception cref="StoreAccessException">A key PostgreSQL text cannot hold (U+0000 in the agent name); nothing is written.</exception>
        public static PostgresRowValues Of(MoaiPattern pattern, string location)
        {
            var row = PatternRow.FromPattern(pattern);
            // PostgreSQL text cannot hold U+0000 or a lone surrogate; the JSON columns are escaped text. Refused, never altered.
            if (!PostgresText.CanHold(row.AgentNorm) || !PostgresText.CanHold(row.Version) || !PostgresText.CanHold(row.PatternId) || !Array.TrueForAll(row.Tags, PostgresText.CanHold))
                throw new StoreAccessException(StoreFailure.Io, location,
                    $"cannot hold pattern '{PostgresText.Shown(row.PatternId)}': PostgreSQL text cannot contain U+0000 or a lone surrogate (in its agent, tags, version or id). Nothing was written.");
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
        }.Concat(FactValues(Facts)).ToArray();

        /// <summary>The facts the server stores: the engine's, or null when text cannot hold one of them (U+0000 in a task type).</summary>
        public PatternFacts? Facts => Row.Facts != null && FactsHoldable(Row.Facts) ? Row.Facts : null;

        private static bool FactsHoldable(PatternFacts f) =>
            PostgresText.CanHold(f.TaskType) && PostgresText.CanHold(f.ErrorType) && PostgresText.CanHold(f.Environment)
            && PostgresText.CanHold(f.Project) && PostgresText.CanHold(f.CorrectionType) && PostgresText.CanHold(f.Severity);

        /// <summary>The values of <see cref="PostgresSchema.FactColumns"/> (all null and facts_ok false without facts).</summary>
        public static object[] FactValues(PatternFacts? f) => f == null
            ? new object[] { DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value, false }
            : new object[]
            {
                Db(f.TaskType), Db(f.ErrorType), Db(f.Environment), Db(f.Project), Db(f.CorrectionType), Db(f.Severity),
                Db(f.Success), Db(f.DurationMs), Db(f.TokensUsed), true,
            };

        private static object Db(object? v) => v ?? DBNull.Value;

        /// <summary>jsonb rejects what JSON itself does not allow and the escapes of U+0000 and lone surrogates; those rows keep only the text.</summary>
        private static string? JsonbOrNull(string json)
        {
            if (!PostgresText.JsonbCanHold(json)) return null;
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
