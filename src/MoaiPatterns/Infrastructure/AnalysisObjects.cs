using System;
using System.Collections.Generic;
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

        public static PSObject Trend(PatternTrend t)
        {
            var o = new PSObject();
            o.TypeNames.Clear();
            o.TypeNames.Add(TrendTypeName);
            AddKeys(o, t.GroupBy, t.KeyValues);
            Add(o, "Metric", t.Metric);
            Add(o, "Periods", t.Periods);
            Add(o, "From", t.From);
            Add(o, "To", t.To);
            Add(o, "Direction", t.Direction);
            Add(o, "SlopePerDay", t.SlopePerDay);
            Add(o, "PValue", t.PValue);
            Add(o, "Group", GroupText(t.GroupBy, t.KeyValues));
            Add(o, "Values", t.Values);
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
        public static string Rate(object? rate) => rate is double d ? Humanize.Percent(d) : "";

        /// <summary>Milliseconds as a person reads them: 850 ms, 1.2 s, 3.5 min, 2.1 h; empty for none.</summary>
        public static string Duration(object? ms)
        {
            switch (ms)
            {
                case long l: return Humanize.Duration(l);
                case double d: return Humanize.Duration(d);
                case int i: return Humanize.Duration(i);
                default: return "";
            }
        }

        /// <summary>A bucket start in UTC: "2025-05-01" for days and longer, "2025-05-01 14:00" for hours.</summary>
        public static string Period(object? period)
        {
            if (!(period is DateTimeOffset p)) return "";
            var u = p.ToUniversalTime();
            return u.TimeOfDay == TimeSpan.Zero ? u.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : u.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }

        /// <summary>A slope per day in the metric's unit: "+120 ms/day", "-1.5 pt/day" (rate points), "+3.2/day"; empty for none.</summary>
        public static string Slope(object? metric, object? slope)
        {
            if (!(slope is double s)) return "";
            var sign = s > 0 ? "+" : s < 0 ? "-" : "";
            var a = Math.Abs(s);
            switch (metric)
            {
                case TrendMetric.DurationP50:
                case TrendMetric.DurationP95:
                    return sign + (a < 10 ? a.ToString("0.##", CultureInfo.InvariantCulture) + " ms" : Duration(a)) + "/day";
                case TrendMetric.SuccessRate: return sign + (a * 100).ToString("0.##", CultureInfo.InvariantCulture) + " pt/day";
                default: return sign + a.ToString("0.##", CultureInfo.InvariantCulture) + "/day";
            }
        }

        /// <summary>"2025-05-13 03:00  SlowRun  (score 41.1)": the first line of an anomaly.</summary>
        public static string AnomalyHeading(PatternAnomaly a) =>
            PatternDisplay.Time(a.Timestamp) + "  " + a.Kind + "  (score " + a.Score.ToString("0.0", CultureInfo.InvariantCulture) + ")";

        /// <summary>Text broken into lines of at most <paramref name="width"/> characters at spaces (a longer word keeps its own line).</summary>
        public static string Wrap(string? text, int width)
        {
            if (string.IsNullOrEmpty(text)) return "";
            var lines = new List<string>();
            var line = new System.Text.StringBuilder();
            foreach (var word in text!.Split(' '))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0) lines.Add(line.ToString());
            return string.Join("\n", lines);
        }

        /// <summary>A p-value to 3 decimals, "<0.001" below.</summary>
        public static string PValue(object? p) =>
            p is double d ? (d < 0.001 ? "<0.001" : d.ToString("0.000", CultureInfo.InvariantCulture)) : "";

        /// <summary>A number with thousands separators, invariant.</summary>
        public static string Number(object? n) => n is long l ? l.ToString("#,0", CultureInfo.InvariantCulture) : n?.ToString() ?? "";
    }
}
