using System;
using System.Management.Automation;
using MoaiPatterns.Errors;
using MoaiPatterns.Query;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Find-MoaiResolution: the resolutions that fixed similar past errors, best first, for each error piped in
    /// (a message, an ErrorRecord, an Exception, an ErrorOccurrence pattern or hashtable). Ranking, candidates
    /// and suggestions are <see cref="ResolutionFinder"/>'s; the store only finds candidates.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "MoaiResolution")]
    [OutputType(typeof(ResolutionSuggestion))]
    public sealed class FindMoaiResolutionCommand : StoreCmdlet
    {
        /// <summary>The error: a message string, an ErrorRecord, an Exception, an ErrorOccurrence pattern or a hashtable of its data.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyString]
        public object? InputObject { get; set; }

        /// <summary>How many suggestions per error, best first (default 5).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int First { get; set; } = 5;

        /// <summary>Only past errors carrying all these tags suggest.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string[]? Tag { get; set; }

        /// <summary>Only past errors at or after this instant suggest.</summary>
        [Parameter]
        public DateTimeOffset? After { get; set; }

        /// <summary>Only past errors before this instant suggest.</summary>
        [Parameter]
        public DateTimeOffset? Before { get; set; }

        /// <summary>Only past errors of this agent suggest.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AgentCompleter))]
        public string? Agent { get; set; }

        protected override bool CreatesStore => false;

        private IErrorSearch? _search;

        protected override void ProcessRecord()
        {
            ErrorOccurrenceData error;
            try
            {
                error = ErrorQueryInput.ToErrorData(InputObject);
            }
            catch (ArgumentException ex)
            {
                WriteError(new ErrorRecord(new ArgumentException(ex.Message, ex), ErrorIds.NotAnError, ErrorCategory.InvalidArgument, InputObject));
                return;
            }
            var filter = FilterQuery(null, Tag, After, Before, Agent, null);
            RunEngine(() =>
            {
                _search ??= ResolutionFinder.SearchOf(Engine);
                foreach (var s in ResolutionFinder.Find(_search, ErrorDocument.Of(error), filter, First)) WriteObject(s);
            });
        }
    }
}
