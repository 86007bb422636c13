using System;
using System.Management.Automation;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>Open-MoaiPatternStore: a store object for -Store; creates the store when it does not exist.</summary>
    [Cmdlet(VerbsCommon.Open, "MoaiPatternStore", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(MoaiPatternStore))]
    public sealed class OpenMoaiPatternStoreCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string ConnectionStringSet = "ConnectionString";

        /// <summary>The store's folder, its database file (.db, .sqlite, .sqlite3 = SQLite), or a PostgreSQL address
        /// (postgresql://[user@]host[:port]/database[?schema=name]). Relative to the PowerShell location.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>An Npgsql connection string (Host=…;Database=…;Username=…); the schema is the first of
        /// Search Path, else moai. TLS options pass through (SSL Mode=Require).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectionStringSet)]
        [ValidateNotNullOrEmpty]
        public string ConnectionString { get; set; } = null!;

        /// <summary>User and password for a PostgreSQL store; they win over any in the address or connection
        /// string. Without it the password comes from the address, PGPASSWORD or a pgpass file; never a prompt.</summary>
        [Parameter]
        public PSCredential? Credential { get; set; }

        /// <summary>Force a backend instead of choosing by the path (PostgreSql for an address or -ConnectionString).</summary>
        [Parameter(Position = 1)]
        public StoreBackend? Backend { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ConnectionStringSet || Credential != null || PatternStores.IsAddress(Path)) OpenServerStore();
            else OpenPathStore();
        }

        private void OpenPathStore()
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
            catch (Exception ex) when (!(ex is PipelineStoppedException) && ErrorRecords.FromStoreException(ex, StoreLocation.Redact(fullPath)) != null)
            {
                ThrowTerminatingError(ErrorRecords.FromStoreException(ex, StoreLocation.Redact(fullPath))!);
            }
        }

        /// <summary>A PostgreSQL store from an address or a connection string, with the credential's user and password.</summary>
        private void OpenServerStore()
        {
            var text = ParameterSetName == ConnectionStringSet ? ConnectionString : Path.Trim();
            var shown = PatternStores.DisplayAddress(text);
            if (Backend != null && Backend != StoreBackend.PostgreSql)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    $"-Backend {Backend} cannot open {(ParameterSetName == ConnectionStringSet ? "a connection string" : "a PostgreSQL address")}; use -Backend PostgreSql or leave it out.", shown));
            }
            if (ParameterSetName == PathSet && !PatternStores.IsAddress(text))
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    "-Credential applies to a PostgreSQL store: pass a postgresql:// address or -ConnectionString.", shown));
            }
            string? user = null, password = null;
            if (Credential != null && Credential != PSCredential.Empty)
            {
                var network = Credential.GetNetworkCredential();
                user = string.IsNullOrEmpty(network.Domain) ? network.UserName : Credential.UserName.TrimStart('\\');
                password = network.Password;
            }
            try
            {
                var engine = PatternStores.OpenPostgreSql(text, user, password, null, create: true);
                var store = new MoaiPatternStore(engine);
                WriteVerbose($"Opened the PostgreSQL pattern store '{store.Path}'.");
                engine.Release();  // connections go back to the pool until a command uses the store
                WriteObject(store);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && ErrorRecords.FromStoreException(ex, shown) != null)
            {
                ThrowTerminatingError(ErrorRecords.FromStoreException(ex, shown)!);
            }
        }
    }
}
