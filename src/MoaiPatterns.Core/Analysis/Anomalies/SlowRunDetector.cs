using System;
using System.Collections.Generic;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Analysis.Anomalies
{
    /// <summary>
    /// SlowRun: a pattern whose duration is far above its peers'. Within each (type, agent, task_type) group of at least 20
    /// durations, the modified z-score of ln(1 + duration_ms) from the group's median and MAD, z = 0.6745·(x − median)/MAD,
    /// above 3.5 (Iglewicz and Hoaglin). The log makes "10× slower" equally far whether a run usually takes 1 s or 1 min.
    /// When more than half the runs share one duration (MAD = 0), the mean absolute deviation stands in
    /// (z = (x − median)/(1.253314·MeanAD)); a group whose durations are all equal has no outliers.
    /// Two passes over the facts: the first keeps only each group's durations, the second compares each run.
    /// </summary>
    public sealed class SlowRunDetector : IAnomalyDetector
    {
        public const int MinGroupSize = 20;
        public const double Threshold = 3.5;

        public string Kind => "SlowRun";

        public IEnumerable<PatternAnomaly> Detect(IPatternStore store, PatternQuery filter)
        {
            var groups = new Dictionary<string, Peers>(StringComparer.Ordinal);
            foreach (var f in store.Facts(filter))
            {
                if (f.DurationMs == null || f.DurationMs.Value < 0) continue;
                var id = GroupId(f);
                if (!groups.TryGetValue(id, out var peers)) groups.Add(id, peers = new Peers());
                peers.Durations.Add(f.DurationMs.Value);
            }
            foreach (var peers in groups.Values) peers.Settle();
            foreach (var f in store.Facts(filter))
            {
                if (f.DurationMs == null || f.DurationMs.Value < 0) continue;
                if (!groups.TryGetValue(GroupId(f), out var peers) || !peers.Usable) continue;
                var z = peers.Score(f.DurationMs.Value);
                if (z > Threshold) yield return Anomaly(f, peers, z);
            }
        }

        private PatternAnomaly Anomaly(PatternFacts f, Peers peers, double z)
        {
            var d = f.DurationMs!.Value;
            var subject = (f.TaskType ?? f.Type.ToString()) + (f.Agent == null ? "" : " by " + f.Agent);
            var ratio = peers.MedianMs > 0 ? ", " + Humanize.Times(d / peers.MedianMs) + " its median of " : ", against its median of ";
            var text = $"{subject} took {Humanize.Duration(d)}{ratio}{Humanize.Duration(peers.MedianMs)} over {peers.Count} runs: " +
                       $"look at pattern {f.PatternId} for what made this run slow.";
            var group = PatternAnomaly.GroupText(("type", f.Type.ToString()), ("agent", f.Agent), ("task_type", f.TaskType));
            return new PatternAnomaly(Kind, TimeBucket.ToUtc(f.UnixMs), f.PatternId, group, d, peers.MedianMs, z, text);
        }

        private static string GroupId(PatternFacts f) =>
            (int)f.Type + "|" + (f.Agent == null ? "-" : f.Agent.Length + ":" + f.Agent) + "|" + (f.TaskType == null ? "-" : f.TaskType.Length + ":" + f.TaskType);

        private sealed class Peers
        {
            public readonly List<long> Durations = new List<long>();
            private double _medianLog, _scale;

            public bool Usable { get; private set; }
            public int Count { get; private set; }
            public double MedianMs { get; private set; }

            public void Settle()
            {
                Count = Durations.Count;
                if (Count < MinGroupSize) { Durations.Clear(); return; }
                Durations.Sort();  // ln(1 + d) is increasing: sorting durations sorts their logs
                var logs = Durations.ConvertAll(d => Math.Log(1 + d));
                MedianMs = Percentile.Median(Durations.ConvertAll(d => (double)d));
                _medianLog = Percentile.Median(logs);
                var deviations = logs.ConvertAll(x => Math.Abs(x - _medianLog));
                deviations.Sort();
                var mad = Percentile.Median(deviations);
                if (mad > 0) _scale = mad / 0.6745;
                else
                {
                    var meanAd = 0.0;
                    foreach (var x in deviations) meanAd += x;
                    meanAd /= deviations.Count;
                    _scale = 1.253314 * meanAd;
                }
                Usable = _scale > 0;
                Durations.Clear();
                Durations.TrimExcess();
            }

            public double Score(long durationMs) => (Math.Log(1 + durationMs) - _medianLog) / _scale;
        }
    }
}
