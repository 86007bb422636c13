using System.Text.Json.Nodes;

namespace MoaiPatterns.Tests.Schema
{
    /// <summary>Patterns exactly as the original Python system wrote them (copied from its reference store).</summary>
    internal static class SeedExamples
    {
        public const string TaskCompletion = @"{
  ""pattern_id"": ""d23f0824128b2f330c5c7fd0a6a3a450"",
  ""pattern_type"": ""task_completion"",
  ""timestamp"": ""2025-11-29T11:39:51+00:00"",
  ""data"": {
    ""task_type"": ""code_generation"",
    ""agent"": ""expert-backend"",
    ""duration_ms"": 100,
    ""success"": false,
    ""files_created"": 0,
    ""tests_passed"": 0,
    ""coverage_percent"": 50.0,
    ""retry_count"": 0
  },
  ""context"": {
    ""project_name"": ""moai-adk"",
    ""environment"": ""development"",
    ""tags"": [
      ""auth""
    ]
  },
  ""version"": ""1.0""
}";

        public const string ErrorOccurrence = @"{
  ""pattern_id"": ""36f675cc81e74ef5e8e25d940ed90475"",
  ""pattern_type"": ""error_occurrence"",
  ""timestamp"": ""2025-11-29T00:25:54Z"",
  ""data"": {
    ""error_type"": ""KeyError"",
    ""error_message"": ""failure number 1 in handler"",
    ""stack_trace"": ""Traceback (most recent call last):\n  File \""app.py\"", line 42"",
    ""file_path"": ""app.py"",
    ""line_number"": 1,
    ""auto_resolved"": false,
    ""user_intervention"": false,
    ""similar_errors_count"": 1
  },
  ""context"": {
    ""project_name"": ""moai-adk"",
    ""environment"": ""staging"",
    ""tags"": [
      ""api"",
      ""security""
    ]
  },
  ""version"": ""1.0""
}";

        public const string AgentUsage = @"{
  ""pattern_id"": ""6cad4a268d116ece1738f7d93d9c1724"",
  ""pattern_type"": ""agent_usage"",
  ""timestamp"": ""2025-11-28T22:57:55+09:00"",
  ""data"": {
    ""agent_type"": ""workflow-tdd"",
    ""task_type"": ""api_implementation"",
    ""success"": true,
    ""duration_ms"": 1002,
    ""tools_used"": [
      ""Read""
    ],
    ""tokens_used"": 1022,
    ""memory_mb"": 102.5,
    ""cpu_percent"": 12
  },
  ""context"": {
    ""project_name"": ""moai-adk"",
    ""environment"": ""production"",
    ""tags"": [
      ""auth"",
      ""testing"",
      ""backend""
    ]
  },
  ""version"": ""1.0""
}";

        public const string UserCorrection = @"{
  ""pattern_id"": ""a170b33839263059f28c105d1fb17c23"",
  ""pattern_type"": ""user_correction"",
  ""timestamp"": ""2025-11-28T02:56:08+00:00"",
  ""data"": {
    ""original_output"": ""x = 3"",
    ""corrected_output"": ""x: int = 3"",
    ""correction_type"": ""type_safety"",
    ""agent"": ""code-reviewer"",
    ""severity"": ""minor"",
    ""user_feedback"": ""add a type hint""
  },
  ""context"": {
    ""project_name"": ""moai-adk"",
    ""environment"": ""development"",
    ""tags"": [
      ""security""
    ]
  },
  ""version"": ""1.0""
}";

        public const string TaskCompletionFractional = @"{
  ""pattern_id"": ""f9ebdacc0cb1e29c658cda1495e60af5"",
  ""pattern_type"": ""task_completion"",
  ""timestamp"": ""2025-11-27T15:19:23Z"",
  ""data"": {
    ""task_type"": ""code_generation"",
    ""agent"": ""expert-backend"",
    ""duration_ms"": 248,
    ""success"": true,
    ""files_created"": 1,
    ""tests_passed"": 4,
    ""coverage_percent"": 53.6,
    ""retry_count"": 0
  },
  ""context"": {
    ""project_name"": ""moai-adk"",
    ""environment"": ""staging"",
    ""tags"": [
      ""backend"",
      ""security""
    ]
  },
  ""version"": ""1.0""
}";

        public static readonly string[] All = { TaskCompletion, ErrorOccurrence, AgentUsage, UserCorrection, TaskCompletionFractional };

        // Patterns with every field of the seed's TypedDicts (moai_flow/patterns/schema.py), shaped as the seed's
        // own benchmark workload writes them: files_modified and files_accessed are counts, the Optional[...]
        // fields may be null ("resolution": None), keys in the workload's order.

        public const string TaskCompletionEveryField = @"{
  ""pattern_id"": ""5b9d6c1e-2f4a-4c8e-9a1b-0d3e5f7a9c21"",
  ""pattern_type"": ""task_completion"",
  ""timestamp"": ""2025-10-02T08:14:03.512345+00:00"",
  ""data"": {
    ""task_type"": ""bug_fix"",
    ""agent"": ""expert-backend"",
    ""duration_ms"": 48213,
    ""success"": false,
    ""files_created"": 2,
    ""files_modified"": 7,
    ""tests_passed"": 131,
    ""tests_failed"": 3,
    ""lines_of_code"": 412,
    ""coverage_percent"": 81.4,
    ""retry_count"": 1,
    ""error_message"": ""unsupported operand type(s) for +: 'int' and 'str'""
  },
  ""context"": {
    ""project_name"": ""moai-adk"",
    ""session_id"": ""session-17"",
    ""tags"": [
      ""backend"",
      ""api""
    ]
  },
  ""version"": ""1.0""
}";

        public const string ErrorOccurrenceEveryField = @"{
  ""pattern_id"": ""0c1f7e2a-8b3d-4e5f-a6b7-c8d9e0f1a2b3"",
  ""pattern_type"": ""error_occurrence"",
  ""timestamp"": ""2025-10-03T17:40:12.000101+09:00"",
  ""data"": {
    ""error_type"": ""KeyError"",
    ""error_message"": ""'user_id'"",
    ""stack_trace"": ""Traceback (most recent call last):\n  File \""src/app/api/module_7.py\"", line 88, in process_user_0\n    call_0(x)\nKeyError: 'user_id'"",
    ""file_path"": ""src/app/api/module_7.py"",
    ""line_number"": 88,
    ""function_name"": ""process_user"",
    ""resolution"": ""Add missing key check"",
    ""resolution_time_ms"": 53120,
    ""similar_errors_count"": 4,
    ""auto_resolved"": false,
    ""user_intervention"": true
  },
  ""context"": {
    ""project_name"": ""moai-adk"",
    ""session_id"": ""session-311"",
    ""tags"": [
      ""security"",
      ""auth""
    ]
  },
  ""version"": ""1.0""
}";

        /// <summary>An unresolved error: the seed writes <c>"resolution": null</c>.</summary>
        public const string ErrorOccurrenceUnresolved = @"{
  ""pattern_id"": ""9e8d7c6b-5a4f-4e3d-b2c1-a0f9e8d7c6b5"",
  ""pattern_type"": ""error_occurrence"",
  ""timestamp"": ""2025-10-04T01:02:03.456789+00:00"",
  ""data"": {
    ""error_type"": ""ImportError"",
    ""error_message"": ""cannot import name 'Foo' from 'bar'"",
    ""stack_trace"": ""Traceback (most recent call last):\n  File \""src/app/core/module_2.py\"", line 5, in process_batch_0\n    call_0(x)\nImportError: cannot import name 'Foo' from 'bar'"",
    ""file_path"": ""src/app/core/module_2.py"",
    ""line_number"": 5,
    ""function_name"": ""process_batch"",
    ""resolution"": null,
    ""resolution_time_ms"": 900,
    ""similar_errors_count"": 0,
    ""auto_resolved"": true,
    ""user_intervention"": false
  },
  ""context"": {
    ""project_name"": ""moai-adk"",
    ""session_id"": ""session-2"",
    ""tags"": [
      ""testing""
    ]
  },
  ""version"": ""1.0""
}";

        public const string AgentUsageEveryField = @"{
  ""pattern_id"": ""7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"",
  ""pattern_type"": ""agent_usage"",
  ""timestamp"": ""2025-10-05T12:00:00.250000-05:30"",
  ""data"": {
    ""agent_type"": ""workflow-tdd"",
    ""task_type"": ""testing"",
    ""success"": true,
    ""duration_ms"": 120400,
    ""retry_count"": 0,
    ""tools_used"": [
      ""Read"",
      ""Edit"",
      ""Bash""
    ],
    ""files_accessed"": 23,
    ""api_calls"": 9,
    ""tokens_used"": 18250,
    ""memory_mb"": 312.7,
    ""cpu_percent"": 64.2,
    ""parallel_tasks"": 3
  },
  ""context"": {
    ""project_name"": ""moai-adk"",
    ""session_id"": ""session-44"",
    ""tags"": [
      ""testing"",
      ""perf""
    ]
  },
  ""version"": ""1.0""
}";

        public const string UserCorrectionEveryField = @"{
  ""pattern_id"": ""1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a"",
  ""pattern_type"": ""user_correction"",
  ""timestamp"": ""2025-10-06T09:33:38.000001+00:00"",
  ""data"": {
    ""original_output"": ""def handler_12(data):\n    value_0 = data.get('k3', 7)\n    return value_0"",
    ""corrected_output"": ""def handler_12(data: dict) -> int:\n    value_0 = data.get('k3', 7)\n    return value_0"",
    ""correction_type"": ""type_safety"",
    ""agent"": ""code-reviewer"",
    ""task_type"": ""refactoring"",
    ""correction_category"": ""code_quality"",
    ""user_feedback"": ""Add type hints and handle list input properly"",
    ""severity"": ""moderate"",
    ""pattern_matched"": null
  },
  ""context"": {
    ""project_name"": ""moai-adk"",
    ""session_id"": ""session-9"",
    ""user_id"": null,
    ""git_branch"": null,
    ""tags"": [
      ""docs""
    ]
  },
  ""version"": ""1.0""
}";

        public static readonly string[] EveryField = { TaskCompletionEveryField, ErrorOccurrenceEveryField, ErrorOccurrenceUnresolved, AgentUsageEveryField, UserCorrectionEveryField };

        /// <summary>The example of a type by wire name.</summary>
        public static string ForType(string wireName)
        {
            switch (wireName)
            {
                case "task_completion": return TaskCompletion;
                case "error_occurrence": return ErrorOccurrence;
                case "agent_usage": return AgentUsage;
                case "user_correction": return UserCorrection;
                default: throw new System.ArgumentException(wireName);
            }
        }

        public static JsonObject Node(string json) => (JsonObject)JsonNode.Parse(json)!;
    }
}
