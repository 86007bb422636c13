using System;

namespace MoaiPatterns
{
    /// <summary>One suggestion of Find-MoaiResolution: a resolution that fixed similar errors before.</summary>
    public sealed class ResolutionSuggestion
    {
        public string Resolution { get; set; } = "";
        /// <summary>0–1, higher is better: how closely the best past error it fixed matches this one.</summary>
        public double Score { get; set; }
        /// <summary>How many of the similar past errors it resolved.</summary>
        public long Occurrences { get; set; }
        /// <summary>Share of those resolved automatically (0–1).</summary>
        public double AutoResolvedRate { get; set; }
        /// <summary>Nearest-rank median of their resolution_time_ms; null when none recorded one.</summary>
        public long? MedianResolutionTimeMs { get; set; }
        /// <summary>When it last resolved one of them (UTC).</summary>
        public DateTimeOffset LastUsed { get; set; }
        /// <summary>Type, template and group of the most similar past error it resolved.</summary>
        public string ErrorType { get; set; } = "";
        public string Template { get; set; } = "";
        public string Signature { get; set; } = "";
        /// <summary>Up to three of those past errors, most similar first.</summary>
        public string[] ExampleIds { get; set; } = new string[0];

        public override string ToString() => Resolution;
    }
}
