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
