using System;
using MoaiPatterns.Query;
using System.Management.Automation;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Base of every store cmdlet: the -Store parameter, store resolution, warnings, and releasing the
    /// store at the end of the command (EndProcessing, or Dispose after Ctrl+C or a terminating error).
    /// </summary>
    public abstract class StoreCmdlet : PSCmdlet, IDisposable
    {
        private StoreLease? _lease;
        private bool _disposed;

        /// <summary>The store: an object from Open-MoaiPatternStore or a path (.db/.sqlite/.sqlite3 = SQLite, else a folder).
        /// Default: $env:MOAI_PATTERN_STORE, else ./.moai/patterns. Relative paths resolve against the PowerShell location.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Store { get; set; }

        /// <summary>Whether a missing store is created (writes) or is a StoreNotFound error (reads).</summary>
        protected abstract bool CreatesStore { get; }

        /// <summary>The command changes the store: access denied then means the store is read-only for this user.</summary>
        protected virtual bool WritesStore => CreatesStore;

        /// <summary>The leased store; opened on first use.</summary>
        protected MoaiPatternStore CurrentStore => (_lease ??= OpenStore()).Store;

        protected IPatternStore Engine => CurrentStore.Engine;

        /// <summary>Where the store is, for messages, even before (or without) opening it.</summary>
        protected string StoreDisplayPath => Target.DisplayPath;

        private StoreTarget? _target;

        /// <summary>Where -Store (or its default) points, resolved once without opening anything; says so under -Verbose.</summary>
        private protected StoreTarget Target
        {
            get
            {
                if (_target != null) return _target;
                try
                {
                    _target = StoreLocation.Resolve(Store, SessionState);
                }
                catch (ArgumentException ex)
                {
                    ThrowTerminatingError(ErrorRecords.InvalidArgument(ex.Message, Store));
                    throw; // unreachable
                }
                WriteVerbose("Using " + _target.Describe(RequestedBackend) + ".");
                return _target;
            }
        }

        private StoreLease OpenStore()
        {
            var target = Target;
            if (target.Store != null) return StoreRegistry.Acquire(target.Store);
            try
            {
                return StoreRegistry.Acquire(target.FullPath!, RequestedBackend, CreatesStore);
            }
            catch (Exception ex) when (ErrorRecords.FromStoreException(ex, target.DisplayPath) != null)
            {
                ThrowTerminatingError(ErrorRecords.FromStoreException(ex, target.DisplayPath)!);
                throw; // unreachable
            }
        }

        /// <summary>A backend the caller insists on (Open-MoaiPatternStore -Backend); null = from the path.</summary>
        protected virtual StoreBackend? RequestedBackend => null;

        /// <summary>Runs engine work, turning an unusable store into a terminating error and releasing the store on failure.</summary>
        protected void RunEngine(Action work)
        {
            try
            {
                work();
            }
            catch (UnauthorizedAccessException ex) when (WritesStore)
            {
                // Denied while changing the store: the same StoreReadOnly (PermissionDenied) every backend reports.
                var record = ErrorRecords.StoreAccess(new StoreAccessException(StoreFailure.ReadOnly, StoreDisplayPath,
                    "cannot be written: this user may not write the store's files or folders (" + ex.Message + ")", ex));
                ReleaseStore();
                ThrowTerminatingError(record);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && ErrorRecords.FromStoreException(ex, StoreDisplayPath) != null)
            {
                var record = ErrorRecords.FromStoreException(ex, StoreDisplayPath)!;
                ReleaseStore();
                ThrowTerminatingError(record);
            }
            catch (CorruptPatternFileException ex)
            {
                WriteError(ErrorRecords.CorruptPatternFile(ex));
            }
            finally
            {
                WriteStoreWarnings();
            }
        }

        /// <summary>Problems the engine met while reading (e.g. a skipped file), as warnings naming the file.</summary>
        protected void WriteStoreWarnings()
        {
            if (_lease == null) return;
            try
            {
                foreach (var w in _lease.Engine.DrainWarnings())
                    WriteWarning(w.Message.IndexOf(w.Target, StringComparison.Ordinal) >= 0 ? w.Message : $"{w.Target}: {w.Message}");
            }
            catch (PipelineStoppedException) { throw; }
            catch (Exception) { /* warnings are best effort */ }
        }

        protected override void EndProcessing()
        {
            WriteStoreWarnings();
            ReleaseStore();
        }

        /// <summary>Ends the lease: the store closes its files when no other cmdlet uses it.</summary>
        protected void ReleaseStore()
        {
            var lease = _lease;
            _lease = null;
            lease?.Dispose();
        }

        /// <summary>Called by PowerShell after the command ends however it ended (also after Ctrl+C).</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            OnDispose();
            ReleaseStore();
        }

        /// <summary>Last-chance cleanup in a derived cmdlet (e.g. flushing a writer), before the store is released.</summary>
        protected virtual void OnDispose() { }

        /// <summary>Days before now as a cutoff instant.</summary>
        /// <summary>The Find filters as a query (the one place they are checked): an empty time range is a terminating
        /// InvalidArgument error rather than a silent empty answer.</summary>
        protected PatternQuery FilterQuery(PatternType[]? types, string[]? tags, DateTimeOffset? after, DateTimeOffset? before, string? agent, string? text)
        {
            if (after != null && before != null && after.Value >= before.Value)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    $"-After ({after.Value:o}) must be earlier than -Before ({before.Value:o}); as given, nothing can match.", after));
            }
            return new PatternQuery { Types = types, Tags = tags, After = after, Before = before, Agent = agent, Text = text };
        }

        protected static DateTimeOffset DaysAgo(int days) => DateTimeOffset.UtcNow.AddDays(-days);
    }
}
