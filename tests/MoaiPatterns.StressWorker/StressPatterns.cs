using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MoaiPatterns.StressWorker
{
    /// <summary>
    /// Deterministic patterns from (prefix, index): the test and the reader recompute the content and
    /// check it, and a SHA-256 of the payload is embedded in context.metadata.checksum.
    /// </summary>
    public static class StressPatterns
    {
        public const string ChecksumKey = "checksum";

        public static string Id(string prefix, int index) => prefix + "-" + index.ToString("D6", CultureInfo.InvariantCulture);

        public static bool TryParseId(string id, out string prefix, out int index)
        {
            prefix = "";
            index = -1;
            var dash = id.LastIndexOf('-');
            if (dash <= 0) return false;
            prefix = id.Substring(0, dash);
            return int.TryParse(id.Substring(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out index);
        }

        /// <summary>Pattern <paramref name="index"/> of <paramref name="prefix"/>, stamped <paramref name="timestamp"/> (whole milliseconds, UTC).</summary>
        public static MoaiPattern Make(string prefix, int index, DateTimeOffset timestamp)
        {
            var id = Id(prefix, index);
            var payload = Payload(id);
            var data = new ErrorOccurrenceData
            {
                ErrorType = "StressError",
                ErrorMessage = "stress pattern " + id,
                StackTrace = payload,
                FilePath = "stress/" + prefix + ".py",
                LineNumber = index,
                AutoResolved = index % 2 == 0,
            };
            var context = new PatternContext
            {
                ProjectName = "reliability",
                Tags = new[] { "stress", prefix },
                Metadata = new JsonFields
                {
                    [ChecksumKey] = JsonSerializer.SerializeToElement(Checksum(data.ErrorMessage, payload)),
                },
            };
            return new MoaiPattern(id, PatternType.ErrorOccurrence, timestamp, data, context);
        }

        /// <summary>Timestamp of pattern <paramref name="index"/> counted from a base: one millisecond apart.</summary>
        public static DateTimeOffset TimestampFor(DateTimeOffset start, int index) => start.AddMilliseconds(index);

        /// <summary>Why a read pattern is not whole, or null when it is: checksum, id and content all agree.</summary>
        public static string? Problem(MoaiPattern p)
        {
            if (!TryParseId(p.PatternId, out var prefix, out var index)) return "id " + p.PatternId + " is not a stress id";
            if (!(p.Data is ErrorOccurrenceData d)) return p.PatternId + ": data is " + p.Data?.GetType().Name;
            if (p.Context.Metadata == null || !p.Context.Metadata.TryGetValue(ChecksumKey, out var sum) || sum.ValueKind != JsonValueKind.String)
                return p.PatternId + ": no checksum";
            if (sum.GetString() != Checksum(d.ErrorMessage, d.StackTrace)) return p.PatternId + ": checksum mismatch";
            var expected = Serialization.PatternJson.ToJson(Make(prefix, index, p.Timestamp));
            var actual = Serialization.PatternJson.ToJson(p);
            return expected == actual ? null : p.PatternId + ": content differs from the generated pattern";
        }

        private static string Payload(string id)
        {
            // 100..4000 characters, varied per id, so files differ in size and cross buffer boundaries.
            var rng = new Random(StableHash(id));
            var len = 100 + rng.Next(3900);
            var sb = new StringBuilder(len + 64);
            sb.Append("Traceback for ").Append(id).Append('\n');
            while (sb.Length < len) sb.Append("  File \"m").Append(rng.Next(1000)).Append(".py\", line ").Append(rng.Next(9999)).Append('\n');
            return sb.ToString();
        }

        private static string Checksum(string? message, string? payload)
        {
            using var sha = SHA256.Create();
            return Convert.ToHexString(sha.ComputeHash(Encoding.UTF8.GetBytes((message ?? "") + "\n" + (payload ?? ""))));
        }

        private static int StableHash(string s)
        {
            unchecked
            {
                var h = (int)2166136261;
                foreach (var c in s) h = (h ^ c) * 16777619;
                return h & 0x7fffffff;
            }
        }
    }
}
