using System;
using System.Collections.Generic;

namespace MoaiPatterns.Validation
{
    /// <summary>The JSON kind a known field must have.</summary>
    internal enum FieldKind
    {
        String,
        Integer,
        Float,
        Boolean,
        StringList,
        Object,
        Timestamp,
    }

    /// <summary>One known field of the seed's schema and its constraints.</summary>
    internal sealed class FieldSpec
    {
        public FieldSpec(string name, FieldKind kind, bool required = false, double? min = null, double? max = null, string[]? allowed = null)
        {
            Name = name;
            Kind = kind;
            Required = required;
            Min = min;
            Max = max;
            Allowed = allowed;
        }

        public string Name { get; }
        public FieldKind Kind { get; }
        public bool Required { get; }
        public double? Min { get; }
        public double? Max { get; }
        /// <summary>For strings: the only values accepted (case-sensitive, as the seed).</summary>
        public string[]? Allowed { get; }
    }

    /// <summary>
    /// The seed's fields, one table mirroring Model/PatternData.cs and PatternContext.cs: the validator
    /// checks against it and input conversion normalizes keys to its snake_case names.
    /// </summary>
    internal static class PatternSchema
    {
        public const string PatternId = "pattern_id";
        public const string PatternTypeField = "pattern_type";
        public const string Timestamp = "timestamp";
        public const string Data = "data";
        public const string Context = "context";
        public const string Version = "version";
        public const string Tags = "tags";

        public static readonly string[] Severities = { "minor", "moderate", "critical" };
        public static readonly string[] Environments = { "development", "staging", "production" };

        public static readonly string[] RootFields = { PatternId, PatternTypeField, Timestamp, Data, Context, Version };

        public static readonly FieldSpec[] TaskCompletion =
        {
            new FieldSpec("task_type", FieldKind.String, required: true),
            new FieldSpec("agent", FieldKind.String, required: true),
            new FieldSpec("duration_ms", FieldKind.Integer, required: true, min: 0),
            new FieldSpec("success", FieldKind.Boolean, required: true),
            new FieldSpec("files_created", FieldKind.Integer),
            new FieldSpec("tests_passed", FieldKind.Integer),
            new FieldSpec("coverage_percent", FieldKind.Float, min: 0, max: 100),
            new FieldSpec("retry_count", FieldKind.Integer),
        };

        public static readonly FieldSpec[] ErrorOccurrence =
        {
            new FieldSpec("error_type", FieldKind.String, required: true),
            new FieldSpec("error_message", FieldKind.String, required: true),
            new FieldSpec("stack_trace", FieldKind.String),
            new FieldSpec("file_path", FieldKind.String),
            new FieldSpec("line_number", FieldKind.Integer, min: 0),
            new FieldSpec("auto_resolved", FieldKind.Boolean),
            new FieldSpec("user_intervention", FieldKind.Boolean),
            new FieldSpec("similar_errors_count", FieldKind.Integer),
        };

        public static readonly FieldSpec[] AgentUsage =
        {
            new FieldSpec("agent_type", FieldKind.String, required: true),
            new FieldSpec("task_type", FieldKind.String, required: true),
            new FieldSpec("success", FieldKind.Boolean, required: true),
            new FieldSpec("duration_ms", FieldKind.Integer, required: true, min: 0),
            new FieldSpec("tools_used", FieldKind.StringList),
            new FieldSpec("tokens_used", FieldKind.Integer),
            new FieldSpec("memory_mb", FieldKind.Float),
            new FieldSpec("cpu_percent", FieldKind.Float),
        };

        public static readonly FieldSpec[] UserCorrection =
        {
            new FieldSpec("original_output", FieldKind.String, required: true),
            new FieldSpec("corrected_output", FieldKind.String, required: true),
            new FieldSpec("correction_type", FieldKind.String, required: true),
            new FieldSpec("agent", FieldKind.String, required: true),
            new FieldSpec("severity", FieldKind.String, allowed: Severities),
            new FieldSpec("user_feedback", FieldKind.String),
        };

        public static readonly FieldSpec[] ContextFields =
        {
            new FieldSpec("project_name", FieldKind.String),
            new FieldSpec("session_id", FieldKind.String),
            new FieldSpec("user_id", FieldKind.String),
            new FieldSpec("environment", FieldKind.String, allowed: Environments),
            new FieldSpec("git_branch", FieldKind.String),
            new FieldSpec("git_commit", FieldKind.String),
            new FieldSpec("timestamp", FieldKind.Timestamp),
            new FieldSpec(Tags, FieldKind.StringList),
            new FieldSpec("metadata", FieldKind.Object),
        };

        public static FieldSpec[] DataFields(PatternType type)
        {
            switch (type)
            {
                case MoaiPatterns.PatternType.TaskCompletion: return TaskCompletion;
                case MoaiPatterns.PatternType.ErrorOccurrence: return ErrorOccurrence;
                case MoaiPatterns.PatternType.AgentUsage: return AgentUsage;
                case MoaiPatterns.PatternType.UserCorrection: return UserCorrection;
                default: throw new ArgumentOutOfRangeException(nameof(type));
            }
        }

        /// <summary>Every data field name of every type (input keys are normalized against these).</summary>
        public static readonly string[] AllDataFieldNames = Distinct(TaskCompletion, ErrorOccurrence, AgentUsage, UserCorrection);

        public static readonly string[] ContextFieldNames = Distinct(ContextFields);

        private static string[] Distinct(params FieldSpec[][] lists)
        {
            var names = new List<string>();
            foreach (var list in lists)
                foreach (var f in list)
                    if (!names.Contains(f.Name)) names.Add(f.Name);
            return names.ToArray();
        }
    }
}
