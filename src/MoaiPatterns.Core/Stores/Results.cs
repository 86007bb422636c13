using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MoaiPatterns.Stores
{
    /// <summary>What Remove-MoaiPatternOld did, for a runbook's log.</summary>
    public sealed class RetentionResult
    {
        public string Store { get; set; } = "";
        public StoreBackend Backend { get; set; }
        public DateTimeOffset Cutoff { get; set; }
        public PatternType[] Types { get; set; } = Array.Empty<PatternType>();
        public long RemovedCount { get; set; }
        public bool WhatIf { get; set; }
        public TimeSpan Duration { get; set; }

        /// <summary>One line for a log: "Removed 12 pattern(s) older than 2024-02-01 00:00:00Z from '/x' (Sqlite)."</summary>
        public override string ToString() =>
            $"{(WhatIf ? "Would remove" : "Removed")} {ResultText.Count(RemovedCount)} pattern(s)"
            + (Types.Length > 0 ? " of type " + string.Join(", ", Types) : "")
            + $" older than {ResultText.Instant(Cutoff)} from '{Store}' ({Backend}).";
    }

    /// <summary>What Compress-MoaiPatternStore did.</summary>
    public sealed class CompressionResult
    {
        public string Store { get; set; } = "";
        public StoreBackend Backend { get; set; }
        public DateTimeOffset OlderThan { get; set; }
        /// <summary>Files gzipped (filesystem) or 0 (SQLite).</summary>
        public long CompressedCount { get; set; }
        public long BytesBefore { get; set; }
        public long BytesAfter { get; set; }
        public long BytesSaved => BytesBefore - BytesAfter;
        public bool WhatIf { get; set; }
        public TimeSpan Duration { get; set; }

        /// <summary>One line for a log: "Compressed 40 file(s) in '/x' (FileSystem): 1,234,567 -> 300,000 bytes."</summary>
        public override string ToString() =>
            (Backend == StoreBackend.FileSystem
                ? $"{(WhatIf ? "Would compress" : "Compressed")} {ResultText.Count(CompressedCount)} file(s) older than {ResultText.Instant(OlderThan)} in '{Store}' ({Backend})"
                : $"{(WhatIf ? "Would reclaim" : "Reclaimed")} free space in '{Store}' ({Backend})")
            + $": {ResultText.Count(BytesBefore)} -> {ResultText.Count(BytesAfter)} bytes.";
    }

    /// <summary>What Get-MoaiPatternStore describes.</summary>
    public sealed class StoreInfo
    {
        public string Path { get; set; } = "";
        public StoreBackend Backend { get; set; }
        public long Count { get; set; }
        public Dictionary<PatternType, long> CountByType { get; set; } = new Dictionary<PatternType, long>();
        public DateTimeOffset? Oldest { get; set; }
        public DateTimeOffset? Newest { get; set; }
        public long SizeBytes { get; set; }

        /// <summary>"'/x' (Sqlite): 4 pattern(s) (TaskCompletion=1, ErrorOccurrence=3), 2024-05-01 .. 2024-05-02, 98,304 bytes."</summary>
        public override string ToString()
        {
            var byType = CountByType.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key).Select(kv => kv.Key + "=" + ResultText.Count(kv.Value)).ToList();
            return $"'{Path}' ({Backend}): {ResultText.Count(Count)} pattern(s)"
                + (byType.Count > 0 ? " (" + string.Join(", ", byType) + ")" : "")
                + (Oldest != null && Newest != null ? $", {ResultText.Instant(Oldest.Value)} .. {ResultText.Instant(Newest.Value)}" : "")
                + $", {ResultText.Count(SizeBytes)} bytes.";
        }
    }

    /// <summary>What Repair-MoaiPatternStore found and did.</summary>
    public sealed class RepairResult
    {
        public string Store { get; set; } = "";
        public StoreBackend Backend { get; set; }
        public bool WhatIf { get; set; }
        public bool Healthy => Problems.Count == 0;
        /// <summary>One line per problem found, naming the file or object.</summary>
        public List<string> Problems { get; set; } = new List<string>();
        /// <summary>One line per action taken (or, with WhatIf, that would be taken).</summary>
        public List<string> Actions { get; set; } = new List<string>();
        public long PatternCount { get; set; }
        public TimeSpan Duration { get; set; }

        /// <summary>"'/x' (FileSystem) is healthy: 120 pattern(s)." or "'/x' (FileSystem): 2 problem(s), 2 action(s) taken; first: …"</summary>
        public override string ToString()
        {
            if (Healthy) return $"'{Store}' ({Backend}) is healthy: {ResultText.Count(PatternCount)} pattern(s).";
            var actions = $"{Actions.Count} action(s) {(WhatIf ? "would be taken" : "taken")}";
            return $"'{Store}' ({Backend}): {Problems.Count} problem(s), {actions}; first: {Problems[0]}";
        }
    }

    /// <summary>The invariant renderings the result ToString overrides share (logs must not depend on the culture).</summary>
    internal static class ResultText
    {
        public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

        public static string Instant(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
