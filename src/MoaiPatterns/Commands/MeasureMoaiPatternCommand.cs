using System;
using System.Linq;
using System.Management.Automation;
using MoaiPatterns.Analysis;

namespace MoaiPatterns.Commands
{
    /// <summary>Measure-MoaiPattern: counts, success rate, duration percentiles, tokens, first/last per group and period, computed by the store.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "MoaiPattern")]
    [OutputType("MoaiPatterns.PatternStatistics")]
    public sealed class MeasureMoaiPatternCommand : AnalysisCmdlet
    {
        /// <summary>Keys to group by; one object per combination of their values (Tag: once per tag).</summary>
        [Parameter(Position = 0)]
        [ValidateSet("Type", "Agent", "TaskType", "ErrorType", "Tag", "Environment", "Project", "CorrectionType", "Severity")]
        public string[]? GroupBy { get; set; }

        /// <summary>UTC buckets: Hour, Day, Week (ISO, Monday), Month.</summary>
        [Parameter]
        public AnalysisInterval? Interval { get; set; }

        protected override void ProcessRecord()
        {
            var query = new MeasureQuery(Filter(), ParseKeys(GroupBy), Interval);
            RunEngine(() =>
            {
                foreach (var s in Engine.Measure(query)) WriteObject(AnalysisObjects.Statistics(s));
            });
        }

        /// <summary>-GroupBy names (ValidateSet already checked them) as keys, case-insensitive.</summary>
        internal static AnalysisKey[] ParseKeys(string[]? names) =>
            names == null ? Array.Empty<AnalysisKey>() : names.Select(n => (AnalysisKey)Enum.Parse(typeof(AnalysisKey), n, true)).ToArray();
    }
}
