using System.Management.Automation;
using MoaiPatterns.Analysis;

namespace MoaiPatterns.Commands
{
    /// <summary>Measure-MoaiPatternTrend: per group, the Theil–Sen slope and Mann–Kendall test of a metric over the periods.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "MoaiPatternTrend")]
    [OutputType("MoaiPatterns.PatternTrend")]
    public sealed class MeasureMoaiPatternTrendCommand : AnalysisCmdlet
    {
        /// <summary>Keys to group by; one trend per combination of their values.</summary>
        [Parameter(Position = 0)]
        [ValidateSet("Type", "Agent", "TaskType", "ErrorType", "Tag", "Environment", "Project", "CorrectionType", "Severity")]
        public string[]? GroupBy { get; set; }

        /// <summary>The periods of the series (UTC): Hour, Day (default), Week (ISO), Month.</summary>
        [Parameter]
        public AnalysisInterval Interval { get; set; } = AnalysisInterval.Day;

        /// <summary>What is followed: DurationP50 (default), DurationP95, SuccessRate, Count.</summary>
        [Parameter]
        public TrendMetric Metric { get; set; } = TrendMetric.DurationP50;

        protected override void ProcessRecord()
        {
            var query = new MeasureQuery(Filter(), MeasureMoaiPatternCommand.ParseKeys(GroupBy), Interval);
            RunEngine(() =>
            {
                foreach (var t in PatternTrend.FromStatistics(Engine.Measure(query), Metric)) WriteObject(AnalysisObjects.Trend(t));
            });
        }
    }
}
