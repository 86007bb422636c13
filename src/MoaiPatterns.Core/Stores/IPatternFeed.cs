using System;
using System.Collections.Generic;
using System.Threading;
using MoaiPatterns.Query;

namespace MoaiPatterns.Stores
{
    /// <summary>
    /// A store whose saves can be followed as they commit (Watch-MoaiPattern). Optional: a backend without it
    /// cannot be watched. The contract every implementation keeps (docs/WATCH.md says how each backend does):
    /// <list type="bullet">
    /// <item>The feed starts at a position: "now" (every save committed before <see cref="OpenFeed"/> was called is
    /// behind it; one committing while it runs falls on one side, never both), or a <see cref="IPatternFeed.Position"/>
    /// an earlier feed reported.</item>
    /// <item>It returns each save (new or replaced) committed after its position exactly once, in commit order:
    /// if save A committed before save B, A is returned first; no save is skipped because writers committed
    /// concurrently or out of their sequence order.</item>
    /// <item>A pattern removed, or replaced again, before the feed reads it is returned only for its latest save
    /// (or not at all when it is gone); a returned pattern is the pattern as stored when it was read.</item>
    /// <item>Filtering is <see cref="PatternMatcher"/>, the one query rule (paging is ignored).</item>
    /// <item><see cref="IPatternFeed.ReadNext"/> is the durable truth and is cheap when nothing changed;
    /// <see cref="IPatternFeed.WaitForChange"/> is only a wake-up hint (it may wake for nothing, or late).</item>
    /// </list>
    /// </summary>
    public interface IWatchableStore
    {
        /// <summary>A feed of the saves matching <paramref name="filter"/> committed after now, or after
        /// <paramref name="resumeFrom"/> (a <see cref="IPatternFeed.Position"/> of this store).</summary>
        /// <exception cref="ArgumentException"><paramref name="resumeFrom"/> is not a position of this store.</exception>
        IPatternFeed OpenFeed(PatternQuery filter, string? resumeFrom = null);
    }

    /// <summary>One follower of a store's saves. Used by one thread at a time, except <see cref="WaitForChange"/>'s
    /// cancellation, which may come from any thread.</summary>
    public interface IPatternFeed : IDisposable
    {
        /// <summary>Where the feed stands: opaque text that <see cref="IWatchableStore.OpenFeed"/> accepts to resume.</summary>
        string Position { get; }

        /// <summary>The next saves after <see cref="Position"/> that match, in commit order (a bounded batch, empty
        /// when nothing new committed), and advances the position past them.</summary>
        /// <exception cref="StoreRemovedException">The store was deleted or moved while it was followed.</exception>
        IReadOnlyList<MoaiPattern> ReadNext();

        /// <summary>Sleeps until the store may have changed, <paramref name="timeout"/> passed, or
        /// <paramref name="cancel"/> fired (no exception then). A hint only: always call <see cref="ReadNext"/> after.</summary>
        void WaitForChange(TimeSpan timeout, CancellationToken cancel);

        /// <summary>Problems met since the last call (a skipped unreadable pattern, a detected gap).</summary>
        IReadOnlyList<StoreWarning> DrainWarnings();
    }
}
