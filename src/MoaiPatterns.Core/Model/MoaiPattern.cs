using System;
using System.Collections.Generic;
using System.Text.Json;

namespace MoaiPatterns
{
    /// <summary>
    /// One structured record left behind by an AI coding agent. Serialized as the seed's JSON
    /// (snake_case keys) by <see cref="Serialization.PatternJson"/>.
    /// </summary>
    public sealed class MoaiPattern
    {
        public const string CurrentVersion = "1.0";

        public MoaiPattern(string patternId, PatternType patternType, DateTimeOffset timestamp, PatternData data, PatternContext? context = null)
        {
            PatternId = patternId ?? throw new ArgumentNullException(nameof(patternId));
            PatternType = patternType;
            Timestamp = timestamp;
            Data = data ?? throw new ArgumentNullException(nameof(data));
            Context = context ?? new PatternContext();
        }

        public string PatternId { get; set; }

        public PatternType PatternType { get; set; }

        /// <summary>When the pattern happened; the offset it was written with is kept.</summary>
        public DateTimeOffset Timestamp { get => _timestamp; set { _timestamp = value; TimestampText = null; } }

        private DateTimeOffset _timestamp;

        /// <summary>The text the timestamp was read from, written back verbatim while Timestamp is unchanged ("Z" stays "Z").</summary>
        internal string? TimestampText { get; set; }

        /// <summary>Type-specific payload: one of the four <see cref="PatternData"/> classes.</summary>
        public PatternData Data { get; set; }

        public PatternContext Context { get; set; }

        public string Version { get; set; } = CurrentVersion;

        /// <summary>Root fields the schema does not know; kept verbatim on a round trip.</summary>
        public IDictionary<string, JsonElement> AdditionalProperties { get; set; } = new JsonFields();

        /// <summary>Context.Tags (read-only, never null); its text is the tags joined by commas.</summary>
        public TagList Tags => Context?.Tags is { Length: > 0 } tags ? new TagList(tags) : TagList.Empty;

        /// <summary>data.agent or data.agent_type.</summary>
        public string? Agent => Data?.AgentName;

        /// <summary>One line for a terminal, e.g. "TypeError: unsupported operand…" or "code_generation ok 2.5 s".</summary>
        public string Summary => Data?.GetSummary() ?? string.Empty;

        public override string ToString() => PatternId;
    }
}
