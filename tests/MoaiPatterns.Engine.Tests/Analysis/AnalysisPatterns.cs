using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using MoaiPatterns.Analysis;
using MoaiPatterns.Query;
using MoaiPatterns.Tests.Differential;

namespace MoaiPatterns.Tests.Analysis
{
    /// <summary>Seeded random patterns for the statistics: every group key, missing values, unknown fields carrying
    /// success/duration/tokens, case and Unicode variants of one key, timestamps across hour, week and month edges.</summary>
    public sealed class AnalysisPatterns
    {
        private static readonly TimeSpan[] Offsets = { TimeSpan.Zero, TimeSpan.FromHours(5.5), TimeSpan.FromHours(-8), TimeSpan.FromHours(14) };
        private static readonly string[] Agents = { "coder", "Coder", "CODER", "\u212A-bot", "k-bot", "\u03C2igma", "\u03A3IGMA", "reviewer" };
        private static readonly string[] TaskTypes = { "build", "Build", "api", "caf\u00E9", "cafe\u0301" };
        private static readonly string[] Environments = { "development", "staging", "production" };
        private static readonly string[] Severities = { "minor", "moderate", "critical" };
        private static readonly DateTimeOffset Base = new DateTimeOffset(2025, 1, 25, 0, 0, 0, TimeSpan.Zero);
        private readonly Random _r;

        public AnalysisPatterns(int seed) => _r = new Random(seed);

        private T Pick<T>(T[] from) => from[_r.Next(from.Length)];
        private T? Maybe<T>(T value) where T : class => _r.Next(4) == 0 ? null : value;

        public MoaiPattern Pattern(int i)
        {
            var type = (PatternType)_r.Next(4);
            var at = Base.AddMinutes(_r.Next(60 * 24 * 70)).AddMilliseconds(_r.Next(60_000));
            var tags = Enumerable.Range(0, _r.Next(3)).Select(_ => _r.Next(3) == 0 ? TrickyText.Pick(_r) : Pick(new[] { "ci", "CI", "nightly", "\u212A" })).ToArray();
            var context = new PatternContext
            {
                ProjectName = Maybe(Pick(new[] { "moai", "MOAI", "flow" })),
                Environment = Maybe(Pick(Environments)),
                Tags = tags,
            };
            var id = "a" + i.ToString("D5");
            var data = Data(type);
            if (_r.Next(4) == 0 && (type == PatternType.ErrorOccurrence || type == PatternType.UserCorrection))
            {
                // Unknown fields a type does not define: the analysis reads them under the seed's names.
                data.AdditionalProperties = new JsonFields
                {
                    ["success"] = JsonDocument.Parse(_r.Next(2) == 0 ? "true" : "\"yes\"").RootElement,
                    ["duration_ms"] = JsonDocument.Parse(_r.Next(3) == 0 ? "12.5" : _r.Next(4000).ToString()).RootElement,
                    ["tokens_used"] = JsonDocument.Parse(_r.Next(500).ToString()).RootElement,
                };
            }
            else if (_r.Next(4) == 0 && type == PatternType.TaskCompletion)
                data.AdditionalProperties = new JsonFields { ["tokens_used"] = JsonDocument.Parse(_r.Next(500).ToString()).RootElement };
            return new MoaiPattern(id, type, at.ToOffset(Pick(Offsets)), data, context);
        }

        private PatternData Data(PatternType type)
        {
            switch (type)
            {
                case PatternType.TaskCompletion:
                    return new TaskCompletionData { TaskType = Pick(TaskTypes), Agent = Pick(Agents), DurationMs = _r.Next(3) == 0 ? _r.Next(100) : _r.Next(20000), Success = _r.Next(4) != 0 };
                case PatternType.ErrorOccurrence:
                    return new ErrorOccurrenceData { ErrorType = Pick(new[] { "TypeError", "typeerror", "IOError" }), ErrorMessage = "boom " + _r.Next(9) };
                case PatternType.AgentUsage:
                    return new AgentUsageData
                    {
                        AgentType = Pick(Agents), TaskType = Pick(TaskTypes), Success = _r.Next(3) != 0, DurationMs = _r.Next(9000),
                        TokensUsed = _r.Next(3) == 0 ? (long?)null : _r.Next(100_000),
                    };
                default:
                    return new UserCorrectionData
                    {
                        OriginalOutput = "a", CorrectedOutput = "b", CorrectionType = Pick(new[] { "style", "Style", "logic" }), Agent = Pick(Agents),
                        Severity = _r.Next(3) == 0 ? null : Pick(Severities), TaskType = _r.Next(2) == 0 ? null : Pick(TaskTypes),
                    };
            }
        }

        public MeasureQuery Measure()
        {
            var q = new PatternQuery();
            if (_r.Next(4) == 0) q.Types = Enumerable.Range(0, 1 + _r.Next(2)).Select(_ => (PatternType)_r.Next(4)).ToArray();
            if (_r.Next(4) == 0) q.Tags = new[] { Pick(new[] { "ci", "nightly", "k" }) };
            if (_r.Next(4) == 0) q.Agent = Pick(Agents);
            if (_r.Next(6) == 0) q.Text = Pick(new[] { "boom", "caf", "b" });
            if (_r.Next(3) == 0) q.After = Base.AddDays(_r.Next(60)).ToOffset(Pick(Offsets));
            if (_r.Next(3) == 0) q.Before = (q.After ?? Base).AddDays(1 + _r.Next(40));
            var keys = Enum.GetValues(typeof(AnalysisKey)).Cast<AnalysisKey>().Where(_ => _r.Next(6) == 0).OrderBy(_ => _r.Next()).ToArray();
            AnalysisInterval? interval = _r.Next(2) == 0 ? (AnalysisInterval?)null : (AnalysisInterval)_r.Next(4);
            return new MeasureQuery(q, keys, interval);
        }
    }
}
