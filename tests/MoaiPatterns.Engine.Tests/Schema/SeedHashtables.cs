using System;
using System.Collections;

namespace MoaiPatterns.Tests.Schema
{
    /// <summary>Hashtables shaped like the seed's dicts (what a runbook pipes to Save-MoaiPattern), all four types.</summary>
    internal static class SeedHashtables
    {
        private static readonly string[] Timestamps =
        {
            "2025-11-29T11:39:51.123456+09:00", "2025-11-29T02:39:51.123+00:00", "2025-11-29T02:39:51Z", "2025-11-29T11:39:51.5-05:30",
        };

        public static Hashtable Make(int i)
        {
            Hashtable data;
            string type;
            switch (i % 4)
            {
                case 0:
                    type = "task_completion";
                    data = new Hashtable { ["task_type"] = "code_generation", ["agent"] = "expert-backend", ["duration_ms"] = 2500L + i, ["success"] = true,
                        ["files_created"] = 3, ["tests_passed"] = 12L, ["coverage_percent"] = i % 8 == 0 ? 87.5 : 90.0, ["retry_count"] = 0L };
                    break;
                case 1:
                    type = "error_occurrence";
                    data = new Hashtable { ["error_type"] = "KeyError", ["error_message"] = "deadlock failure " + i, ["stack_trace"] = "Traceback\n  File \"app.py\"",
                        ["file_path"] = "app.py", ["line_number"] = 42L, ["auto_resolved"] = false, ["user_intervention"] = true, ["similar_errors_count"] = 2L };
                    break;
                case 2:
                    type = "agent_usage";
                    data = new Hashtable { ["agent_type"] = "workflow-tdd", ["task_type"] = "test_writing", ["success"] = true, ["duration_ms"] = 15000L,
                        ["tools_used"] = new[] { "Read", "Write" }, ["tokens_used"] = 4500L, ["memory_mb"] = 128.4, ["cpu_percent"] = 12 };
                    break;
                default:
                    type = "user_correction";
                    data = new Hashtable { ["original_output"] = "x = 3", ["corrected_output"] = "x: int = 3", ["correction_type"] = "type_safety",
                        ["agent"] = "expert-backend", ["severity"] = "minor", ["user_feedback"] = "add a type hint" };
                    break;
            }
            if (i % 8 < 4) AddEveryField(data, type, i);
            var context = new Hashtable { ["project_name"] = "moai-adk", ["environment"] = "production", ["tags"] = new object[] { "api", "auth" } };
            if (i % 3 == 0) context["session_id"] = "s-" + i;
            if (i % 5 == 0) context["timestamp"] = Timestamps[(i / 5) % Timestamps.Length];
            return new Hashtable
            {
                ["pattern_id"] = "p" + i.ToString("x8"),
                ["pattern_type"] = type,
                ["timestamp"] = i % 7 == 0 ? (object)new DateTimeOffset(2025, 11, 29, 11, 39, 51, TimeSpan.FromHours(9)).AddTicks(1234560) : Timestamps[i % Timestamps.Length],
                ["data"] = data,
                ["context"] = context,
                ["version"] = "1.0",
            };
        }

        /// <summary>The seed's remaining fields (the typed model once lacked them); an unresolved error has resolution null, as the seed writes it.</summary>
        private static void AddEveryField(Hashtable data, string type, int i)
        {
            switch (type)
            {
                case "task_completion": data["files_modified"] = 2; data["tests_failed"] = 0L; data["lines_of_code"] = 120L + i; break;
                case "error_occurrence": data["function_name"] = "process_data"; data["resolution"] = i % 16 == 1 ? null : "Add missing key check"; data["resolution_time_ms"] = 1500L; break;
                case "agent_usage": data["retry_count"] = 0; data["files_accessed"] = 5L; data["api_calls"] = 3L; data["parallel_tasks"] = 2; break;
                default: data["task_type"] = "refactoring"; data["correction_category"] = "code_quality"; data["pattern_matched"] = "p-" + i; break;
            }
        }
    }
}
