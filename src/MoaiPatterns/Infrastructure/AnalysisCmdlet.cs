using System;
using System.Management.Automation;
using MoaiPatterns.Query;

namespace MoaiPatterns.Commands
{
    /// <summary>Base of the analysis cmdlets: the Find filters (without paging), checked and turned into a <see cref="PatternQuery"/>.</summary>
    public abstract class AnalysisCmdlet : StoreCmdlet
    {
        /// <summary>Any of these pattern types (enum names or task_completion …). Default: all.</summary>
        [Parameter]
        [PatternTypeTransformation]
        public PatternType[]? Type { get; set; }

        /// <summary>Tags the pattern must all carry (case-insensitive).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string[]? Tag { get; set; }

        /// <summary>Only patterns at or after this instant.</summary>
        [Parameter]
        public DateTimeOffset? After { get; set; }

        /// <summary>Only patterns before this instant.</summary>
        [Parameter]
        public DateTimeOffset? Before { get; set; }

        /// <summary>Only patterns of this agent (data.agent or data.agent_type, case-insensitive).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AgentCompleter))]
        public string? Agent { get; set; }

        /// <summary>Full-text search: every word must start a word somewhere in the pattern's data or context.</summary>
        [Parameter]
        public string? Text { get; set; }

        protected override bool CreatesStore => false;

        /// <summary>The filters as a query; an empty time range is a terminating InvalidArgument error.</summary>
        protected PatternQuery Filter() => FilterQuery(Type, Tag, After, Before, Agent, Text);
    }
}
