using System;
using System.Diagnostics;
using System.Management.Automation;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// The engine's StoreProgress as the cmdlet's progress bar: stage, current folder and percent. The engine
    /// reports on the pipeline thread, so WriteProgress may be called directly; at most ten updates a second.
    /// </summary>
    internal sealed class CmdletProgress : IProgress<StoreProgress>
    {
        private static readonly long MinTicks = Stopwatch.Frequency / 10;
        private readonly Cmdlet _cmdlet;
        private readonly ProgressRecord _record;
        private long _last = long.MinValue;

        public CmdletProgress(Cmdlet cmdlet, ProgressRecord record)
        {
            _cmdlet = cmdlet;
            _record = record;
        }

        public void Report(StoreProgress value)
        {
            var now = Stopwatch.GetTimestamp();
            var edge = value.Done == 0 || value.Done == value.Total;
            if (!edge && now - _last < MinTicks) return;
            _last = now;
            _record.StatusDescription = value.Total > 0 ? $"{value.Stage} ({value.Done:N0} of {value.Total:N0})" : value.Stage;
            _record.CurrentOperation = value.Current;
            _record.PercentComplete = value.Percent;
            _cmdlet.WriteProgress(_record);
        }
    }
}
