using System;
using System.Management.Automation;
using System.Threading;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Watch-MoaiPattern: every pattern any process saves (new or replaced) after the watch began, once each, in the
    /// order the saves committed, until Ctrl+C, -Timeout or -Count. The feed (the backend's change log) is the truth;
    /// a file-system event only wakes the wait, which never lasts longer than <see cref="PatternWatch.PollInterval"/>.
    /// </summary>
    [Cmdlet(VerbsCommon.Watch, "MoaiPattern")]
    [OutputType(typeof(MoaiPattern))]
    public sealed class WatchMoaiPatternCommand : FilteredCmdlet
    {
        /// <summary>Any of these pattern types (enum names or task_completion …). Default: all.</summary>
        [Parameter(Position = 0)]
        [PatternTypeTransformation]
        public PatternType[]? Type { get; set; }

        /// <summary>Stop after this many seconds (0: look once). Default: no limit.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Timeout { get; set; }

        /// <summary>Stop after this many patterns were written.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Count { get; set; }

        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private IPatternFeed? _feed;

        protected override void ProcessRecord()
        {
            var filter = Filter(Type);
            RunEngine(() =>
            {
                if (!(Engine is IWatchableStore watchable))
                {
                    ThrowTerminatingError(new ErrorRecord(new NotSupportedException($"The {Engine.Backend} store '{StoreDisplayPath}' cannot be watched."),
                        ErrorIds.WatchNotSupported, ErrorCategory.NotImplemented, StoreDisplayPath));
                    return;
                }
                var store = CurrentStore;
                _feed = watchable.OpenFeed(filter);
                WriteVerbose($"Watching '{StoreDisplayPath}' from {_feed.Position}.");
                var timeout = Timeout == null ? (TimeSpan?)null : TimeSpan.FromSeconds(Timeout.Value);
                try
                {
                    foreach (var pattern in PatternWatch.Follow(_feed, Count, timeout, _stop.Token, w => WriteWarning(w.Message)))
                        WriteObject(PatternOrigins.Remember(pattern, store));
                }
                finally
                {
                    CloseFeed();
                }
            });
        }

        /// <summary>Ctrl+C: wakes the wait at once (called on another thread); the loop ends and the feed closes.</summary>
        protected override void StopProcessing()
        {
            try { _stop.Cancel(); }
            catch (ObjectDisposedException) { }
        }

        private void CloseFeed()
        {
            var feed = _feed;
            _feed = null;
            feed?.Dispose();
        }

        protected override void OnDispose()
        {
            CloseFeed();
            _stop.Dispose();
        }
    }
}
