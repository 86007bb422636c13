using System;
using System.Diagnostics;
using System.Management.Automation;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>Compress-MoaiPatternStore: filesystem stores gzip pattern files older than -OlderThanDays; SQLite stores reclaim free space.</summary>
    [Cmdlet(VerbsData.Compress, "MoaiPatternStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CompressionResult))]
    public sealed class CompressMoaiPatternStoreCommand : StoreCmdlet
    {
        private const int ProgressActivityId = 7303;

        /// <summary>Compress pattern files older than this many days (filesystem stores). Default 30.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0, 36500)]
        public int OlderThanDays { get; set; } = 30;

        protected override bool CreatesStore => false;

        protected override bool WritesStore => true;

        protected override void ProcessRecord()
        {
            var cutoff = DaysAgo(OlderThanDays);
            var store = CurrentStore;
            var action = store.Backend == StoreBackend.Sqlite
                ? "Reclaim free space"
                : $"Compress pattern files older than {cutoff:yyyy-MM-dd}";
            var go = Confirmation.ShouldProcess(this, store.Path, action, out var whatIf);
            if (!go && !whatIf) return;

            var progress = new ProgressRecord(ProgressActivityId, "Compressing pattern store", $"{action} in {store.Path}");
            if (!whatIf) WriteProgress(progress);
            var watch = Stopwatch.StartNew();
            CompressionResult? result = null;
            try
            {
                RunEngine(() => result = Engine.Compress(cutoff, whatIf, new CmdletProgress(this, progress)));
            }
            finally
            {
                if (!whatIf)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            }
            if (result == null) return;
            if (result.Duration == TimeSpan.Zero) result.Duration = watch.Elapsed;
            WriteObject(result);
        }
    }
}
