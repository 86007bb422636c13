using System;
using MoaiPatterns.Analysis;

namespace MoaiPatterns.Storage
{
    /// <summary>
    /// What the SQL backends' Measure statements share: each group key's stored column (the same names in the SQLite and
    /// PostgreSQL schemas, all folded by the engine when the row was written) and the UTC bucket start in integer SQL,
    /// equal to <see cref="TimeBucket.Start"/>. Only the month differs by dialect, so each backend passes its own.
    /// </summary>
    internal static class AnalysisSql
    {
        /// <summary>The alias under which a backend joins a pattern's tags (one row per tag).</summary>
        public const string TagAlias = "g";

        /// <summary>Each key's stored column. Type is the wire name (a backend maps it back to the enum name).</summary>
        public static string KeyColumn(AnalysisKey key)
        {
            switch (key)
            {
                case AnalysisKey.Type: return "p.pattern_type";
                case AnalysisKey.Agent: return "p.agent_norm";
                case AnalysisKey.TaskType: return "p.task_type_norm";
                case AnalysisKey.ErrorType: return "p.error_type_norm";
                case AnalysisKey.Tag: return TagAlias + ".tag";
                case AnalysisKey.Environment: return "p.environment_norm";
                case AnalysisKey.Project: return "p.project_norm";
                case AnalysisKey.CorrectionType: return "p.correction_type_norm";
                case AnalysisKey.Severity: return "p.severity_norm";
                default: throw new ArgumentOutOfRangeException(nameof(key));
            }
        }

        /// <summary>
        /// The bucket start of the millisecond expression <paramref name="ms"/>: floor division in integers (also before
        /// 1970); <paramref name="monthStartMs"/> turns the whole UTC second (an SQL expression) into its month's start in ms.
        /// </summary>
        public static string PeriodSql(AnalysisInterval interval, string ms, Func<string, string> monthStartMs)
        {
            switch (interval)
            {
                case AnalysisInterval.Hour: return Floor(ms, TimeBucket.HourMs);
                case AnalysisInterval.Day: return Floor(ms, TimeBucket.DayMs);
                case AnalysisInterval.Week: return $"({Floor("(" + ms + " + " + TimeBucket.MondayShiftMs + ")", TimeBucket.WeekMs)} - {TimeBucket.MondayShiftMs})";
                case AnalysisInterval.Month: return monthStartMs($"({Floor(ms, 1000)} / 1000)");
                default: throw new ArgumentOutOfRangeException(nameof(interval));
            }
        }

        private static string Floor(string x, long w) => $"({x} - ((({x}) % {w}) + {w}) % {w})";
    }
}
