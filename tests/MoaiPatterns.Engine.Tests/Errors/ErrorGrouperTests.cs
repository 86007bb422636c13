using System;
using System.Linq;
using MoaiPatterns.Errors;
using Xunit;

namespace MoaiPatterns.Tests.Errors
{
    public sealed class ErrorGrouperTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

        internal static MoaiPattern Error(string id, int minutes, string type, string message, string? resolution = null,
            bool? auto = null, long? ms = null, string? agent = null, string? file = null, string? function = null, string[]? tags = null) =>
            new MoaiPattern(id, PatternType.ErrorOccurrence, T0.AddMinutes(minutes), new ErrorOccurrenceData
            {
                ErrorType = type, ErrorMessage = message, Resolution = resolution, AutoResolved = auto, ResolutionTimeMs = ms,
                FilePath = file, FunctionName = function,
                AdditionalProperties = agent == null ? null : new JsonFields
                    { ["agent"] = System.Text.Json.JsonDocument.Parse("\"" + agent + "\"").RootElement },
            }, new PatternContext { Tags = tags });

        [Fact]
        public void Groups_by_type_and_template_with_counts_times_agents_files_and_resolutions()
        {
            var g = new ErrorGrouper();
            g.Add(Error("a", 0, "FileNotFoundError", "No such file: 'a.txt'", "touch it", auto: true, ms: 100, agent: "Coder", file: "x.py"));
            g.Add(Error("b", 5, "FileNotFoundError", "No such file: 'b/c.txt'", "touch it", auto: false, ms: 300, agent: "tester", file: "y.py"));
            g.Add(Error("c", 9, "FileNotFoundError", "No such file: 'd.txt'", "restore backup", ms: 50, agent: "coder", file: "x.py"));
            g.Add(Error("d", 3, "IOError", "No such file: 'a.txt'"));
            g.Add(Error("e", 2, "FileNotFoundError", "No such file: 'e.txt'"));
            g.Add(new MoaiPattern("task", PatternType.TaskCompletion, T0, new TaskCompletionData { TaskType = "t", Agent = "a", DurationMs = 1, Success = true }));

            var groups = g.Result();
            Assert.Equal(2, groups.Count);
            var fnf = groups[0];
            Assert.Equal("FileNotFoundError", fnf.ErrorType);
            Assert.Equal("No such file: <str>", fnf.Template);
            Assert.Equal(4, fnf.Count);
            Assert.Equal(T0, fnf.FirstSeen);
            Assert.Equal(T0.AddMinutes(9), fnf.LastSeen);
            Assert.Equal(new[] { "coder", "tester" }, fnf.Agents);
            Assert.Equal(new[] { "x.py", "y.py" }, fnf.Files);
            Assert.Equal(new[] { "c", "b", "e", "a" }, fnf.SampleIds);
            Assert.Equal(2, fnf.Resolutions.Length);
            Assert.Equal("touch it", fnf.Resolutions[0].Resolution);
            Assert.Equal(2, fnf.Resolutions[0].Count);
            Assert.Equal(1, fnf.Resolutions[0].AutoResolved);
            Assert.Equal(100, fnf.Resolutions[0].MedianResolutionTimeMs);
            Assert.Equal("restore backup", fnf.Resolutions[1].Resolution);
            Assert.Equal("IOError", groups[1].ErrorType);
            Assert.NotEqual(fnf.Signature, groups[1].Signature);
            Assert.Empty(groups[1].Resolutions);
        }

        [Fact]
        public void Keeps_only_the_five_newest_samples()
        {
            var g = new ErrorGrouper();
            for (var i = 0; i < 40; i++) g.Add(Error("id" + i.ToString("00"), i, "E", "failed after " + i + " tries"));
            var group = Assert.Single(g.Result());
            Assert.Equal(40, group.Count);
            Assert.Equal(new[] { "id39", "id38", "id37", "id36", "id35" }, group.SampleIds);
        }
    }
}
