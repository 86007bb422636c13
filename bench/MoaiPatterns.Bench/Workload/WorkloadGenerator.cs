using System;
using System.Collections.Generic;
using System.Globalization;

namespace MoaiPatterns.Bench.Workload
{
    /// <summary>
    /// The benchmark workload: the four pattern types mixed, payloads shaped like the seed's examples,
    /// 1-3 tags from <see cref="TagVocabulary"/>, timestamps spread over <see cref="SpanDays"/> days
    /// before <see cref="Now"/>. Row i depends only on (seed, i), so any process can regenerate any row.
    /// </summary>
    public sealed class WorkloadGenerator
    {
        public const int SpanDays = 120;
        public static readonly string[] TagVocabulary = { "auth", "api", "security", "testing", "backend", "frontend", "database", "performance" };
        /// <summary>Words of error messages; <see cref="TextQuery"/> is one of them (about 1 in 6 errors).</summary>
        public static readonly string[] ErrorWords = { "timeout", "connection", "parser", "overflow", "permission", "deadlock" };
        public const string TextQuery = "deadlock";
        /// <summary>The two tags of the two-tag query (each row has 1-3 of 8 tags: about 4% carry both).</summary>
        public static readonly string[] TwoTags = { "security", "database" };

        private static readonly string[] Agents = { "expert-backend", "expert-frontend", "workflow-tdd", "code-reviewer", "debug-helper" };
        private static readonly string[] TaskTypes = { "code_generation", "api_implementation", "refactoring", "test_writing", "bug_fix" };
        private static readonly string[] ErrorTypes = { "KeyError", "ValueError", "TypeError", "TimeoutError", "IOError" };
        private static readonly string[] Environments = { "development", "staging", "production" };
        private static readonly string[] Tools = { "Read", "Write", "Edit", "Bash", "Grep" };
        private static readonly string[] CorrectionTypes = { "type_safety", "naming", "logic", "style" };
        private static readonly string[] Severities = { "minor", "moderate", "critical" };

        public WorkloadGenerator(int seed, DateTimeOffset now)
        {
            Seed = seed;
            Now = now;
        }

        public int Seed { get; }

        /// <summary>The instant timestamps are spread back from (the run's start, so retention has work to do).</summary>
        public DateTimeOffset Now { get; }

        public IEnumerable<WorkloadRow> Rows(int start, int count)
        {
            for (var i = start; i < start + count; i++) yield return Row(i);
        }

        public WorkloadRow Row(int index)
        {
            var r = new Random(unchecked(Seed * 1_000_003 + index));
            var id = new byte[16];
            r.NextBytes(id);
            var ageMs = (long)(r.NextDouble() * SpanDays * 86_400_000L);
            var utc = Now.AddMilliseconds(-ageMs);
            // A third written with the seed's +09:00 offset, the rest in UTC: both as the reference stores hold.
            var ts = r.Next(3) == 0 ? utc.ToOffset(TimeSpan.FromHours(9)) : utc.ToUniversalTime();
            var row = new WorkloadRow
            {
                Id = BitConverter.ToString(id).Replace("-", "").ToLowerInvariant(),
                Timestamp = ts,
                ProjectName = "moai-adk",
                Environment = Pick(r, Environments),
                Tags = PickTags(r),
            };
            switch (r.Next(4))
            {
                case 0: TaskCompletion(r, row); break;
                case 1: ErrorOccurrence(r, row, index); break;
                case 2: AgentUsage(r, row); break;
                default: UserCorrection(r, row); break;
            }
            return row;
        }

        private static void TaskCompletion(Random r, WorkloadRow row)
        {
            row.Type = "task_completion";
            Add(row, "task_type", Pick(r, TaskTypes));
            Add(row, "agent", Pick(r, Agents));
            Add(row, "duration_ms", (long)r.Next(50, 5000));
            Add(row, "success", r.Next(5) != 0);
            Add(row, "files_created", (long)r.Next(0, 4));
            Add(row, "tests_passed", (long)r.Next(0, 20));
            Add(row, "coverage_percent", Math.Round(r.NextDouble() * 100, 1));
            Add(row, "retry_count", (long)r.Next(0, 3));
        }

        private static void ErrorOccurrence(Random r, WorkloadRow row, int index)
        {
            row.Type = "error_occurrence";
            Add(row, "error_type", Pick(r, ErrorTypes));
            Add(row, "error_message", Pick(r, ErrorWords) + " failure number " + index.ToString(CultureInfo.InvariantCulture) + " in handler");
            Add(row, "stack_trace", "Traceback (most recent call last):\n  File \"app.py\", line 42");
            Add(row, "file_path", "app.py");
            Add(row, "line_number", (long)r.Next(1, 500));
            Add(row, "auto_resolved", r.Next(2) == 0);
            Add(row, "user_intervention", r.Next(2) == 0);
            Add(row, "similar_errors_count", (long)r.Next(0, 10));
        }

        private static void AgentUsage(Random r, WorkloadRow row)
        {
            row.Type = "agent_usage";
            Add(row, "agent_type", Pick(r, Agents));
            Add(row, "task_type", Pick(r, TaskTypes));
            Add(row, "success", r.Next(5) != 0);
            Add(row, "duration_ms", (long)r.Next(100, 20000));
            Add(row, "tools_used", new[] { Pick(r, Tools), Pick(r, Tools) });
            Add(row, "tokens_used", (long)r.Next(100, 50000));
            Add(row, "memory_mb", Math.Round(50 + r.NextDouble() * 200, 1));
            Add(row, "cpu_percent", Math.Round(r.NextDouble() * 100, 1));
        }

        private static void UserCorrection(Random r, WorkloadRow row)
        {
            row.Type = "user_correction";
            Add(row, "original_output", "x = 3");
            Add(row, "corrected_output", "x: int = 3");
            Add(row, "correction_type", Pick(r, CorrectionTypes));
            Add(row, "agent", Pick(r, Agents));
            Add(row, "severity", Pick(r, Severities));
            Add(row, "user_feedback", "add a type hint");
        }

        private static string[] PickTags(Random r)
        {
            var count = r.Next(1, 4);
            var tags = new List<string>(count);
            while (tags.Count < count)
            {
                var t = Pick(r, TagVocabulary);
                if (!tags.Contains(t)) tags.Add(t);
            }
            return tags.ToArray();
        }

        private static void Add(WorkloadRow row, string key, object value) => row.Data.Add(new KeyValuePair<string, object>(key, value));

        private static string Pick(Random r, string[] values) => values[r.Next(values.Length)];
    }
}
