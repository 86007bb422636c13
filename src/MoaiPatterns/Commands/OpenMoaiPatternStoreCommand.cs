using System;
using System.Management.Automation;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>Open-MoaiPatternStore: a store object for -Store; creates the store when it does not exist.</summary>
    [Cmdlet(VerbsCommon.Open, "MoaiPatternStore")]
    [OutputType(typeof(MoaiPatternStore))]
    public sealed class OpenMoaiPatternStoreCommand : PSCmdlet
    {
        /// <summary>The store's folder, or its database file (.db, .sqlite, .sqlite3 = SQLite). Relative to the PowerShell location.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Force a backend instead of choosing by the file extension.</summary>
        [Parameter(Position = 1)]
        public StoreBackend? Backend { get; set; }

        protected override void ProcessRecord()
        {
            var fullPath = StoreLocation.ToFullPath(Path, SessionState);
            try
            {
                // The lease ends at once: the registry keeps the store warm, its files are released.
                using var lease = StoreRegistry.Acquire(fullPath, Backend, create: true);
                WriteVerbose($"Opened the {StoreTarget.BackendName(lease.Store.Backend)} pattern store '{StoreLocation.Redact(lease.Store.Path)}'.");
                foreach (var w in lease.Engine.DrainWarnings()) WriteWarning($"{w.Target}: {w.Message}");
                WriteObject(lease.Store);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && ErrorRecords.FromStoreException(ex, fullPath) != null)
            {
                ThrowTerminatingError(ErrorRecords.FromStoreException(ex, fullPath)!);
            }
        }
    }
}
