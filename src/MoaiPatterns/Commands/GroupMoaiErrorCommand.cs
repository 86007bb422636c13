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
    public sealed class GroupMoaiErrorCommand : FilteredCmdlet
    {
        protected override void EndProcessing()
        {
            var query = Filter(new[] { PatternType.ErrorOccurrence });
            RunEngine(() =>
            {
                foreach (var g in ErrorGrouper.Group(Engine, query)) WriteObject(g);
            });
            base.EndProcessing();
        }
    }
}
