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
        /// <summary>1-128 of letters, digits, '-', '_', '.', never "." or "..".</summary>
        PatternId,
        /// <summary>One of the four type names.</summary>
        PatternType,
    }

    /// <summary>Which object of a pattern a field belongs to.</summary>
    internal enum FieldSection
    {
        Root,
        Data,
        Context,
    }

    /// <summary>One known field of the seed's schema and its constraints.</summary>
    internal sealed class FieldSpec
    {
        public FieldSpec(string name, FieldKind kind, bool required = false, bool nullable = false, double? min = null, double? max = null,
            string[]? allowed = null, string? expected = null)
        {
            if (required && nullable) throw new ArgumentException("A required field cannot be nullable.", nameof(nullable));
            Name = name;
            Kind = kind;
            Required = required;
            Nullable = nullable;
            Min = min;
            Max = max;
            Allowed = allowed;
            Expected = expected;
            Path = name;
        }

        public string Name { get; }
        public FieldKind Kind { get; }
        public bool Required { get; }
        /// <summary>JSON null is a value (the seed's <c>Optional[...]</c>); otherwise null is only allowed by leaving the field out.</summary>
        public bool Nullable { get; }
        public double? Min { get; }
        public double? Max { get; }
        /// <summary>For strings: the only values accepted (case-sensitive, as the seed).</summary>
        public string[]? Allowed { get; }
        /// <summary>What a wrong type is told to give instead, when the kind's own words do not fit.</summary>
        public string? Expected { get; }

        public FieldSection Section { get; private set; }

        /// <summary>The dotted path reported in errors, e.g. <c>data.duration_ms</c>.</summary>
        public string Path { get; private set; }

        /// <summary>Reads the field from the typed model, as it is written (bound by <see cref="TypedAccessors"/>).</summary>
        internal Func<object, FieldValue>? Read { get; set; }

        /// <summary>Sets the field on the typed model from a plain .NET value (bound by <see cref="TypedAccessors"/>); false when
        /// the value is not one the direct path takes (<see cref="Input.ClrFieldValues"/>), and the input takes the tree path.</summary>
        internal Input.FieldWriter? Write { get; set; }

        internal static FieldSpec[] In(FieldSection section, params FieldSpec[] specs)
        {
            foreach (var spec in specs)
            {
                spec.Section = section;
                spec.Path = section == FieldSection.Data ? "data." + spec.Name : section == FieldSection.Context ? "context." + spec.Name : spec.Name;
            }
            return specs;
        }
    }

    /// <summary>
    /// The seed's fields: the one table of rules. The JSON-tree validator and the typed validator both walk it
    /// (<see cref="FieldRules"/>); each data and context field is bound by JSON name to its property in
    /// Model/PatternData.cs and PatternContext.cs, and a field in one but not the other fails at type
    /// initialization; input conversion normalizes keys to its snake_case names. Nullable marks the seed's
    /// <c>Optional[...]</c> fields whose None the seed accepts (its validator refuses None only for coverage_percent).
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

        public static readonly FieldSpec IdSpec = new FieldSpec(PatternId, FieldKind.PatternId, required: true);
        public static readonly FieldSpec TypeSpec = new FieldSpec(PatternTypeField, FieldKind.PatternType, required: true);
        public static readonly FieldSpec TimestampSpec = new FieldSpec(Timestamp, FieldKind.Timestamp, required: true);
        public static readonly FieldSpec DataSpec = new FieldSpec(Data, FieldKind.Object, required: true, expected: "an object holding the type's fields");
        public static readonly FieldSpec ContextSpec = new FieldSpec(Context, FieldKind.Object);
        public static readonly FieldSpec VersionSpec = new FieldSpec(Version, FieldKind.String);

        /// <summary>The root, in the order it is checked and written.</summary>
        public static readonly FieldSpec[] Root = FieldSpec.In(FieldSection.Root, IdSpec, TypeSpec, TimestampSpec, DataSpec, ContextSpec, VersionSpec);

        public static readonly string[] RootFields = Names(Root);

        public static readonly FieldSpec[] TaskCompletion = FieldSpec.In(FieldSection.Data,
            new FieldSpec("task_type", FieldKind.String, required: true),
            new FieldSpec("agent", FieldKind.String, required: true),
            new FieldSpec("duration_ms", FieldKind.Integer, required: true, min: 0),
            new FieldSpec("success", FieldKind.Boolean, required: true),
            new FieldSpec("files_created", FieldKind.Integer),
            new FieldSpec("files_modified", FieldKind.Integer),
            new FieldSpec("tests_passed", FieldKind.Integer),
            new FieldSpec("tests_failed", FieldKind.Integer),
            new FieldSpec("lines_of_code", FieldKind.Integer),
            new FieldSpec("coverage_percent", FieldKind.Float, min: 0, max: 100),
            new FieldSpec("retry_count", FieldKind.Integer),
            new FieldSpec("error_message", FieldKind.String, nullable: true));

        public static readonly FieldSpec[] ErrorOccurrence = FieldSpec.In(FieldSection.Data,
            new FieldSpec("error_type", FieldKind.String, required: true),
            new FieldSpec("error_message", FieldKind.String, required: true),
            new FieldSpec("stack_trace", FieldKind.String),
            new FieldSpec("file_path", FieldKind.String),
            new FieldSpec("line_number", FieldKind.Integer, min: 0),
            new FieldSpec("function_name", FieldKind.String, nullable: true),
            new FieldSpec("resolution", FieldKind.String, nullable: true),
            new FieldSpec("resolution_time_ms", FieldKind.Integer, nullable: true, min: 0),
            new FieldSpec("auto_resolved", FieldKind.Boolean),
            new FieldSpec("user_intervention", FieldKind.Boolean),
            new FieldSpec("similar_errors_count", FieldKind.Integer));

        public static readonly FieldSpec[] AgentUsage = FieldSpec.In(FieldSection.Data,
            new FieldSpec("agent_type", FieldKind.String, required: true),
            new FieldSpec("task_type", FieldKind.String, required: true),
            new FieldSpec("success", FieldKind.Boolean, required: true),
            new FieldSpec("duration_ms", FieldKind.Integer, required: true, min: 0),
            new FieldSpec("retry_count", FieldKind.Integer),
            new FieldSpec("tools_used", FieldKind.StringList),
            new FieldSpec("files_accessed", FieldKind.Integer),
            new FieldSpec("api_calls", FieldKind.Integer),
            new FieldSpec("tokens_used", FieldKind.Integer),
            new FieldSpec("memory_mb", FieldKind.Float, nullable: true),
            new FieldSpec("cpu_percent", FieldKind.Float, nullable: true),
            new FieldSpec("parallel_tasks", FieldKind.Integer));

        public static readonly FieldSpec[] UserCorrection = FieldSpec.In(FieldSection.Data,
            new FieldSpec("original_output", FieldKind.String, required: true),
            new FieldSpec("corrected_output", FieldKind.String, required: true),
            new FieldSpec("correction_type", FieldKind.String, required: true),
            new FieldSpec("agent", FieldKind.String, required: true),
            new FieldSpec("task_type", FieldKind.String),
            new FieldSpec("correction_category", FieldKind.String),
            new FieldSpec("severity", FieldKind.String, allowed: Severities),
            new FieldSpec("user_feedback", FieldKind.String, nullable: true),
            new FieldSpec("pattern_matched", FieldKind.String, nullable: true));

        public static readonly FieldSpec TagsSpec = new FieldSpec(Tags, FieldKind.StringList);

        public static readonly FieldSpec[] ContextFields = FieldSpec.In(FieldSection.Context,
            new FieldSpec("project_name", FieldKind.String),
            new FieldSpec("session_id", FieldKind.String),
            new FieldSpec("user_id", FieldKind.String, nullable: true),
            new FieldSpec("environment", FieldKind.String, allowed: Environments),
            new FieldSpec("git_branch", FieldKind.String, nullable: true),
            new FieldSpec("git_commit", FieldKind.String, nullable: true),
            new FieldSpec("timestamp", FieldKind.Timestamp),
            TagsSpec,
            new FieldSpec("metadata", FieldKind.Object));

        static PatternSchema()
        {
            // After the tables above: every data and context field gets its typed property's reader.
            TypedAccessors.Bind(typeof(TaskCompletionData), TaskCompletion);
            TypedAccessors.Bind(typeof(ErrorOccurrenceData), ErrorOccurrence);
            TypedAccessors.Bind(typeof(AgentUsageData), AgentUsage);
            TypedAccessors.Bind(typeof(UserCorrectionData), UserCorrection);
            TypedAccessors.Bind(typeof(PatternContext), ContextFields);
        }

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
        public static readonly string[] AllDataFieldNames = Names(TaskCompletion, ErrorOccurrence, AgentUsage, UserCorrection);

        public static readonly string[] ContextFieldNames = Names(ContextFields);

        private static string[] Names(params FieldSpec[][] lists)
        {
            var names = new List<string>();
            foreach (var list in lists)
                foreach (var f in list)
                    if (!names.Contains(f.Name)) names.Add(f.Name);
            return names.ToArray();
        }
    }
}
