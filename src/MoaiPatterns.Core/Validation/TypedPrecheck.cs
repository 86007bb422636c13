using System;
using System.Collections.Generic;

namespace MoaiPatterns.Validation
{
    /// <summary>
    /// A fast yes for typed patterns: true only when the JSON-tree validator would certainly find nothing,
    /// checked on the objects without building JSON. Anything unusual (extra fields, metadata, odd
    /// timestamps, a possible error) answers false, and the caller runs the tree validator, which
    /// produces the errors: so the errors are always the tree validator's own.
    /// </summary>
    internal static class TypedPrecheck
    {
        // Generous per-field allowance for keys, quotes, commas and numbers in the compact JSON.
        private const int FieldOverheadBytes = 64;

        public static bool IsCertainlyValid(MoaiPattern p)
        {
            if (p.AdditionalProperties != null && p.AdditionalProperties.Count > 0) return false;
            if (p.PatternId == null || !PatternValidator.IsValidPatternId(p.PatternId)) return false;
            if (p.PatternType < PatternType.TaskCompletion || p.PatternType > PatternType.UserCorrection) return false;
            if (!PlainTimestamp(p.Timestamp)) return false;
            if (!Text(p.Version)) return false;
            var data = p.Data;
            if (data == null || data.PatternType != p.PatternType) return false;
            if (data.AdditionalProperties != null && data.AdditionalProperties.Count > 0) return false;
            // Timestamp text read from input is written back verbatim, so its length counts too.
            var size = new SizeBound(p.PatternId.Length + p.Version!.Length + (p.TimestampText?.Length ?? 0));
            if (!DataOk(data, ref size)) return false;
            var ctx = p.Context;
            if (ctx == null || !ContextOk(ctx, ref size)) return false;
            return size.Bytes <= PatternLimits.MaxPatternBytes;
        }

        private static bool DataOk(PatternData data, ref SizeBound size)
        {
            switch (data)
            {
                case TaskCompletionData d:
                    return Required(d.TaskType, ref size) && Required(d.Agent, ref size) && d.DurationMs >= 0 && d.Success != null
                        && Float(d.CoveragePercent, 0, 100) && size.Fields(8);
                case ErrorOccurrenceData d:
                    return Required(d.ErrorType, ref size) && Required(d.ErrorMessage, ref size)
                        && Optional(d.StackTrace, ref size) && Optional(d.FilePath, ref size)
                        && (d.LineNumber == null || d.LineNumber >= 0) && size.Fields(8);
                case AgentUsageData d:
                    return Required(d.AgentType, ref size) && Required(d.TaskType, ref size) && d.Success != null && d.DurationMs >= 0
                        && List(d.ToolsUsed, ref size) && Float(d.MemoryMb, null, null) && Float(d.CpuPercent, null, null) && size.Fields(8);
                case UserCorrectionData d:
                    return Required(d.OriginalOutput, ref size) && Required(d.CorrectedOutput, ref size) && Required(d.CorrectionType, ref size)
                        && Required(d.Agent, ref size) && (d.Severity == null || Array.IndexOf(PatternSchema.Severities, d.Severity) >= 0)
                        && Optional(d.UserFeedback, ref size) && size.Fields(6);
                default:
                    return false;
            }
        }

        private static bool ContextOk(PatternContext c, ref SizeBound size)
        {
            if (c.AdditionalProperties != null && c.AdditionalProperties.Count > 0) return false;
            if (c.Metadata != null) return false;
            if (!Optional(c.ProjectName, ref size) || !Optional(c.SessionId, ref size) || !Optional(c.UserId, ref size)
                || !Optional(c.GitBranch, ref size) || !Optional(c.GitCommit, ref size)) return false;
            if (c.Environment != null && Array.IndexOf(PatternSchema.Environments, c.Environment) < 0) return false;
            if (c.Timestamp != null && (c.TimestampJson == null || !PlainTimestamp(c.Timestamp.Value))) return false;
            if (c.Timestamp != null) size.Add(c.TimestampJson!.Length);
            var tags = c.Tags;
            if (tags == null || tags.Length > PatternLimits.MaxTags) return false;
            foreach (var tag in tags)
            {
                if (tag == null || tag.Length > PatternLimits.MaxTagLength) return false;
                foreach (var ch in tag) if (char.IsControl(ch)) return false;
            }
            return List(tags, ref size) && size.Fields(10);
        }

        /// <summary>Years well inside what IsoTimestamp writes and reads back.</summary>
        private static bool PlainTimestamp(DateTimeOffset t) => t.Year > 1 && t.Year < 9999 && t.UtcDateTime.Year > 1 && t.UtcDateTime.Year < 9999;

        private static bool Required(string? s, ref SizeBound size) => s != null && Optional(s, ref size);

        private static bool Optional(string? s, ref SizeBound size)
        {
            if (s == null) return true;
            if (!Text(s)) return false;
            size.Add(s.Length);
            return true;
        }

        private static bool List(IReadOnlyList<string>? items, ref SizeBound size)
        {
            if (items == null) return true;
            foreach (var s in items) if (s == null || !Optional(s, ref size)) return false;
            return size.Fields(items.Count);
        }

        private static bool Float(double? v, double? min, double? max) =>
            v == null || (!double.IsNaN(v.Value) && !double.IsInfinity(v.Value) && (min == null || v >= min) && (max == null || v <= max));

        /// <summary>Non-empty and valid UTF-16 (no lone surrogate).</summary>
        private static bool Text(string? s) => !string.IsNullOrEmpty(s) && !JsonScalars.ContainsLoneSurrogate(s!);

        /// <summary>An upper bound of the compact UTF-8 JSON size: 6 bytes per character covers \uXXXX escapes.</summary>
        private struct SizeBound
        {
            public long Bytes;

            public SizeBound(int chars) { Bytes = 6L * chars + 6 * FieldOverheadBytes; }

            public void Add(int chars) => Bytes += 6L * chars + FieldOverheadBytes;

            public bool Fields(int count)
            {
                Bytes += (long)count * FieldOverheadBytes;
                return true;
            }
        }
    }
}
