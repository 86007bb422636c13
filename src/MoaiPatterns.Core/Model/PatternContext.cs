using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using MoaiPatterns.Serialization;

namespace MoaiPatterns
{
    /// <summary>Where and for whom a pattern was recorded (the seed's <c>context</c>).</summary>
    public sealed class PatternContext
    {
        [JsonPropertyName("project_name")] public string? ProjectName { get; set; }
        [JsonPropertyName("session_id")] public string? SessionId { get; set; }
        [JsonPropertyName("user_id")] public string? UserId { get; set; }
        /// <summary>development, staging or production.</summary>
        [JsonPropertyName("environment")] public string? Environment { get; set; }
        [JsonPropertyName("git_branch")] public string? GitBranch { get; set; }
        [JsonPropertyName("git_commit")] public string? GitCommit { get; set; }
        [JsonIgnore] public DateTimeOffset? Timestamp { get => _timestamp; set { _timestamp = value; _timestampText = null; } }

        // The text read from JSON, written back verbatim while Timestamp is unchanged ("Z" stays "Z").
        [JsonInclude, JsonPropertyName("timestamp")]
        internal string? TimestampJson
        {
            get => _timestampText ?? (_timestamp == null ? null : IsoTimestamp.Format(_timestamp.Value));
            set
            {
                if (value == null) { _timestamp = null; _timestampText = null; return; }
                if (!IsoTimestamp.TryParse(value, out var parsed)) throw new JsonException("context.timestamp is not an ISO 8601 timestamp.");
                _timestamp = parsed;
                _timestampText = IsoTimestamp.IsVerbatimKeepable(value) ? value : null;
            }
        }

        private DateTimeOffset? _timestamp;
        private string? _timestampText;
        [JsonPropertyName("tags")] public string[] Tags { get; set; } = Array.Empty<string>();
        [JsonPropertyName("metadata")] public Dictionary<string, JsonElement>? Metadata { get; set; }

        /// <summary>Fields the schema does not know; kept verbatim.</summary>
        [JsonExtensionData] public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
    }
}
