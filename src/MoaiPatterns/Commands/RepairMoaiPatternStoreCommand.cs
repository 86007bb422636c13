using System;
using System.Diagnostics;
using System.Management.Automation;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>Repair-MoaiPatternStore: checks a store and repairs what it can; -WhatIf only reports.</summary>
    [Cmdlet(VerbsDiagnostic.Repair, "MoaiPatternStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RepairResult))]
    public sealed class RepairMoaiPatternStoreCommand : StoreCmdlet
    {
        private const int ProgressActivityId = 7304;

        protected override bool CreatesStore => false;

        protected override bool WritesStore => true;

        protected override void ProcessRecord()
        {
            var store = CurrentStore;
            var go = Confirmation.ShouldProcess(this, store.Path, "Repair pattern store (rebuild indexes, move unreadable files aside)", out var whatIf);
            if (!go && !whatIf) return;

            var progress = new ProgressRecord(ProgressActivityId, "Repairing pattern store", (whatIf ? "Checking " : "Checking and repairing ") + store.Path);
            WriteProgress(progress);
            var watch = Stopwatch.StartNew();
            RepairResult? result = null;
            try
            {
                // A store too damaged to open normally is what this cmdlet is for: corrupt errors still surface as StoreCorrupt.
                RunEngine(() => result = Engine.Repair(whatIf, new CmdletProgress(this, progress)));
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
            if (result == null) return;
            if (result.Duration == TimeSpan.Zero) result.Duration = watch.Elapsed;
            foreach (var problem in result.Problems) WriteVerbose(problem);
            WriteObject(result);
        }
    }
}
