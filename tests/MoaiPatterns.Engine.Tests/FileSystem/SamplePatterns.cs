using System;
using System.Collections.Generic;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>Patterns shaped like the seed's examples, one of each type in turn.</summary>
    public static class SamplePatterns
    {
        public static MoaiPattern Make(string id, DateTimeOffset timestamp, PatternType type = PatternType.TaskCompletion, params string[] tags)
        {
            PatternData data = type switch
            {
                PatternType.TaskCompletion => new TaskCompletionData { TaskType = "code_generation", Agent = "expert-backend", DurationMs = 1200, Success = true },
                PatternType.ErrorOccurrence => new ErrorOccurrenceData { ErrorType = "TypeError", ErrorMessage = "unsupported operand for " + id },
                PatternType.AgentUsage => new AgentUsageData { AgentType = "workflow-tdd", TaskType = "api_implementation", Success = true, DurationMs = 1014 },
                _ => new UserCorrectionData { OriginalOutput = "a", CorrectedOutput = "b", CorrectionType = "style", Agent = "expert-frontend" },
            };
            var context = new PatternContext { ProjectName = "moai-adk", Environment = "production", Tags = tags.Length == 0 ? new[] { "api" } : tags };
            return new MoaiPattern(id, type, timestamp, data, context);
        }

        public static PatternType TypeFor(int i) => (PatternType)(i % 4);

        /// <summary>n patterns an hour apart going back from <paramref name="newest"/>, types mixed.</summary>
        public static List<MoaiPattern> Series(int n, DateTimeOffset newest, string prefix = "p")
        {
            var list = new List<MoaiPattern>(n);
            for (var i = 0; i < n; i++) list.Add(Make($"{prefix}{i:D6}", newest.AddHours(-i), TypeFor(i)));
            return list;
        }
    }
}
