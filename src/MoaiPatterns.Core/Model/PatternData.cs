using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MoaiPatterns.Serialization;

namespace MoaiPatterns
{
    /// <summary>The type-specific payload of a pattern (the seed's <c>data</c>).</summary>
    public abstract class PatternData
    {
        /// <summary>Fields the schema does not know; kept verbatim on a round trip.</summary>
        [JsonExtensionData] public JsonFields? AdditionalProperties { get; set; }

        /// <summary>The pattern type this payload belongs to.</summary>
        [JsonIgnore] public abstract PatternType PatternType { get; }

        /// <summary>data.agent or data.agent_type; for types without one, an extra <c>agent</c> field if present.</summary>
        [JsonIgnore] public virtual string? AgentName => ExtraString("agent") ?? ExtraString("agent_type");

        /// <summary>A one-line description for a terminal.</summary>
        public abstract string GetSummary();

        /// <summary>The seed's JSON of the payload, compact: what a log line or a CSV cell shows.</summary>
        public override string ToString() => PatternJson.DataToJson(this);

        protected string? ExtraString(string name) =>
            AdditionalProperties != null && AdditionalProperties.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() : null;

        internal static string FormatDuration(long? ms)
        {
            if (ms == null) return string.Empty;
            return ms.Value < 1000
                ? ms.Value.ToString(CultureInfo.InvariantCulture) + " ms"
                : (ms.Value / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";
        }

        internal static string OneLine(string? text, int max = 100)
        {
            if (string.IsNullOrEmpty(text)) return string.Empty;
            var s = text!;
            var nl = s.IndexOfAny(new[] { '\r', '\n' });
            if (nl >= 0) s = s.Substring(0, nl);
            s = s.Trim();
            return s.Length > max ? s.Substring(0, max - 1) + "\u2026" : s;
        }

        internal static string Join(params string?[] parts)
        {
            var list = new List<string>();
            foreach (var p in parts) if (!string.IsNullOrEmpty(p)) list.Add(p!);
            return string.Join(" ", list);
        }
    }

    // The typed fields mirror the seed's TypedDicts one for one, in the order the seed writes them; their
    // rules are Validation/PatternSchema.cs, which is bound to these properties by JSON name (a field in one
    // and not the other fails at type initialization). Fields the seed types Optional[...] keep a JSON null
    // they were read with (JsonField), so a pattern the seed wrote with "resolution": null round-trips.

    /// <summary>A task an agent finished (<c>task_completion</c>).</summary>
    public sealed class TaskCompletionData : PatternData
    {
        [JsonPropertyName("task_type")] public string? TaskType { get; set; }
        [JsonPropertyName("agent")] public string? Agent { get; set; }
        [JsonPropertyName("duration_ms")] public long? DurationMs { get; set; }
        [JsonPropertyName("success")] public bool? Success { get; set; }
        [JsonPropertyName("files_created")] public long? FilesCreated { get; set; }
        /// <summary>How many files were modified (a count, as the seed's <c>files_modified: int</c>).</summary>
        [JsonPropertyName("files_modified")] public long? FilesModified { get; set; }
        [JsonPropertyName("tests_passed")] public long? TestsPassed { get; set; }
        [JsonPropertyName("tests_failed")] public long? TestsFailed { get; set; }
        [JsonPropertyName("lines_of_code")] public long? LinesOfCode { get; set; }
        [JsonIgnore] public double? CoveragePercent { get => _coveragePercent?.Value; set => _coveragePercent = JsonFloat.From(value); }
        // Keeps 12 vs 12.0 as written (Python int vs float) so a round trip is exact.
        [JsonInclude, JsonPropertyName("coverage_percent")] internal JsonFloat? CoveragePercentJson { get => _coveragePercent; set => _coveragePercent = value; }
        private JsonFloat? _coveragePercent;
        [JsonPropertyName("retry_count")] public long? RetryCount { get; set; }
        /// <summary>The error, when the task failed.</summary>
        [JsonIgnore] public string? ErrorMessage { get => JsonField.Get(_errorMessage); set => _errorMessage = JsonField.From(value); }
        [JsonInclude, JsonPropertyName("error_message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        internal JsonField<string> ErrorMessageJson { get => _errorMessage; set => _errorMessage = value; }
        private JsonField<string> _errorMessage;

        [JsonIgnore] public override PatternType PatternType => PatternType.TaskCompletion;
        [JsonIgnore] public override string? AgentName => Agent;
        public override string GetSummary() => Join(TaskType, Success == true ? "ok" : Success == false ? "FAILED" : null, FormatDuration(DurationMs));
    }

    /// <summary>An error an agent hit, and how it was resolved (<c>error_occurrence</c>).</summary>
    public sealed class ErrorOccurrenceData : PatternData
    {
        [JsonPropertyName("error_type")] public string? ErrorType { get; set; }
        [JsonPropertyName("error_message")] public string? ErrorMessage { get; set; }
        [JsonPropertyName("stack_trace")] public string? StackTrace { get; set; }
        [JsonPropertyName("file_path")] public string? FilePath { get; set; }
        [JsonPropertyName("line_number")] public long? LineNumber { get; set; }
        /// <summary>The function or method where the error occurred.</summary>
        [JsonIgnore] public string? FunctionName { get => JsonField.Get(_functionName); set => _functionName = JsonField.From(value); }
        [JsonInclude, JsonPropertyName("function_name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        internal JsonField<string> FunctionNameJson { get => _functionName; set => _functionName = value; }
        private JsonField<string> _functionName;
        /// <summary>How the error was resolved.</summary>
        [JsonIgnore] public string? Resolution { get => JsonField.Get(_resolution); set => _resolution = JsonField.From(value); }
        [JsonInclude, JsonPropertyName("resolution"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        internal JsonField<string> ResolutionJson { get => _resolution; set => _resolution = value; }
        private JsonField<string> _resolution;
        /// <summary>Milliseconds until it was resolved.</summary>
        [JsonIgnore] public long? ResolutionTimeMs { get => JsonField.Get(_resolutionTimeMs); set => _resolutionTimeMs = JsonField.From(value); }
        [JsonInclude, JsonPropertyName("resolution_time_ms"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        internal JsonField<long> ResolutionTimeMsJson { get => _resolutionTimeMs; set => _resolutionTimeMs = value; }
        private JsonField<long> _resolutionTimeMs;
        [JsonPropertyName("auto_resolved")] public bool? AutoResolved { get; set; }
        [JsonPropertyName("user_intervention")] public bool? UserIntervention { get; set; }
        [JsonPropertyName("similar_errors_count")] public long? SimilarErrorsCount { get; set; }

        [JsonIgnore] public override PatternType PatternType => PatternType.ErrorOccurrence;
        public override string GetSummary() => OneLine(ErrorType + ": " + ErrorMessage);
    }

    /// <summary>One use of an agent (<c>agent_usage</c>).</summary>
    public sealed class AgentUsageData : PatternData
    {
        [JsonPropertyName("agent_type")] public string? AgentType { get; set; }
        [JsonPropertyName("task_type")] public string? TaskType { get; set; }
        [JsonPropertyName("success")] public bool? Success { get; set; }
        [JsonPropertyName("duration_ms")] public long? DurationMs { get; set; }
        [JsonPropertyName("retry_count")] public long? RetryCount { get; set; }
        [JsonPropertyName("tools_used")] public string[]? ToolsUsed { get; set; }
        /// <summary>How many files the agent accessed (a count, as the seed's <c>files_accessed: int</c>).</summary>
        [JsonPropertyName("files_accessed")] public long? FilesAccessed { get; set; }
        [JsonPropertyName("api_calls")] public long? ApiCalls { get; set; }
        [JsonPropertyName("tokens_used")] public long? TokensUsed { get; set; }
        [JsonIgnore] public double? MemoryMb { get => JsonField.Get(_memoryMb); set => _memoryMb = JsonField.From(value); }
        // Keeps 12 vs 12.0 as written (Python int vs float) so a round trip is exact.
        [JsonInclude, JsonPropertyName("memory_mb"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        internal JsonField<JsonFloat> MemoryMbJson { get => _memoryMb; set => _memoryMb = value; }
        private JsonField<JsonFloat> _memoryMb;
        [JsonIgnore] public double? CpuPercent { get => JsonField.Get(_cpuPercent); set => _cpuPercent = JsonField.From(value); }
        // Keeps 12 vs 12.0 as written (Python int vs float) so a round trip is exact.
        [JsonInclude, JsonPropertyName("cpu_percent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        internal JsonField<JsonFloat> CpuPercentJson { get => _cpuPercent; set => _cpuPercent = value; }
        private JsonField<JsonFloat> _cpuPercent;
        [JsonPropertyName("parallel_tasks")] public long? ParallelTasks { get; set; }

        [JsonIgnore] public override PatternType PatternType => PatternType.AgentUsage;
        [JsonIgnore] public override string? AgentName => AgentType;
        public override string GetSummary() => Join(TaskType, Success == true ? "ok" : Success == false ? "FAILED" : null, FormatDuration(DurationMs),
            TokensUsed == null ? null : TokensUsed.Value.ToString(CultureInfo.InvariantCulture) + " tokens");
    }

    /// <summary>A correction a person made to an agent's output (<c>user_correction</c>).</summary>
    public sealed class UserCorrectionData : PatternData
    {
        [JsonPropertyName("original_output")] public string? OriginalOutput { get; set; }
        [JsonPropertyName("corrected_output")] public string? CorrectedOutput { get; set; }
        [JsonPropertyName("correction_type")] public string? CorrectionType { get; set; }
        [JsonPropertyName("agent")] public string? Agent { get; set; }
        /// <summary>The task the corrected output belonged to.</summary>
        [JsonPropertyName("task_type")] public string? TaskType { get; set; }
        /// <summary>e.g. code_quality, security, performance.</summary>
        [JsonPropertyName("correction_category")] public string? CorrectionCategory { get; set; }
        /// <summary>minor, moderate or critical.</summary>
        [JsonPropertyName("severity")] public string? Severity { get; set; }
        [JsonIgnore] public string? UserFeedback { get => JsonField.Get(_userFeedback); set => _userFeedback = JsonField.From(value); }
        [JsonInclude, JsonPropertyName("user_feedback"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        internal JsonField<string> UserFeedbackJson { get => _userFeedback; set => _userFeedback = value; }
        private JsonField<string> _userFeedback;
        /// <summary>The existing pattern that should have prevented this correction (its id or name; the seed's <c>Optional[str]</c>).</summary>
        [JsonIgnore] public string? PatternMatched { get => JsonField.Get(_patternMatched); set => _patternMatched = JsonField.From(value); }
        [JsonInclude, JsonPropertyName("pattern_matched"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        internal JsonField<string> PatternMatchedJson { get => _patternMatched; set => _patternMatched = value; }
        private JsonField<string> _patternMatched;

        [JsonIgnore] public override PatternType PatternType => PatternType.UserCorrection;
        [JsonIgnore] public override string? AgentName => Agent;
        public override string GetSummary() => OneLine(Join(CorrectionType, Severity == null ? null : "(" + Severity + "):",
            string.IsNullOrEmpty(UserFeedback) ? OneLine(OriginalOutput, 40) + " -> " + OneLine(CorrectedOutput, 40) : UserFeedback));
    }
}
