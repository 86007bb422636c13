using System;
using System.Management.Automation;
using MoaiPatterns.Query;

namespace MoaiPatterns.Commands
{
    /// <summary>Find-MoaiPattern: patterns matching every filter given, newest first, streamed one at a time.</summary>
    [Cmdlet(VerbsCommon.Find, "MoaiPattern", SupportsPaging = true, DefaultParameterSetName = QuerySet)]
    [OutputType(typeof(MoaiPattern))]
    public sealed class FindMoaiPatternCommand : StoreCmdlet
    {
        public const string QuerySet = "Query";

        /// <summary>Any of these pattern types (enum names or task_completion …). Default: all.</summary>
        [Parameter(Position = 0, ParameterSetName = QuerySet)]
        [PatternTypeTransformation]
        public PatternType[]? Type { get; set; }

        /// <summary>Tags the pattern must all carry (case-insensitive).</summary>
        [Parameter(ParameterSetName = QuerySet)]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string[]? Tag { get; set; }

        /// <summary>Only patterns at or after this instant.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        public DateTimeOffset? After { get; set; }

        /// <summary>Only patterns before this instant.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        public DateTimeOffset? Before { get; set; }

        /// <summary>Only patterns of this agent (data.agent or data.agent_type, case-insensitive).</summary>
        [Parameter(ParameterSetName = QuerySet)]
        [ArgumentCompleter(typeof(AgentCompleter))]
        public string? Agent { get; set; }

        /// <summary>Full-text search: every word must start a word somewhere in the pattern's data or context.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        public string? Text { get; set; }

        protected override bool CreatesStore => false;

        protected override void ProcessRecord()
        {
            if (After != null && Before != null && After.Value >= Before.Value)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    $"-After ({After.Value:o}) must be earlier than -Before ({Before.Value:o}); as given, nothing can match.", After));
            }

            var query = new PatternQuery
            {
                Types = Type, Tags = Tag, After = After, Before = Before, Agent = Agent, Text = Text,
                Skip = (long)Math.Min(PagingParameters.Skip, long.MaxValue),
                First = PagingParameters.First >= long.MaxValue ? (long?)null : (long)PagingParameters.First,
            };

            RunEngine(() =>
            {
                if (PagingParameters.IncludeTotalCount)
                {
                    var total = Engine.Count(query.WithoutPaging());
                    WriteObject(PagingParameters.NewTotalCount((ulong)total, 1.0));
                }
                if (query.First == 0) return;
                var store = CurrentStore;
                foreach (var pattern in Engine.Find(query)) WriteObject(PatternOrigins.Remember(pattern, store));
            });
        }
    }
}
