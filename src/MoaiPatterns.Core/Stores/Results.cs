using System;
using System.Collections.Generic;

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
    }
}
