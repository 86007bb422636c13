using System;

namespace MoaiPatterns
{
    /// <summary>The four kinds of pattern an agent leaves behind.</summary>
    public enum PatternType
    {
        TaskCompletion,
        ErrorOccurrence,
        AgentUsage,
        UserCorrection,
    }

    /// <summary>Maps <see cref="PatternType"/> to and from the seed's wire names (<c>task_completion</c> …).</summary>
    public static class PatternTypeNames
    {
        public const string TaskCompletion = "task_completion";
        public const string ErrorOccurrence = "error_occurrence";
        public const string AgentUsage = "agent_usage";
        public const string UserCorrection = "user_correction";

        /// <summary>All wire names, in enum order.</summary>
        public static readonly string[] All = { TaskCompletion, ErrorOccurrence, AgentUsage, UserCorrection };

        private static readonly string[] EnumNames = { nameof(PatternType.TaskCompletion), nameof(PatternType.ErrorOccurrence), nameof(PatternType.AgentUsage), nameof(PatternType.UserCorrection) };

        public static string ToWireName(this PatternType type)
        {
            switch (type)
            {
                case PatternType.TaskCompletion: return TaskCompletion;
                case PatternType.ErrorOccurrence: return ErrorOccurrence;
                case PatternType.AgentUsage: return AgentUsage;
                case PatternType.UserCorrection: return UserCorrection;
                default: throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown pattern type.");
            }
        }

        /// <summary>Accepts the wire name or the enum name, case-insensitively.</summary>
        public static bool TryParse(string? text, out PatternType type)
        {
            type = default;
            if (string.IsNullOrEmpty(text)) return false;
            for (var i = 0; i < All.Length; i++)
            {
                if (!string.Equals(text, All[i], StringComparison.OrdinalIgnoreCase) && !string.Equals(text, EnumNames[i], StringComparison.OrdinalIgnoreCase)) continue;
                type = (PatternType)i;
                return true;
            }
            return false;
        }
    }
}
