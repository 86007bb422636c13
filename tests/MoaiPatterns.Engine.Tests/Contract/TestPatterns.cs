using System;
using System.Collections.Generic;
using System.Text.Json;

namespace MoaiPatterns.Tests.Contract
{
    /// <summary>Deterministic patterns of all four types, payloads like the seed's examples, for every backend's tests.</summary>
    public static class TestPatterns
    {
        public static readonly string[] TagVocabulary = { "auth", "api", "security", "testing", "backend", "frontend" };
        public static readonly string[] Agents = { "expert-backend", "workflow-tdd", "code-reviewer", "Expert-Frontend" };
        public static readonly TimeSpan[] Offsets = { TimeSpan.Zero, TimeSpan.FromHours(9), TimeSpan.FromMinutes(-330) };
        public static readonly DateTimeOffset Base = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

        public static string Id(int i) => "p-" + i.ToString("D6");

        /// <summary>Pattern number <paramref name="i"/>: type i%4, i minutes after <see cref="Base"/>, offset and microseconds varied.</summary>
        public static MoaiPattern Make(int i, DateTimeOffset? at = null, string[]? tags = null, PatternType? type = null)
        {
            var instant = at ?? Base.AddMinutes(i).AddTicks((i * 7919L % 1_000_000) * 10);
            var ts = at ?? instant.ToOffset(Offsets[i % Offsets.Length]);
            var t = type ?? (PatternType)(i % 4);
            var context = new PatternContext
            {
                ProjectName = "moai-adk",
                Environment = i % 3 == 0 ? "development" : i % 3 == 1 ? "staging" : "production",
                Tags = tags ?? TagsFor(i),
            };
            return new MoaiPattern(Id(i), t, ts, DataFor(t, i), context);
        }

        public static string[] TagsFor(int i)
        {
            var n = 1 + i % 3;
            var list = new List<string>();
            for (var k = 0; k < n; k++)
            {
                var tag = TagVocabulary[(i * 5 + k * 2) % TagVocabulary.Length];
                if (!list.Contains(tag)) list.Add(tag);
            }
            return list.ToArray();
        }

        public static PatternData DataFor(PatternType t, int i)
        {
            var agent = Agents[i % Agents.Length];
            switch (t)
            {
                case PatternType.TaskCompletion:
                    return new TaskCompletionData { TaskType = "code_generation", Agent = agent, DurationMs = 100 + i, Success = i % 2 == 0, FilesCreated = i % 3, TestsPassed = i % 5, CoveragePercent = 50.5, RetryCount = 0 };
                case PatternType.ErrorOccurrence:
                    return new ErrorOccurrenceData { ErrorType = "KeyError", ErrorMessage = $"failure number {i} in handler", StackTrace = "Traceback (most recent call last):\n  File \"app.py\", line 42", FilePath = "app.py", LineNumber = i, AutoResolved = false, UserIntervention = true, SimilarErrorsCount = 1 };
                case PatternType.AgentUsage:
                    return new AgentUsageData { AgentType = agent, TaskType = "api_implementation", Success = true, DurationMs = 1000 + i, ToolsUsed = new[] { "Read", "Edit" }, TokensUsed = 1000 + i, MemoryMb = 102.5, CpuPercent = 12 };
                default:
                    return new UserCorrectionData { OriginalOutput = "x = 3", CorrectedOutput = "x: int = 3", CorrectionType = "type_safety", Agent = agent, Severity = "minor", UserFeedback = "add a type hint" };
            }
        }

        /// <summary>Every typed field set, unknown fields at root, data and context, an odd offset and sub-millisecond ticks.</summary>
        public static MoaiPattern Rich()
        {
            var ts = new DateTimeOffset(2025, 11, 28, 22, 57, 55, TimeSpan.FromMinutes(-330)).AddTicks(1_234_567);
            var data = new ErrorOccurrenceData
            {
                ErrorType = "TypeError", ErrorMessage = "unsupported operand type(s) for +: 'int' and 'str'", StackTrace = "line 1\nline 2",
                FilePath = "src/app.py", LineNumber = 42, AutoResolved = true, UserIntervention = false, SimilarErrorsCount = 3,
                AdditionalProperties = new JsonFields { ["extra_data"] = Json("{\"nested\": [1, 2.5, \"x\", null, true]}") },
            };
            var context = new PatternContext
            {
                ProjectName = "moai-adk", SessionId = "sess-1", UserId = "user-7", Environment = "production", GitBranch = "main", GitCommit = "abc123",
                Timestamp = new DateTimeOffset(2025, 11, 28, 12, 0, 0, TimeSpan.FromHours(9)).AddTicks(10),
                Tags = new[] { "Security", "api" },
                Metadata = new JsonFields { ["ci"] = Json("true"), ["run"] = Json("{\"id\": 12}") },
                AdditionalProperties = new JsonFields { ["host"] = Json("\"build-01\"") },
            };
            return new MoaiPattern("rich-1", PatternType.ErrorOccurrence, ts, data, context)
            {
                Version = "1.0",
                AdditionalProperties = new JsonFields { ["source"] = Json("\"importer\""), ["score"] = Json("0.75") },
            };
        }

        public static JsonElement Json(string text)
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }

        /// <summary>A pattern the seed's rules refuse (negative duration_ms).</summary>
        public static MoaiPattern Invalid(int i)
        {
            var p = Make(i, type: PatternType.TaskCompletion);
            ((TaskCompletionData)p.Data).DurationMs = -5;
            return p;
        }
    }
}
