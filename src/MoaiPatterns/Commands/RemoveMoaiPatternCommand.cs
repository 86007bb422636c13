using System.Management.Automation;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>Remove-MoaiPattern: deletes patterns by id or piped pattern objects (Find-MoaiPattern … | Remove-MoaiPattern).</summary>
    [Cmdlet(VerbsCommon.Remove, "MoaiPattern", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(void))]
    public sealed class RemoveMoaiPatternCommand : StoreCmdlet
    {
        public const string IdSet = "Id";
        public const string InputObjectSet = "InputObject";

        /// <summary>Ids of the patterns to remove; strings on the pipeline or a PatternId/Id property bind here.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("PatternId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PatternIdCompleter))]
        public string[] Id { get; set; } = null!;

        /// <summary>Pattern objects to remove (e.g. from Find-MoaiPattern). Without -Store, each is removed from the store it was read from.</summary>
        // Default set, and not an array: otherwise a piped pattern bound to -Id by its PatternId property
        // (the binder prefers the default set, and wrapping in an array is a coercion) and lost the store it came from.
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [ValidateNotNull]
        public MoaiPattern InputObject { get; set; } = null!;

        protected override bool CreatesStore => false;

        protected override bool WritesStore => true;

        private MoaiPatternStore? _describedOrigin;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                var p = InputObject;
                {
                    var origin = MyInvocation.BoundParameters.ContainsKey(nameof(Store)) ? null : PatternOrigins.Of(p);
                    var description = $"{p.PatternId} ({p.PatternType}: {p.Summary})";
                    if (origin == null) RemoveOne(p.PatternId, description, CurrentStore);
                    else
                    {
                        if (!ReferenceEquals(origin, _describedOrigin))
                        {
                            _describedOrigin = origin;
                            WriteVerbose($"Using the {StoreTarget.BackendName(origin.Backend)} pattern store '{StoreLocation.Redact(origin.Path)}' (where the pattern was read from).");
                        }
                        using var lease = StoreRegistry.Acquire(origin);
                        RemoveOne(p.PatternId, description, lease.Store);
                    }
                }
            }
            else
            {
                foreach (var id in Id) RemoveOne(id, id, CurrentStore);
            }
        }

        private void RemoveOne(string id, string description, MoaiPatternStore store)
        {
            if (!Confirmation.ShouldProcess(this, $"pattern {description} in {store.Path}", "Remove pattern", out _)) return;
            var removed = false;
            RunEngine(() => removed = store.Engine.Remove(id));
            if (!removed) WriteError(ErrorRecords.PatternNotFound(id, store.Path));
            else WriteVerbose($"Removed pattern '{id}' from {store.Path}.");
        }
    }
}
