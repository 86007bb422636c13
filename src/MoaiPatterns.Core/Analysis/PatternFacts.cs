using System;
using System.Collections.Generic;
using System.Text.Json;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Analysis
{
    /// <summary>
    /// What the analysis reads of one pattern, derived once by this class (as <see cref="PatternKeys"/> is for
    /// queries): backends store these values (SQLite columns) or compute them here when they read a file.
    /// String keys are folded with <see cref="Folding.Fold"/>, the rule the filters compare with; an empty value is null.
    /// A field is read from the typed data when the type has it, else from an unknown field of the same seed name.
    /// </summary>
    public sealed class PatternFacts
    {
        public string PatternId { get; set; } = "";
        /// <summary>UTC milliseconds since the Unix epoch.</summary>
        public long UnixMs { get; set; }
        public PatternType Type { get; set; }
        public string? Agent { get; set; }
        public string? TaskType { get; set; }
        public string? ErrorType { get; set; }
        /// <summary>Folded, distinct tags.</summary>
        public string[] Tags { get; set; } = Array.Empty<string>();
        public string? Environment { get; set; }
        public string? Project { get; set; }
        public string? CorrectionType { get; set; }
        public string? Severity { get; set; }
        /// <summary>data.success when it is a boolean.</summary>
        public bool? Success { get; set; }
        /// <summary>data.duration_ms when it is an integer.</summary>
        public long? DurationMs { get; set; }
        /// <summary>data.tokens_used when it is an integer.</summary>
        public long? TokensUsed { get; set; }

        public static PatternFacts Of(MoaiPattern p) =>
            Of(p, IsoTimestamp.ToUnixMs(p.Timestamp), PatternKeys.FoldAgent(p.Agent), PatternKeys.FoldTags(p.Tags));

        /// <summary>The facts, reusing the query keys already computed for the pattern (a save computes both).</summary>
        public static PatternFacts Of(MoaiPattern p, PatternKeys keys) => Of(p, keys.UnixMs, keys.Agent, keys.Tags);

        private static PatternFacts Of(MoaiPattern p, long unixMs, string? agent, string[] tags)
        {
            var d = p.Data;
            var f = new PatternFacts
            {
                PatternId = p.PatternId,
                UnixMs = unixMs,
                Type = p.PatternType,
                Agent = agent,
                Tags = tags,
                Environment = FoldKey(p.Context?.Environment),
                Project = FoldKey(p.Context?.ProjectName),
            };
            string? taskType = null, errorType = null, correctionType = null, severity = null;
            bool? success = null;
            long? duration = null, tokens = null;
            switch (d)
            {
                case TaskCompletionData t: taskType = t.TaskType; success = t.Success; duration = t.DurationMs; break;
                case AgentUsageData a: taskType = a.TaskType; success = a.Success; duration = a.DurationMs; tokens = a.TokensUsed; break;
                case ErrorOccurrenceData e: errorType = e.ErrorType; break;
                case UserCorrectionData u: taskType = u.TaskType; correctionType = u.CorrectionType; severity = u.Severity; break;
            }
            var extra = d?.AdditionalProperties;
            f.TaskType = FoldKey(taskType ?? ExtraString(extra, "task_type"));
            f.ErrorType = FoldKey(errorType ?? ExtraString(extra, "error_type"));
            f.CorrectionType = FoldKey(correctionType ?? ExtraString(extra, "correction_type"));
            f.Severity = FoldKey(severity ?? ExtraString(extra, "severity"));
            f.Success = success ?? ExtraBool(extra, "success");
            f.DurationMs = duration ?? ExtraInteger(extra, "duration_ms");
            f.TokensUsed = tokens ?? ExtraInteger(extra, "tokens_used");
            return f;
        }

        /// <summary>The folded form of a group key value, or null for none (the fold the filters use).</summary>
        public static string? FoldKey(string? value) => string.IsNullOrEmpty(value) ? null : Folding.Fold(value!);

        private static string? ExtraString(Dictionary<string, JsonElement>? extra, string name) =>
            extra != null && extra.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static bool? ExtraBool(Dictionary<string, JsonElement>? extra, string name)
        {
            if (extra == null || !extra.TryGetValue(name, out var v)) return null;
            return v.ValueKind == JsonValueKind.True ? true : v.ValueKind == JsonValueKind.False ? false : (bool?)null;
        }

        private static long? ExtraInteger(Dictionary<string, JsonElement>? extra, string name) =>
            extra != null && extra.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : (long?)null;
    }
}
