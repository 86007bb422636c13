using System.Management.Automation;
using MoaiPatterns.Query;

namespace MoaiPatterns.Commands
{
    /// <summary>Get-MoaiPattern: patterns by id (from arguments, strings on the pipeline, or objects with a PatternId/Id property).</summary>
    [Cmdlet(VerbsCommon.Get, "MoaiPattern")]
    [OutputType(typeof(MoaiPattern))]
    public sealed class GetMoaiPatternCommand : StoreCmdlet
    {
        /// <summary>Pattern ids; wildcards (*, ?) match against the store's ids. Omit to list every pattern, newest first.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PatternId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PatternIdCompleter))]
        public string[]? Id { get; set; }

        protected override bool CreatesStore => false;

        protected override void ProcessRecord()
        {
            if (Id == null || Id.Length == 0)
            {
                RunEngine(() => { foreach (var p in Engine.Find(PatternQuery.All)) WriteObject(PatternOrigins.Remember(p, CurrentStore)); });
                return;
            }
            foreach (var id in Id)
            {
                if (WildcardPattern.ContainsWildcardCharacters(id))
                {
                    var pattern = new WildcardPattern(id, WildcardOptions.IgnoreCase);
                    RunEngine(() => { foreach (var p in Engine.Find(PatternQuery.All)) if (pattern.IsMatch(p.PatternId)) WriteObject(PatternOrigins.Remember(p, CurrentStore)); });
                    continue;
                }
                MoaiPattern? found = null;
                RunEngine(() => found = Engine.Get(id));
                if (found != null) WriteObject(PatternOrigins.Remember(found, CurrentStore));
                else WriteError(ErrorRecords.PatternNotFound(id, StoreDisplayPath));
            }
        }
    }
}
