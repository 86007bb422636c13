using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>
    /// Deterministic hostile inputs (seeded): wrong types, missing fields, huge strings, deep nesting, lone
    /// surrogates, control characters, quotes, SQL and FTS5 syntax, traversal ids, Windows reserved names,
    /// unicode, huge numbers, NaN-ish strings, and mutated JSON text. Each case is a dictionary or JSON text.
    /// </summary>
    public static class HostileCorpus
    {
        public static readonly string[] NastyStrings =
        {
            "'", "\"", "''", "\"\"", "'; DROP TABLE patterns; --", "\" OR 1=1 --", "1); DELETE FROM pattern_tags; --",
            "NEAR(a b)", "a OR b", "a AND NOT b", "\"unterminated", "col:value", "body:x", "*", "a*", "^start", "(", ")", "-x", "+x",
            "{x}", "x\0y", "\u0001\u0002\u001f", "\t\r\n", "\ud800", "\udc00", "a\ud800b", "\udbff\udfff", "😀", "Ω≈ç√", "\u202etxet",
            "e\u0301", "ﷺ", "𝕏", "NaN", "Infinity", "-Infinity", "null", "true", "1e309", "-0", "%00", "%2e%2e%2f", "..", "../../etc/passwd",
            "..\\..\\boot.ini", "/etc/shadow", "C:\\Windows\\win.ini", "\\\\server\\share", "CON", "NUL", "COM1", "LPT1", "AUX", "PRN",
            "con.json", "NUL.txt", "COM1.tar.gz", "  ", "", "<script>alert(1)</script>", "${jndi:ldap://x}", "$(rm -rf /)", "`id`",
            "\u00a0", "\ufeff", "\uffff", "\ufffe",
        };

        private static readonly string[] Ids =
        {
            "../escape", "..", ".", "a/b", "a\\b", "/etc/passwd", "C:\\x", "..\\..\\x", "a\0b", "", " ", "CON", "NUL", "COM1", "LPT9", "AUX",
            "CON.json", "nul.txt", "com1.tar.gz", "PRN.", "ok-id", "UPPER.lower_mixed-1", "ü", "😀", "a b", "a*b", "a?b", "a:b", "a|b",
            "a<b>", "%2e%2e", "....", "...", new string('a', 128), new string('a', 129), "-", "_", ".hidden", "trailing.",
        };

        private static readonly string[] Types = { "task_completion", "error_occurrence", "agent_usage", "user_correction" };

        public static IEnumerable<(int Number, string Kind, object Input)> Generate(int count, int seed)
        {
            var rng = new Random(seed);
            for (var n = 0; n < count; n++)
            {
                var (kind, input) = Make(rng, n);
                yield return (n, kind, input);
            }
        }

        private static (string, object) Make(Random rng, int n)
        {
            switch (n % 12)
            {
                case 0: return ("traversal-or-reserved-id", With(Valid(rng, n), "pattern_id", Pick(rng, Ids)));
                case 1: return ("nasty-tags", WithTags(Valid(rng, n), Enumerable.Range(0, 1 + rng.Next(4)).Select(_ => Pick(rng, NastyStrings)).ToArray()));
                case 2: return ("nasty-text", WithData(Valid(rng, n), PickField(rng), Pick(rng, NastyStrings) + " " + Pick(rng, NastyStrings)));
                case 3: return ("wrong-type", WithData(Valid(rng, n), PickField(rng), WrongValue(rng)));
                case 4: return ("wrong-root-type", With(Valid(rng, n), Pick(rng, new[] { "pattern_id", "pattern_type", "timestamp", "data", "context", "version" }), WrongValue(rng)));
                case 5: return ("missing-field", Without(Valid(rng, n), Pick(rng, new[] { "pattern_id", "pattern_type", "timestamp", "data", "context", "version" })));
                case 6: return ("huge-string", WithData(Valid(rng, n), "note", HugeString(rng, n)));
                case 7: return ("deep-nesting", WithContext(Valid(rng, n), "metadata", Nest(Pick(rng, new[] { 5, 30, 31, 33, 64, 200, 2000 }))));
                case 8: return ("huge-number", WithData(Valid(rng, n), PickNumericField(rng), Pick(rng, new object[]
                    { long.MaxValue, long.MinValue, ulong.MaxValue, decimal.MaxValue, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 1e-320, "NaN", "Infinity", "1e999", "0x10", " 12 " })));
                case 9: return ("json-text", MutatedJson(rng, n));
                case 10: return ("unicode-everywhere", Unicode(rng, n));
                default: return ("odd-timestamp", With(Valid(rng, n), "timestamp", Pick(rng, new object[]
                    { "2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999+14:00", "2025-01-01", "yesterday", "2025-01-01T00:00:00\u0000Z", 1735689600, "", "2025-06-01T12:00:00.123456-05:30" })));
            }
        }

        private static Dictionary<string, object?> Valid(Random rng, int n)
        {
            var type = Types[n % 4];
            var data = new Dictionary<string, object?>();
            switch (type)
            {
                case "task_completion": data["task_type"] = "code_generation"; data["agent"] = "expert-backend"; data["success"] = true; data["duration_ms"] = 1200 + n; break;
                case "error_occurrence": data["error_type"] = "KeyError"; data["error_message"] = "missing key " + n; data["stack_trace"] = "Traceback"; break;
                case "agent_usage": data["agent_type"] = "workflow-tdd"; data["task_type"] = "api"; data["tools_used"] = new[] { "Read", "Edit" }; break;
                default: data["original_output"] = "x = 3"; data["corrected_output"] = "x: int = 3"; data["correction_type"] = "type_safety"; break;
            }
            return new Dictionary<string, object?>
            {
                ["pattern_id"] = "hostile-" + n.ToString("D6"),
                ["pattern_type"] = type,
                ["timestamp"] = "2025-06-01T12:00:00." + (n % 1000).ToString("D3") + "Z",
                ["data"] = data,
                ["context"] = new Dictionary<string, object?> { ["project_name"] = "hostile", ["tags"] = new[] { "hostile" } },
                ["version"] = "1.0",
            };
        }

        private static string PickField(Random rng) => Pick(rng, new[] { "task_type", "agent", "error_message", "stack_trace", "agent_type", "original_output", "note", "file_path" });

        private static string PickNumericField(Random rng) => Pick(rng, new[] { "duration_ms", "line_number", "tokens_used", "coverage_percent", "memory_mb", "extra_number" });

        private static object? WrongValue(Random rng) => Pick(rng, new object?[]
        {
            null, 42, -1, 3.5, true, false, "text", new object[0], new object?[] { 1, "a", null }, new Dictionary<string, object?>(),
            new Dictionary<string, object?> { ["x"] = new object[] { new Dictionary<string, object?>() } }, new DateTime(2025, 1, 1), Guid.Empty, 'c',
        });

        private static string HugeString(Random rng, int n)
        {
            // Sizes around and far past the 1 MiB limit; the 10 MB ones are rarer to keep the run short.
            var size = n % 48 == 6 ? 10 * 1024 * 1024 : Pick(rng, new[] { 1000, 64 * 1024, 1024 * 1024 - 2048, 1024 * 1024 + 10, 2 * 1024 * 1024 });
            return new string((char)('a' + n % 26), size);
        }

        private static object Nest(int depth)
        {
            object inner = "bottom";
            for (var i = 0; i < depth; i++) inner = i % 2 == 0 ? new Dictionary<string, object?> { ["d"] = inner } : (object)new object[] { inner };
            return inner;
        }

        private static object Unicode(Random rng, int n)
        {
            var d = Valid(rng, n);
            var s = string.Concat(Enumerable.Range(0, 5).Select(_ => Pick(rng, NastyStrings)));
            WithData(d, PickField(rng), s);
            WithTags(d, new[] { Pick(rng, NastyStrings), "ok" });
            ((Dictionary<string, object?>)d["context"]!)["project_name"] = s;
            ((Dictionary<string, object?>)d["data"]!)[Pick(rng, NastyStrings)] = s; // an unknown key that is itself nasty
            return d;
        }

        private static string MutatedJson(Random rng, int n)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(Valid(rng, n));
            var sb = new StringBuilder(json);
            var edits = 1 + rng.Next(3);
            for (var e = 0; e < edits && sb.Length > 0; e++)
            {
                var at = rng.Next(sb.Length);
                switch (rng.Next(5))
                {
                    case 0: sb.Remove(at, 1); break;
                    case 1: sb.Insert(at, Pick(rng, new[] { "\"", "{", "}", "[", ",", ":", "\\", "\\u", "\\ud800", "\u0000", "null", "1e999" })); break;
                    case 2: sb.Length = at; break; // truncated
                    case 3: sb.Insert(at, ",\"pattern_id\":\"dup\""); break; // duplicate keys, maybe
                    default: sb[at] = (char)rng.Next(0, 0x7f); break;
                }
            }
            return sb.ToString();
        }

        private static Dictionary<string, object?> With(Dictionary<string, object?> d, string key, object? value) { d[key] = value; return d; }

        private static Dictionary<string, object?> Without(Dictionary<string, object?> d, string key) { d.Remove(key); return d; }

        private static Dictionary<string, object?> WithData(Dictionary<string, object?> d, string key, object? value)
        {
            ((Dictionary<string, object?>)d["data"]!)[key] = value;
            return d;
        }

        private static Dictionary<string, object?> WithContext(Dictionary<string, object?> d, string key, object? value)
        {
            ((Dictionary<string, object?>)d["context"]!)[key] = value;
            return d;
        }

        private static Dictionary<string, object?> WithTags(Dictionary<string, object?> d, string[] tags) => WithContext(d, "tags", tags);

        private static T Pick<T>(Random rng, T[] items) => items[rng.Next(items.Length)];
    }
}
