using System;
using System.Management.Automation;
using MoaiPatterns.Errors;
using MoaiPatterns.Query;

namespace MoaiPatterns.Commands
{
    /// <summary>Group-MoaiError: ErrorOccurrence patterns matching the Find filters, grouped by type and masked
    /// message template (<see cref="ErrorTemplate"/>), largest group first. Streams the store once; memory grows
    /// with the number of groups.</summary>
    [Cmdlet(VerbsData.Group, "MoaiError")]
    [OutputType(typeof(ErrorGroup))]
    public sealed class GroupMoaiErrorCommand : StoreCmdlet
    {
        /// <summary>Tags the error must all carry (case-insensitive).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string[]? Tag { get; set; }

        /// <summary>Only errors at or after this instant.</summary>
        [Parameter]
        public DateTimeOffset? After { get; set; }

        /// <summary>Only errors before this instant.</summary>
        [Parameter]
        public DateTimeOffset? Before { get; set; }

        /// <summary>Only errors of this agent (case-insensitive).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AgentCompleter))]
        public string? Agent { get; set; }

        /// <summary>Full-text filter: every word must start a word of the error's data or context.</summary>
        [Parameter]
        public string? Text { get; set; }

        protected override bool CreatesStore => false;

        protected override void EndProcessing()
        {
            var query = FilterQuery(new[] { PatternType.ErrorOccurrence }, Tag, After, Before, Agent, Text);
            RunEngine(() =>
            {
                foreach (var g in ErrorGrouper.Group(Engine, query)) WriteObject(g);
            });
            base.EndProcessing();
        }
    }
}
