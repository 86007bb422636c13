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
        // user_id, git_branch and git_commit are Optional[str] in the seed: a JSON null they were read with is kept.
        [JsonIgnore] public string? UserId { get => JsonField.Get(_userId); set => _userId = JsonField.From(value); }
        [JsonInclude, JsonPropertyName("user_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        internal JsonField<string> UserIdJson { get => _userId; set => _userId = value; }
        private JsonField<string> _userId;
        /// <summary>development, staging or production.</summary>
        [JsonPropertyName("environment")] public string? Environment { get; set; }
        [JsonIgnore] public string? GitBranch { get => JsonField.Get(_gitBranch); set => _gitBranch = JsonField.From(value); }
        [JsonInclude, JsonPropertyName("git_branch"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        internal JsonField<string> GitBranchJson { get => _gitBranch; set => _gitBranch = value; }
        private JsonField<string> _gitBranch;
        [JsonIgnore] public string? GitCommit { get => JsonField.Get(_gitCommit); set => _gitCommit = JsonField.From(value); }
        [JsonInclude, JsonPropertyName("git_commit"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        internal JsonField<string> GitCommitJson { get => _gitCommit; set => _gitCommit = value; }
        private JsonField<string> _gitCommit;
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
        [JsonPropertyName("metadata")] public JsonFields? Metadata { get; set; }

        /// <summary>The seed's JSON of the context, compact: what a log line or a CSV cell shows.</summary>
        public override string ToString() => PatternJson.ContextToJson(this);

        /// <summary>Fields the schema does not know; kept verbatim.</summary>
        [JsonExtensionData] public JsonFields? AdditionalProperties { get; set; }
    }
}
