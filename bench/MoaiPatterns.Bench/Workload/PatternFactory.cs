using System;
using System.Collections.Generic;

namespace MoaiPatterns.Bench.Workload
{
    /// <summary>Turns a workload row into the engine's typed pattern (what a caller of the engine API builds).</summary>
    public static class PatternFactory
    {
        public static MoaiPattern ToPattern(WorkloadRow row)
        {
            var f = new Dictionary<string, object>(row.Data.Count);
            foreach (var kv in row.Data) f[kv.Key] = kv.Value;
            PatternType type;
            PatternData data;
            switch (row.Type)
            {
                case "task_completion":
                    type = PatternType.TaskCompletion;
                    data = new TaskCompletionData
                    {
                        TaskType = (string)f["task_type"], Agent = (string)f["agent"], DurationMs = (long)f["duration_ms"],
                        Success = (bool)f["success"], FilesCreated = (long)f["files_created"], TestsPassed = (long)f["tests_passed"],
                        CoveragePercent = (double)f["coverage_percent"], RetryCount = (long)f["retry_count"],
                    };
                    break;
                case "error_occurrence":
                    type = PatternType.ErrorOccurrence;
                    data = new ErrorOccurrenceData
                    {
                        ErrorType = (string)f["error_type"], ErrorMessage = (string)f["error_message"], StackTrace = (string)f["stack_trace"],
                        FilePath = (string)f["file_path"], LineNumber = (long)f["line_number"], AutoResolved = (bool)f["auto_resolved"],
                        UserIntervention = (bool)f["user_intervention"], SimilarErrorsCount = (long)f["similar_errors_count"],
                    };
                    break;
                case "agent_usage":
                    type = PatternType.AgentUsage;
                    data = new AgentUsageData
                    {
                        AgentType = (string)f["agent_type"], TaskType = (string)f["task_type"], Success = (bool)f["success"],
                        DurationMs = (long)f["duration_ms"], ToolsUsed = (string[])f["tools_used"], TokensUsed = (long)f["tokens_used"],
                        MemoryMb = (double)f["memory_mb"], CpuPercent = (double)f["cpu_percent"],
                    };
                    break;
                case "user_correction":
                    type = PatternType.UserCorrection;
                    data = new UserCorrectionData
                    {
                        OriginalOutput = (string)f["original_output"], CorrectedOutput = (string)f["corrected_output"],
                        CorrectionType = (string)f["correction_type"], Agent = (string)f["agent"], Severity = (string)f["severity"],
                        UserFeedback = (string)f["user_feedback"],
                    };
                    break;
                default: throw new ArgumentException("Unknown type " + row.Type);
            }
            var context = new PatternContext { ProjectName = row.ProjectName, Environment = row.Environment, Tags = row.Tags };
            return new MoaiPattern(row.Id, type, row.Timestamp, data, context);
        }
    }
}
