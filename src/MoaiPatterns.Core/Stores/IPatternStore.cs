using System;
using System.Collections.Generic;
using MoaiPatterns.Query;

namespace MoaiPatterns.Stores
{
    /// <summary>
    /// The one contract every backend implements; the contract test suite runs against each.
    /// Implementations are safe for several processes at once; one instance is used by one
    /// thread at a time.
    /// </summary>
    public interface IPatternStore : IDisposable
    {
        /// <summary>Full path of the store folder or database file.</summary>
        string Location { get; }

        StoreBackend Backend { get; }

        /// <summary>Saves (upserts) one validated pattern; durable when it returns. A plain
        /// <see cref="MoaiPattern"/> goes through <see cref="MoaiPatterns.PatternStoreExtensions.Save"/>, which validates it first.</summary>
        void Save(Input.ValidatedPattern pattern);

        /// <summary>A writer for many saves (a pipeline): commits in batches and on Dispose.
        /// A failure leaves every pattern added before it committed.</summary>
        IPatternWriter OpenWriter();

        /// <summary>The pattern with this id, or null.</summary>
        MoaiPattern? Get(string patternId);

        /// <summary>Removes one pattern; false when there was none.</summary>
        bool Remove(string patternId);

        /// <summary>Matching patterns, newest first, streamed (never the whole store in memory), paged by Skip/First.</summary>
        IEnumerable<MoaiPattern> Find(PatternQuery query);

        /// <summary>How many patterns match, ignoring Skip/First.</summary>
        long Count(PatternQuery query);

        // The long operations below report StoreProgress on the caller's thread when given an IProgress.

        /// <summary>Deletes patterns whose timestamp is before <paramref name="cutoff"/> (optionally of some types only).</summary>
        RetentionResult RemoveOlderThan(DateTimeOffset cutoff, IReadOnlyCollection<PatternType>? types = null, IProgress<StoreProgress>? progress = null);

        /// <summary>Filesystem: gzips pattern files older than the cutoff. SQLite: reclaims free space.
        /// With <paramref name="whatIf"/>, reports what would be done and changes nothing.</summary>
        CompressionResult Compress(DateTimeOffset olderThan, bool whatIf = false, IProgress<StoreProgress>? progress = null);

        /// <summary>Counts by type, oldest/newest, size on disk.</summary>
        StoreInfo GetInfo();

        /// <summary>Checks the store and, unless <paramref name="whatIf"/>, repairs what it can
        /// (rebuilds indexes, moves unreadable files aside, removes leftovers).</summary>
        RepairResult Repair(bool whatIf = false, IProgress<StoreProgress>? progress = null);

        /// <summary>Distinct values for argument completion, case-insensitive prefix, at most <paramref name="max"/>.</summary>
        IReadOnlyList<string> SuggestTags(string prefix, int max);
        IReadOnlyList<string> SuggestAgents(string prefix, int max);
        IReadOnlyList<string> SuggestIds(string prefix, int max);

        /// <summary>Problems met while reading (e.g. an unreadable file that was skipped) since the last call.</summary>
        IReadOnlyList<StoreWarning> DrainWarnings();

        /// <summary>Closes open files and connections so nothing stays locked; the store reopens them when used again.</summary>
        void Release();
    }

    /// <summary>Batched saving for pipelines.</summary>
    public interface IPatternWriter : IDisposable
    {
        /// <summary>Queues one validated pattern; may commit a batch.</summary>
        void Add(Input.ValidatedPattern pattern);

        /// <summary>Commits everything added so far.</summary>
        void Flush();

        /// <summary>Patterns committed so far.</summary>
        long Committed { get; }
    }

    /// <summary>Something a read skipped and the user should hear about.</summary>
    public sealed class StoreWarning
    {
        public StoreWarning(string target, string message)
        {
            Target = target;
            Message = message;
        }

        /// <summary>The file or row concerned.</summary>
        public string Target { get; }

        public string Message { get; }

        public override string ToString() => Message;
    }
}
