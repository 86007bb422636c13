using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace MoaiPatterns.Stores
{
    /// <summary>
    /// The watch loop every host uses (Watch-MoaiPattern, the bench): read the feed, emit, and when nothing came,
    /// wait for the hint at most <see cref="PollInterval"/> before reading again, so a missed hint costs at most
    /// that much latency and an idle watch wakes five times a second for one cheap check.
    /// </summary>
    public static class PatternWatch
    {
        /// <summary>The longest a watch sleeps without checking its feed's durable truth.</summary>
        public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

        /// <summary>
        /// The feed's saves, in commit order, until <paramref name="count"/> were emitted, <paramref name="timeout"/>
        /// passed (measured from the first call), or <paramref name="cancel"/> fired; warnings go to <paramref name="warn"/>
        /// as they come. Lazy: nothing is read before the first MoveNext.
        /// </summary>
        public static IEnumerable<MoaiPattern> Follow(IPatternFeed feed, long? count, TimeSpan? timeout, CancellationToken cancel, Action<StoreWarning>? warn = null)
        {
            if (feed == null) throw new ArgumentNullException(nameof(feed));
            if (count != null && count <= 0) yield break;
            var clock = Stopwatch.StartNew();
            long emitted = 0;
            while (!cancel.IsCancellationRequested)
            {
                var batch = feed.ReadNext();
                if (warn != null) foreach (var w in feed.DrainWarnings()) warn(w);
                foreach (var p in batch)
                {
                    yield return p;
                    if (count != null && ++emitted >= count) yield break;
                    if (cancel.IsCancellationRequested) yield break;
                }
                var left = timeout == null ? PollInterval : timeout.Value - clock.Elapsed;
                if (left <= TimeSpan.Zero) yield break;
                if (batch.Count == 0) feed.WaitForChange(left < PollInterval ? left : PollInterval, cancel);
            }
        }
    }
}
