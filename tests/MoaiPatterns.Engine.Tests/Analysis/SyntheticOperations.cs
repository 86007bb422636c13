using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Analysis;

namespace MoaiPatterns.Tests.Analysis
{
    /// <summary>
    /// A month of steady agent work: 3 agents × 3 task types running every day with bounded jitter around each group's
    /// usual duration and a 10% failure rate, and 3 error types a few times a day. With <c>plant</c>, known anomalies are
    /// added: slow runs (20–60× the usual), days on which one group fails 9 of 12 runs, days with a burst of one error type.
    /// </summary>
    public sealed class SyntheticOperations
    {
        public static readonly DateTimeOffset Day0 = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);
        private static readonly string[] Agents = { "alpha", "beta", "gamma" };
        private static readonly string[] Tasks = { "build", "test", "deploy" };
        private static readonly string[] ErrorTypes = { "TypeError", "KeyError", "IOError" };

        public List<MoaiPattern> Patterns { get; } = new List<MoaiPattern>();
        /// <summary>What was planted, as Kind + "|" + PatternId or Kind + "|" + group + "|" + day.</summary>
        public HashSet<string> Planted { get; } = new HashSet<string>();

        public SyntheticOperations(int seed, bool plant, int days = 30, int runsPerDay = 10)
        {
            var r = new Random(seed);
            var n = 0;
            var spikes = plant ? new HashSet<(int, int, int)> { (r.Next(3), r.Next(3), 5 + r.Next(days - 5)), (r.Next(3), r.Next(3), 5 + r.Next(days - 5)) } : new HashSet<(int, int, int)>();
            var bursts = plant ? new HashSet<(int, int)> { (0, 3 + r.Next(days - 3)), (2, 3 + r.Next(days - 3)) } : new HashSet<(int, int)>();
            for (var d = 0; d < days; d++)
            {
                for (var a = 0; a < Agents.Length; a++)
                    for (var t = 0; t < Tasks.Length; t++)
                    {
                        var usual = 800.0 * (1 + a) * (1 + 2 * t);
                        var spike = spikes.Contains((a, t, d));
                        var runs = spike ? runsPerDay + 2 : runsPerDay;
                        if (spike) Planted.Add("FailureSpike|" + $"agent={Agents[a]}, task_type={Tasks[t]}|" + Day(d));
                        for (var k = 0; k < runs; k++)
                        {
                            var at = Day0.AddDays(d).AddMinutes(r.Next(24 * 60));
                            var ms = (long)(usual * (0.75 + 0.5 * r.NextDouble()) * (0.9 + 0.2 * r.NextDouble()));
                            var id = "run" + (n++).ToString("D6");
                            if (plant && (r.Next(600) == 0 || (d == 2 && a == 0 && t == 0 && k == 0)))
                            {
                                ms = (long)(usual * (20 + r.Next(40)));
                                Planted.Add("SlowRun|" + id);
                            }
                            // A planted spike fails 9 of its 12 runs (75% against the usual 10%).
                            var ok = spike ? k >= 9 : r.NextDouble() >= 0.1;
                            Patterns.Add(new MoaiPattern(id, PatternType.TaskCompletion, at,
                                new TaskCompletionData { TaskType = Tasks[t], Agent = Agents[a], DurationMs = ms, Success = ok }));
                        }
                    }
                for (var e = 0; e < ErrorTypes.Length; e++)
                {
                    var burst = bursts.Contains((e, d));
                    var count = burst ? 40 + r.Next(20) : 3 + r.Next(5);
                    if (burst) Planted.Add("ErrorBurst|error_type=" + ErrorTypes[e].ToLowerInvariant() + "|" + Day(d));
                    for (var k = 0; k < count; k++)
                        Patterns.Add(new MoaiPattern("err" + (n++).ToString("D6"), PatternType.ErrorOccurrence, Day0.AddDays(d).AddMinutes(r.Next(24 * 60)),
                            new ErrorOccurrenceData { ErrorType = ErrorTypes[e], ErrorMessage = "failure " + r.Next(1000) }));
                }
            }
        }

        public static string Day(int d) => Day0.AddDays(d).ToString("yyyy-MM-dd");

        /// <summary>The key an anomaly is matched to a planted one by.</summary>
        public static string KeyOf(PatternAnomaly a) =>
            a.PatternId != null ? a.Kind + "|" + a.PatternId : a.Kind + "|" + a.Group + "|" + a.Timestamp.UtcDateTime.ToString("yyyy-MM-dd");
    }
}
