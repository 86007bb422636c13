using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Analysis.Anomalies
{
    /// <summary>
    /// FailureSpike: a UTC day on which an (agent, task_type) group with at least 5 runs failed far more often than on its
    /// other days. "Far" is a binomial argument: at the group's failure rate on its other days (at least 20 runs there,
    /// smoothed as (failures + 1)/(runs + 2) so a clean history still allows the odd failure), the chance of at least that
    /// day's failures in that day's runs must be below 1% divided by the number of group-days tested (Bonferroni): on
    /// steady data the chance of even one false alarm in the whole answer is at most about 1%.
    /// </summary>
    public sealed class FailureSpikeDetector : IAnomalyDetector
    {
        public const int MinRunsThatDay = 5;
        public const int MinRunsOtherDays = 20;
        public const double FamilyAlpha = 0.01;

        public string Kind => "FailureSpike";

        public IEnumerable<PatternAnomaly> Detect(IPatternStore store, PatternQuery filter)
        {
            var stats = store.Measure(new MeasureQuery(filter, new[] { AnalysisKey.Agent, AnalysisKey.TaskType }, AnalysisInterval.Day));
            var groups = new List<List<PatternStatistics>>();
            foreach (var s in stats)
            {
                if (groups.Count == 0 || AnalysisKeys.Compare(groups[groups.Count - 1][0].KeyValues, s.KeyValues) != 0) groups.Add(new List<PatternStatistics>());
                groups[groups.Count - 1].Add(s);
            }
            var tests = new List<(PatternStatistics Day, long FailedOther, long RunsOther)>();
            foreach (var g in groups)
            {
                var failed = g.Sum(s => s.Failed);
                var runs = g.Sum(s => s.Succeeded + s.Failed);
                foreach (var day in g)
                {
                    var n = day.Succeeded + day.Failed;
                    if (n >= MinRunsThatDay && runs - n >= MinRunsOtherDays) tests.Add((day, failed - day.Failed, runs - n));
                }
            }
            var alpha = FamilyAlpha / Math.Max(1, tests.Count);
            foreach (var (day, failedOther, runsOther) in tests)
            {
                var n = day.Succeeded + day.Failed;
                var usual = (failedOther + 1.0) / (runsOther + 2.0);
                var rate = (double)day.Failed / n;
                if (rate <= (double)failedOther / runsOther) continue;
                var chance = Distributions.BinomialUpperTail(day.Failed, n, usual);
                if (chance >= alpha) continue;
                var agent = day.KeyValues[0];
                var task = day.KeyValues[1];
                var subject = (task ?? "runs") + (agent == null ? "" : " by " + agent);
                var otherRate = (double)failedOther / runsOther;
                var text = $"{subject} failed {day.Failed} of {n} runs on {Humanize.Day(day.Period!.Value.ToUnixTimeMilliseconds())} ({Humanize.Percent(rate)}), " +
                           $"against {Humanize.Percent(otherRate)} on its other days ({failedOther} of {runsOther}): look at what changed for it that day.";
                yield return new PatternAnomaly(Kind, day.Period!.Value, null, PatternAnomaly.GroupText(("agent", agent), ("task_type", task)),
                    rate, otherRate, -Math.Log10(Math.Max(chance, 1e-300)), text);
            }
        }
    }
}
