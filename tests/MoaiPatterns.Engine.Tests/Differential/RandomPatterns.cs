using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Query;

namespace MoaiPatterns.Tests.Differential
{
    /// <summary>Seeded random patterns and queries over <see cref="TrickyText"/>, with timestamp ties and several offsets.</summary>
    public sealed class RandomPatterns
    {
        private static readonly TimeSpan[] Offsets =
            { TimeSpan.Zero, TimeSpan.FromHours(5.5), TimeSpan.FromHours(-8), TimeSpan.FromHours(14), TimeSpan.FromMinutes(-570) };
        private static readonly DateTimeOffset Base = new DateTimeOffset(2025, 3, 30, 22, 0, 0, TimeSpan.Zero);
        private readonly Random _r;
        private readonly List<DateTimeOffset> _instants = new List<DateTimeOffset>();

        public RandomPatterns(int seed) => _r = new Random(seed);

        public MoaiPattern Pattern(int i)
        {
            var type = (PatternType)_r.Next(4);
            var at = Instant();
            var ts = at.ToOffset(Offsets[_r.Next(Offsets.Length)]);
            var tags = Enumerable.Range(0, _r.Next(4)).Select(_ => TrickyText.Pick(_r)).ToArray();
            var context = new PatternContext { ProjectName = TrickyText.Sentence(_r), Tags = tags };
            if (_r.Next(3) == 0) context.GitBranch = TrickyText.Pick(_r);
            var id = "d" + i.ToString("D4") + (_r.Next(2) == 0 ? "-A" : "-b");
            return new MoaiPattern(id, type, ts, Data(type), context);
        }

        private DateTimeOffset Instant()
        {
            // A third of the patterns share an instant (to the tick) with an earlier one: ties are ordered by id.
            if (_instants.Count > 0 && _r.Next(3) == 0) return _instants[_r.Next(_instants.Count)];
            var at = Base.AddMinutes(_r.Next(60 * 24 * 5)).AddTicks(_r.Next(10_000_000));
            _instants.Add(at);
            return at;
        }

        private PatternData Data(PatternType type)
        {
            var agent = TrickyText.Pick(_r);
            switch (type)
            {
                case PatternType.TaskCompletion:
                    return new TaskCompletionData { TaskType = TrickyText.Sentence(_r), Agent = agent, DurationMs = _r.Next(5000), Success = _r.Next(2) == 0 };
                case PatternType.ErrorOccurrence:
                    return new ErrorOccurrenceData { ErrorType = TrickyText.Pick(_r) + "Error", ErrorMessage = TrickyText.Sentence(_r), FilePath = "src/" + TrickyText.Pick(_r) + ".py" };
                case PatternType.AgentUsage:
                    return new AgentUsageData { AgentType = agent, TaskType = TrickyText.Sentence(_r), Success = true, DurationMs = _r.Next(9000), ToolsUsed = new[] { TrickyText.Pick(_r) } };
                default:
                    return new UserCorrectionData { OriginalOutput = TrickyText.Sentence(_r), CorrectedOutput = TrickyText.Sentence(_r), CorrectionType = "style", Agent = agent };
            }
        }

        public PatternQuery Query()
        {
            var q = new PatternQuery();
            if (_r.Next(4) == 0) q.Types = Enumerable.Range(0, 1 + _r.Next(3)).Select(_ => (PatternType)_r.Next(4)).ToArray();
            if (_r.Next(2) == 0) q.Tags = Enumerable.Range(0, 1 + _r.Next(2)).Select(_ => TrickyText.Pick(_r)).ToArray();
            if (_r.Next(3) == 0) q.Agent = TrickyText.Pick(_r);
            if (_r.Next(2) == 0) q.Text = string.Join(_r.Next(2) == 0 ? " " : ", ", Enumerable.Range(0, 1 + _r.Next(2)).Select(_ => TrickyText.QueryWord(_r)));
            if (_r.Next(3) == 0) q.After = Base.AddMinutes(_r.Next(60 * 24 * 5)).ToOffset(Offsets[_r.Next(Offsets.Length)]);
            if (_r.Next(3) == 0) q.Before = (q.After ?? Base).AddMinutes(_r.Next(60 * 24 * 4)).ToOffset(Offsets[_r.Next(Offsets.Length)]);
            if (_r.Next(4) == 0) q.Skip = _r.Next(5);
            if (_r.Next(3) == 0) q.First = 1 + _r.Next(10);
            if (_r.Next(10) == 0 && _instants.Count > 0)
            {
                // A bound exactly on a stored instant: inclusive After, exclusive Before, at millisecond resolution.
                var at = _instants[_r.Next(_instants.Count)];
                if (_r.Next(2) == 0) q.After = at; else q.Before = at;
            }
            return q;
        }
    }
}
