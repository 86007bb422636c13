using System;
using System.Collections.Generic;

namespace MoaiPatterns.Analysis
{
    /// <summary>What Measure-MoaiPattern can group by; the names are the -GroupBy values and the output property names.</summary>
    public enum AnalysisKey
    {
        Type,
        Agent,
        TaskType,
        ErrorType,
        Tag,
        Environment,
        Project,
        CorrectionType,
        Severity,
    }

    /// <summary>The one definition of each group key over <see cref="PatternFacts"/>.</summary>
    public static class AnalysisKeys
    {
        public static readonly string[] Names = Enum.GetNames(typeof(AnalysisKey));

        /// <summary>The key's value of a pattern (Tag: see <see cref="Values"/>); Type is the <see cref="PatternType"/> name.</summary>
        public static string? Value(PatternFacts f, AnalysisKey key)
        {
            switch (key)
            {
                case AnalysisKey.Type: return f.Type.ToString();
                case AnalysisKey.Agent: return f.Agent;
                case AnalysisKey.TaskType: return f.TaskType;
                case AnalysisKey.ErrorType: return f.ErrorType;
                case AnalysisKey.Environment: return f.Environment;
                case AnalysisKey.Project: return f.Project;
                case AnalysisKey.CorrectionType: return f.CorrectionType;
                case AnalysisKey.Severity: return f.Severity;
                case AnalysisKey.Tag: return f.Tags.Length == 0 ? null : f.Tags[0];
                default: throw new ArgumentOutOfRangeException(nameof(key));
            }
        }

        /// <summary>Every value the pattern has for the key: under Tag it counts once per tag, and once in the null group without tags.</summary>
        public static IReadOnlyList<string?> Values(PatternFacts f, AnalysisKey key)
        {
            if (key != AnalysisKey.Tag) return new[] { Value(f, key) };
            if (f.Tags.Length == 0) return new string?[] { null };
            return f.Tags;
        }

        /// <summary>Group order: key by key, no value first, then ordinal order of the folded text.</summary>
        public static int Compare(string?[] x, string?[] y)
        {
            for (var i = 0; i < x.Length && i < y.Length; i++)
            {
                if (x[i] == null && y[i] == null) continue;
                if (x[i] == null) return -1;
                if (y[i] == null) return 1;
                var c = string.CompareOrdinal(x[i], y[i]);
                if (c != 0) return c;
            }
            return x.Length.CompareTo(y.Length);
        }

        /// <summary>The distinct keys in the order given (duplicates in -GroupBy mean nothing more).</summary>
        public static AnalysisKey[] Distinct(IEnumerable<AnalysisKey>? keys)
        {
            var list = new List<AnalysisKey>();
            if (keys != null) foreach (var k in keys) if (!list.Contains(k)) list.Add(k);
            return list.ToArray();
        }
    }
}
