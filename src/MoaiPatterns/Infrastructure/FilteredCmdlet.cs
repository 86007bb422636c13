using System;
using System.Management.Automation;
using MoaiPatterns.Query;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Base of the cmdlets that read with the Find filters other than -Type (which each declares itself: its position
    /// and whether it exists differ): -Tag -After -Before -Agent -Text, checked once and turned into a <see cref="PatternQuery"/>.
    /// </summary>
    public abstract class FilteredCmdlet : StoreCmdlet
    {
        /// <summary>Tags the pattern must all carry (case-insensitive).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string[]? Tag { get; set; }

        /// <summary>Only patterns whose timestamp is at or after this instant.</summary>
        [Parameter]
        public DateTimeOffset? After { get; set; }

        /// <summary>Only patterns whose timestamp is before this instant.</summary>
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

        /// <summary>The filters, of the given types, as a query; an empty time range is a terminating InvalidArgument error.</summary>
        protected PatternQuery Filter(PatternType[]? types) => FilterQuery(types, Tag, After, Before, Agent, Text);
    }
}
