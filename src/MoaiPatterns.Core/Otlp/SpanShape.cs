using System;

namespace MoaiPatterns.Otlp
{
    /// <summary>What differs per pattern type in a span: its name, duration, status, event and type-specific attributes.</summary>
    internal abstract class SpanShape
    {
        public const string InvokeAgent = "invoke_agent";

        public abstract string Name { get; }
        public virtual long? DurationMs => null;
        public virtual bool Failed => false;
        public virtual string? StatusMessage => null;
        /// <summary>The name of the one event the span carries, or null.</summary>
        public virtual string? Event => null;
        public abstract void WriteAttributes(OtlpAttributeWriter a);
        public virtual void WriteEventAttributes(OtlpAttributeWriter a) { }

        public static SpanShape Of(PatternData data)
        {
            switch (data)
            {
                case TaskCompletionData t: return new TaskSpan(t);
                case AgentUsageData u: return new UsageSpan(u);
                case ErrorOccurrenceData e: return new ErrorSpan(e);
                case UserCorrectionData c: return new CorrectionSpan(c);
                default: throw new ArgumentException("Unknown pattern data: " + data?.GetType().Name, nameof(data));
            }
        }

        /// <summary>"invoke_agent coder", or "invoke_agent" without an agent (the convention's span name).</summary>
        protected static string AgentSpanName(string? agent) => string.IsNullOrEmpty(agent) ? InvokeAgent : InvokeAgent + " " + agent;

        /// <summary>A failed run without a message of its own: <c>error.type</c> takes the convention's fallback value.</summary>
        protected const string OtherError = "_OTHER";

        private sealed class TaskSpan : SpanShape
        {
            private readonly TaskCompletionData _d;
            public TaskSpan(TaskCompletionData d) => _d = d;
            public override string Name => AgentSpanName(_d.Agent);
            public override long? DurationMs => _d.DurationMs;
            public override bool Failed => _d.Success == false;
            public override string? StatusMessage => _d.ErrorMessage ?? "task failed";

            public override void WriteAttributes(OtlpAttributeWriter a)
            {
                a.String("gen_ai.operation.name", InvokeAgent);
                a.String("gen_ai.agent.name", _d.Agent);
                if (Failed) a.String("error.type", OtherError);
                a.String("moai.task_type", _d.TaskType);
                a.String("moai.agent", _d.Agent);
                a.Int("moai.duration_ms", _d.DurationMs);
                a.Bool("moai.success", _d.Success);
                a.Int("moai.files_created", _d.FilesCreated);
                a.Int("moai.files_modified", _d.FilesModified);
                a.Int("moai.tests_passed", _d.TestsPassed);
                a.Int("moai.tests_failed", _d.TestsFailed);
                a.Int("moai.lines_of_code", _d.LinesOfCode);
                a.Double("moai.coverage_percent", _d.CoveragePercent);
                a.Int("moai.retry_count", _d.RetryCount);
                a.String("moai.error_message", _d.ErrorMessage);
            }
        }

        private sealed class UsageSpan : SpanShape
        {
            private readonly AgentUsageData _d;
            public UsageSpan(AgentUsageData d) => _d = d;
            public override string Name => AgentSpanName(_d.AgentType);
            public override long? DurationMs => _d.DurationMs;
            public override bool Failed => _d.Success == false;
            public override string? StatusMessage => "agent run failed";

            public override void WriteAttributes(OtlpAttributeWriter a)
            {
                a.String("gen_ai.operation.name", InvokeAgent);
                a.String("gen_ai.agent.name", _d.AgentType);
                // The seed records one total; the conventions name input and output tokens only, so the total
                // goes where the GenAI tools that read totals (Sentry, Langfuse) look for it.
                a.Int("gen_ai.usage.total_tokens", _d.TokensUsed);
                if (Failed) a.String("error.type", OtherError);
                a.String("moai.agent_type", _d.AgentType);
                a.String("moai.task_type", _d.TaskType);
                a.Bool("moai.success", _d.Success);
                a.Int("moai.duration_ms", _d.DurationMs);
                a.Int("moai.retry_count", _d.RetryCount);
                a.Strings("moai.tools_used", _d.ToolsUsed);
                a.Int("moai.files_accessed", _d.FilesAccessed);
                a.Int("moai.api_calls", _d.ApiCalls);
                a.Int("moai.tokens_used", _d.TokensUsed);
                a.Double("moai.memory_mb", _d.MemoryMb);
                a.Double("moai.cpu_percent", _d.CpuPercent);
                a.Int("moai.parallel_tasks", _d.ParallelTasks);
            }
        }

        private sealed class ErrorSpan : SpanShape
        {
            private readonly ErrorOccurrenceData _d;
            public ErrorSpan(ErrorOccurrenceData d) => _d = d;
            public override string Name => string.IsNullOrEmpty(_d.ErrorType) ? "error" : "error " + _d.ErrorType;
            public override bool Failed => true;
            public override string? StatusMessage => _d.ErrorMessage;
            public override string? Event => "exception";

            public override void WriteAttributes(OtlpAttributeWriter a)
            {
                a.String("error.type", _d.ErrorType);
                a.String("gen_ai.agent.name", _d.AgentName);
                a.String("code.file.path", _d.FilePath);
                a.Int("code.line.number", _d.LineNumber);
                a.String("code.function.name", _d.FunctionName);
                a.String("moai.error_type", _d.ErrorType);
                a.String("moai.error_message", _d.ErrorMessage);
                a.String("moai.file_path", _d.FilePath);
                a.Int("moai.line_number", _d.LineNumber);
                a.String("moai.function_name", _d.FunctionName);
                a.String("moai.resolution", _d.Resolution);
                a.Int("moai.resolution_time_ms", _d.ResolutionTimeMs);
                a.Bool("moai.auto_resolved", _d.AutoResolved);
                a.Bool("moai.user_intervention", _d.UserIntervention);
                a.Int("moai.similar_errors_count", _d.SimilarErrorsCount);
            }

            public override void WriteEventAttributes(OtlpAttributeWriter a)
            {
                a.String("exception.type", _d.ErrorType);
                a.String("exception.message", _d.ErrorMessage);
                a.String("exception.stacktrace", _d.StackTrace);
            }
        }

        private sealed class CorrectionSpan : SpanShape
        {
            public const string EventName = "moai.user_correction";
            private readonly UserCorrectionData _d;
            public CorrectionSpan(UserCorrectionData d) => _d = d;
            public override string Name => string.IsNullOrEmpty(_d.CorrectionType) ? "user_correction" : "user_correction " + _d.CorrectionType;
            public override string? Event => EventName;

            public override void WriteAttributes(OtlpAttributeWriter a)
            {
                a.String("gen_ai.agent.name", _d.Agent);
                a.String("moai.agent", _d.Agent);
                a.String("moai.task_type", _d.TaskType);
                a.String("moai.correction_type", _d.CorrectionType);
                a.String("moai.correction_category", _d.CorrectionCategory);
                a.String("moai.severity", _d.Severity);
                a.String("moai.pattern_matched", _d.PatternMatched);
            }

            public override void WriteEventAttributes(OtlpAttributeWriter a)
            {
                a.String("moai.correction_type", _d.CorrectionType);
                a.String("moai.severity", _d.Severity);
                a.String("moai.original_output", _d.OriginalOutput);
                a.String("moai.corrected_output", _d.CorrectedOutput);
                a.String("moai.user_feedback", _d.UserFeedback);
            }
        }
    }
}
