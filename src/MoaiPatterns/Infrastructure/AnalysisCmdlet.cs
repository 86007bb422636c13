using System;
using System.Management.Automation;
using MoaiPatterns.Query;

namespace MoaiPatterns.Commands
{
    /// <summary>Base of the analysis cmdlets: the Find filters (without paging), checked and turned into a <see cref="PatternQuery"/>.</summary>
    public abstract class AnalysisCmdlet : FilteredCmdlet
    {
        /// <summary>Any of these pattern types (enum names or task_completion …). Default: all.</summary>
        [Parameter]
        [PatternTypeTransformation]
        public PatternType[]? Type { get; set; }

        /// <summary>The filters as a query; an empty time range is a terminating InvalidArgument error.</summary>
        protected PatternQuery Filter() => Filter(Type);
    }
}
