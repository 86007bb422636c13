using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using MoaiPatterns.Serialization;
using Xunit;

namespace MoaiPatterns.Tests.Serialization
{
    /// <summary>
    /// <see cref="PatternJson.Parse(ReadOnlySpan{byte})"/> reads the usual shape in one streamed pass and hands
    /// everything else to the element path: for every input both must give the same pattern, or the same error.
    /// </summary>
    public sealed class StreamedParseTests
    {
        private const string Data = "\"data\": {\"task_type\": \"code_generation\", \"agent\": \"expert-backend\", \"duration_ms\": 1200, \"success\": true, \"files_created\": [\"a.py\"], \"custom\": {\"n\": 1.50}}";
        private const string Context = "\"context\": {\"project_name\": \"moai\", \"tags\": [\"api\", \"Backend\"], \"metadata\": {\"x\": [1, 2.0]}}";

        public static IEnumerable<object[]> Inputs()
        {
            string P(params string[] fields) => "{" + string.Join(", ", fields) + "}";
            const string id = "\"pattern_id\": \"p1\"", type = "\"pattern_type\": \"task_completion\"", ts = "\"timestamp\": \"2025-11-20T12:00:00.123456+09:00\"";
            yield return new object[] { P(id, type, ts, Data, Context, "\"version\": \"1.0.0\"") };
            yield return new object[] { P(id, type, ts, Data) };                                            // no context, no version
            yield return new object[] { P(id, type, ts, Data, Context, "\"version\": 2", "\"extra\": [1, {\"a\": null}]") }; // a numeric version, an unknown field
            yield return new object[] { P(Data, id, type, ts, Context) };                                   // data before its type
            yield return new object[] { P(id, type, ts, Data, "\"pattern_id\": \"p2\"") };                  // a repeated field
            yield return new object[] { P(id, type, ts, Data, "\"context\": null") };
            yield return new object[] { P(id, type, ts, Data, "\"context\": [1]") };
            yield return new object[] { P(id, "\"pattern_type\": \"nope\"", ts, Data) };                     // an unknown type
            yield return new object[] { P(id, type, "\"timestamp\": \"yesterday\"", Data) };
            yield return new object[] { P(id, type, "\"timestamp\": \"2025-11-20T12:00:00\"", Data) };      // no offset: local time
            yield return new object[] { P("\"pattern_id\": 7", type, ts, Data) };
            yield return new object[] { P(id, type, ts, "\"data\": [1, 2]") };
            yield return new object[] { P(id, type, ts, "\"data\": {\"duration_ms\": \"slow\"}") };           // a wrong-typed field
            yield return new object[] { P(id, type, ts) };                                                  // no data
            yield return new object[] { P(id, type, ts, Data, "\"x\": 1, \"x\": 2") };                      // a repeated unknown field
            yield return new object[] { "[1, 2]" };
            yield return new object[] { P(id, type, ts, Data) + " trailing" };
            yield return new object[] { "{\"pattern_id\": \"p1\", " };
        }

        [Theory]
        [MemberData(nameof(Inputs))]
        public void StreamedAndElementPathsAgree(string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var (expected, expectedError) = Outcome(() =>
            {
                var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
                using var doc = JsonDocument.ParseValue(ref reader);
                return PatternJson.FromElement(doc.RootElement);
            });
            var (actual, actualError) = Outcome(() => PatternJson.Parse(bytes));
            Assert.Equal(expectedError, actualError);
            Assert.Equal(expected, actual);
        }

        /// <summary>The pattern as its compact JSON (every field, exactly), or the error's type and message.</summary>
        private static (string? Json, string? Error) Outcome(Func<MoaiPattern> parse)
        {
            try { return (PatternJson.ToJson(parse(), indented: false), null); }
            catch (Exception e) { return (null, e.GetType().Name + ": " + e.Message); }
        }
    }
}
