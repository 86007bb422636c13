using System;
using System.Diagnostics;
using System.Management.Automation;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>Remove-MoaiPatternOld: retention. Deletes patterns older than -RetentionDays (default 90) or -Before, optionally of some types.</summary>
    [Cmdlet(VerbsCommon.Remove, "MoaiPatternOld", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RetentionDaysSet)]
    [OutputType(typeof(RetentionResult))]
    public sealed class RemoveMoaiPatternOldCommand : StoreCmdlet
    {
        public const string RetentionDaysSet = "RetentionDays";
        public const string BeforeSet = "Before";
        private const int ProgressActivityId = 7302;

        /// <summary>Keep this many days of patterns; older ones are removed. Default 90.</summary>
        [Parameter(Position = 0, ParameterSetName = RetentionDaysSet)]
        [ValidateRange(0, 36500)]
        public int RetentionDays { get; set; } = 90;

        /// <summary>Remove patterns strictly before this instant.</summary>
        [Parameter(Mandatory = true, ParameterSetName = BeforeSet)]
        public DateTimeOffset Before { get; set; }

        /// <summary>Only remove patterns of these types. Default: all.</summary>
        [Parameter]
        [PatternTypeTransformation]
        public PatternType[]? Type { get; set; }

        protected override bool CreatesStore => false;

        protected override bool WritesStore => true;

        protected override void ProcessRecord()
        {
            var cutoff = ParameterSetName == BeforeSet ? Before : DaysAgo(RetentionDays);
            var types = Type ?? Array.Empty<PatternType>();
            var store = CurrentStore;
            long count = 0;
            RunEngine(() => count = Engine.Count(new PatternQuery { Types = types, Before = cutoff }));

            var what = $"{count} pattern(s){(types.Length > 0 ? " of type " + string.Join(", ", types) : "")} older than {cutoff:yyyy-MM-dd HH:mm:ss zzz}";
            if (!Confirmation.ShouldProcess(this, $"{store.Path} ({what})", $"Remove {count} pattern(s)", out var whatIf))
            {
                if (whatIf)
                {
                    WriteObject(new RetentionResult
                    {
                        Store = store.Path, Backend = store.Backend, Cutoff = cutoff, Types = types, RemovedCount = count, WhatIf = true,
                    });
                }
                return;
            }

            var progress = new ProgressRecord(ProgressActivityId, "Removing old patterns", $"Removing {what} from {store.Path}");
            WriteProgress(progress);
            var watch = Stopwatch.StartNew();
            RetentionResult? result = null;
            try
            {
                RunEngine(() => result = Engine.RemoveOlderThan(cutoff, types.Length == 0 ? null : types, new CmdletProgress(this, progress)));
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
            if (result == null) return;
            if (result.Duration == TimeSpan.Zero) result.Duration = watch.Elapsed;
            WriteObject(result);
        }
    }
}
