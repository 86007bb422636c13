using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using MoaiPatterns.Analysis;

namespace MoaiPatterns.Commands
{
    /// <summary>Analysis results as PowerShell objects: a note property per -GroupBy key, named as the key, then the figures.</summary>
    internal static class AnalysisObjects
    {
        public const string StatisticsTypeName = "MoaiPatterns.PatternStatistics";
        public const string TrendTypeName = "MoaiPatterns.PatternTrend";

        public static PSObject Statistics(PatternStatistics s)
        {
            var o = new PSObject();
            o.TypeNames.Clear();
            // A more specific name first: the view with a Period column is chosen when there is a period.
            if (s.Period != null) o.TypeNames.Add(StatisticsTypeName + "#Period");
            o.TypeNames.Add(StatisticsTypeName);
            AddKeys(o, s.GroupBy, s.KeyValues);
            if (s.Period != null) o.Properties.Add(new PSNoteProperty("Period", s.Period));
            Add(o, "Count", s.Count);
            Add(o, "Succeeded", s.Succeeded);
            Add(o, "Failed", s.Failed);
            Add(o, "SuccessRate", s.SuccessRate);
            Add(o, "DurationP50", s.DurationP50);
            Add(o, "DurationP95", s.DurationP95);
            Add(o, "DurationP99", s.DurationP99);
            Add(o, "DurationMean", s.DurationMean);
            Add(o, "DurationMax", s.DurationMax);
            Add(o, "TokensUsed", s.TokensUsed);
            Add(o, "First", s.First);
            Add(o, "Last", s.Last);
            Add(o, "Group", GroupText(s.GroupBy, s.KeyValues));
            return o;
        }

        /// <summary>Key properties: Type as the <see cref="PatternType"/> value, the others as their folded text (null = none).</summary>
        public static void AddKeys(PSObject o, AnalysisKey[] keys, string?[] values)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                object? value = values[i];
                if (keys[i] == AnalysisKey.Type && values[i] != null) value = Enum.Parse(typeof(PatternType), values[i]!);
                o.Properties.Add(new PSNoteProperty(keys[i].ToString(), value));
            }
        }

        /// <summary>"agent=coder, task_type=api": the group named in one line (the seed's field names); "(all)" without keys.</summary>
        public static string GroupText(AnalysisKey[] keys, string?[] values)
        {
            if (keys.Length == 0) return "(all)";
            return string.Join(", ", keys.Select((k, i) => SeedName(k) + "=" + (values[i] ?? "(none)")));
        }

        public static string SeedName(AnalysisKey key)
        {
            switch (key)
            {
                case AnalysisKey.Type: return "type";
                case AnalysisKey.Agent: return "agent";
                case AnalysisKey.TaskType: return "task_type";
                case AnalysisKey.ErrorType: return "error_type";
                case AnalysisKey.Tag: return "tag";
                case AnalysisKey.Environment: return "environment";
                case AnalysisKey.Project: return "project";
                case AnalysisKey.CorrectionType: return "correction_type";
                case AnalysisKey.Severity: return "severity";
                default: return key.ToString();
            }
        }

        private static void Add(PSObject o, string name, object? value) => o.Properties.Add(new PSNoteProperty(name, value));
    }

    /// <summary>Renderings the analysis views call.</summary>
    public static class AnalysisDisplay
    {
        /// <summary>A rate as a percentage, "97.5%"; empty for none.</summary>
        public static string Rate(object? rate) =>
            rate is double d ? (d * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "";

        /// <summary>Milliseconds as a person reads them: 850 ms, 1.2 s, 3.5 min, 2.1 h; empty for none.</summary>
        public static string Duration(object? ms)
        {
            double v;
            switch (ms)
            {
                case long l: v = l; break;
                case double d: v = d; break;
                case int i: v = i; break;
                default: return "";
            }
            if (Math.Abs(v) < 1000) return Math.Round(v).ToString("0", CultureInfo.InvariantCulture) + " ms";
            if (Math.Abs(v) < 60_000) return (v / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s";
            if (Math.Abs(v) < 3_600_000) return (v / 60_000).ToString("0.0", CultureInfo.InvariantCulture) + " min";
            return (v / 3_600_000).ToString("0.0", CultureInfo.InvariantCulture) + " h";
        }

        /// <summary>A bucket start in UTC: "2025-05-01" for days and longer, "2025-05-01 14:00" for hours.</summary>
        public static string Period(object? period)
        {
            if (!(period is DateTimeOffset p)) return "";
            var u = p.ToUniversalTime();
            return u.TimeOfDay == TimeSpan.Zero ? u.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : u.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }

        /// <summary>A number with thousands separators, invariant.</summary>
        public static string Number(object? n) => n is long l ? l.ToString("#,0", CultureInfo.InvariantCulture) : n?.ToString() ?? "";
    }
}
