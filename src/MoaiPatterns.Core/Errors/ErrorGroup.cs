using System;

namespace MoaiPatterns
{
    /// <summary>One error group of Group-MoaiError: errors of one type whose messages differ only in masked parts.</summary>
    public sealed class ErrorGroup
    {
        /// <summary>Stable short id of the group (hash of type and template; the same on every run, machine and backend).</summary>
        public string Signature { get; set; } = "";
        public string ErrorType { get; set; } = "";
        /// <summary>The message with its variable parts masked (&lt;num&gt;, &lt;str&gt;, &lt;path&gt;, &lt;url&gt;, &lt;hex&gt;, &lt;guid&gt;, &lt;time&gt;).</summary>
        public string Template { get; set; } = "";
        public long Count { get; set; }
        public DateTimeOffset FirstSeen { get; set; }
        public DateTimeOffset LastSeen { get; set; }
        /// <summary>Distinct agents (folded), ordinal order.</summary>
        public string[] Agents { get; set; } = new string[0];
        /// <summary>Distinct data.file_path values, ordinal order.</summary>
        public string[] Files { get; set; } = new string[0];
        /// <summary>The resolutions recorded for the group's errors, most used first.</summary>
        public ErrorGroupResolution[] Resolutions { get; set; } = new ErrorGroupResolution[0];
        /// <summary>Up to five pattern ids of the group, newest first.</summary>
        public string[] SampleIds { get; set; } = new string[0];

        public override string ToString() => Signature + " " + ErrorType + ": " + Template;
    }

    /// <summary>One resolution recorded in an error group.</summary>
    public sealed class ErrorGroupResolution
    {
        public string Resolution { get; set; } = "";
        /// <summary>How many of the group's errors it resolved.</summary>
        public long Count { get; set; }
        /// <summary>How many of those were resolved automatically (data.auto_resolved true).</summary>
        public long AutoResolved { get; set; }
        /// <summary>Nearest-rank median of data.resolution_time_ms; null when none recorded one.</summary>
        public long? MedianResolutionTimeMs { get; set; }

        public override string ToString() => Resolution + " (" + Count + ")";
    }
}
