using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using MoaiPatterns.Analysis;
using MoaiPatterns.Input;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;
using Npgsql;
using NpgsqlTypes;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// A pattern store in a PostgreSQL schema: a team's shared store, written by many processes on many machines.
    /// Every query, page, count and retention runs in the server over the engine's stored keys (see
    /// <see cref="PostgresSchema"/>); the server's errors arrive as the engine's store exceptions.
    /// </summary>
    public sealed class PostgresPatternStore : IPatternStore, IPatternAnalysisStore, Errors.IErrorSearchProvider, IWatchableStore
    {
        private readonly PostgresDatabase _db;

        private PostgresPatternStore(PostgresTarget target, bool create)
        {
            _db = new PostgresDatabase(target, create);
        }

        /// <summary>Opens (creating or upgrading the tables) now, so a wrong address, password or database is reported at once.</summary>
        internal static PostgresPatternStore Open(PostgresTarget target, bool create)
        {
            var store = new PostgresPatternStore(target, create);
            try
            {
                store.Guard(() => store._db.Connection);
            }
            catch
            {
                store.Dispose();
                throw;
            }
            return store;
        }

        /// <summary>The address without a password: <c>postgresql://user@host:port/database?schema=name</c>.</summary>
        public string Location => _db.Location;

        public StoreBackend Backend => StoreBackend.PostgreSql;

        public void Save(ValidatedPattern pattern)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            var row = PostgresRowValues.Of(pattern.Pattern, Location);
            Guard(() => PostgresRowWriter.Upsert(_db, row));
        }

        public IPatternWriter OpenWriter() => Guard(() => { _ = _db.Connection; return (IPatternWriter)new PostgresPatternWriter(_db); });

        /// <summary>A feed on a connection of its own (see <see cref="PostgresPatternFeed"/>); this store may be disposed meanwhile.</summary>
        public IPatternFeed OpenFeed(PatternQuery filter, string? resumeFrom = null)
        {
            if (filter == null) throw new ArgumentNullException(nameof(filter));
            if (resumeFrom != null) PostgresPatternFeed.ParsePosition(resumeFrom);  // a wrong position is the caller's error, before any connection
            return Guard(() => (IPatternFeed)new PostgresPatternFeed(_db.Target, filter, resumeFrom));
        }

        public MoaiPattern? Get(string patternId)
        {
            if (patternId == null) throw new ArgumentNullException(nameof(patternId));
            if (!PostgresText.CanHold(patternId)) return null;  // PostgreSQL text cannot hold it, so no stored id does
            return Guard(() =>
            {
                using var cmd = _db.Command("SELECT " + PostgresSchema.ReadColumns + " FROM {s}.patterns p WHERE p.pattern_id = @id");
                cmd.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = patternId });
                using var r = cmd.ExecuteReader();
                return r.Read() ? PostgresPatternReader.TryRead(r, _db.Warnings) : null;
            });
        }

        public bool Remove(string patternId)
        {
            if (patternId == null) throw new ArgumentNullException(nameof(patternId));
            if (!PostgresText.CanHold(patternId)) return false;
            return Guard(() => _db.Exec("DELETE FROM {s}.patterns WHERE pattern_id = @id", ("id", patternId)) > 0);
        }

        public IEnumerable<MoaiPattern> Find(PatternQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            return Guarded(Stream(query));
        }

        private IEnumerable<MoaiPattern> Guarded(IEnumerable<MoaiPattern> source)
        {
            using var e = Guard(() => source.GetEnumerator());
            while (Guard(() => e.MoveNext())) yield return e.Current;
        }

        /// <summary>Rows are read one at a time on a connection of their own, so the caller may write to this store meanwhile.</summary>
        private IEnumerable<MoaiPattern> Stream(PatternQuery query)
        {
            if (query.First == 0 || Impossible(query)) yield break;
            using var c = _db.OpenExtra();
            using var cmd = PostgresQueryBuilder.BuildFind(c, _db.S, query);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var p = PostgresPatternReader.TryRead(r, _db.Warnings);
                if (p != null) yield return p;
            }
        }

        public long Count(PatternQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (Impossible(query)) return 0;
            return Guard(() =>
            {
                using var cmd = PostgresQueryBuilder.BuildCount(_db.Connection, _db.S, query);
                return Convert.ToInt64(cmd.ExecuteScalar());
            });
        }

        public IReadOnlyList<PatternStatistics> Measure(MeasureQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (Impossible(query.Filter)) return Array.Empty<PatternStatistics>();
            // A matching row without stored facts (rare): the engine's answer from Find, which reads or skips it as Find does.
            if (Guard(() => PostgresAnalysis.AnyWithoutFacts(_db, query.Filter))) return PatternAnalysis.MeasureByFind(this, query);
            return Guard(() => PostgresAnalysis.Measure(_db, query));
        }

        public IEnumerable<PatternFacts> Facts(PatternQuery filter)
        {
            if (filter == null) throw new ArgumentNullException(nameof(filter));
            if (Impossible(filter)) return Array.Empty<PatternFacts>();
            if (Guard(() => PostgresAnalysis.AnyWithoutFacts(_db, filter))) return PatternAnalysis.FactsByFind(this, filter);
            return GuardedFacts(PostgresAnalysis.Facts(_db, filter));
        }

        private IEnumerable<PatternFacts> GuardedFacts(IEnumerable<PatternFacts> source)
        {
            using var e = Guard(() => source.GetEnumerator());
            while (Guard(() => e.MoveNext())) yield return e.Current;
        }

        /// <summary>Find-MoaiResolution's search in SQL; the engine's over Find while a resolved error's words could not be stored.</summary>
        public Errors.IErrorSearch OpenErrorSearch() => Guard(() => PostgresErrorSearch.AnyNotIndexed(_db)
            ? (Errors.IErrorSearch)Errors.InMemoryErrorSearch.FromStore(this)
            : new PostgresErrorSearch(_db, call => Guard(call)));

        /// <summary>A value PostgreSQL text cannot hold matches nothing stored (such patterns are refused on save).</summary>
        private static bool Impossible(PatternQuery q) =>
            !PostgresText.CanHold(PatternKeys.FoldAgent(q.Agent)) || (q.Tags != null && !PatternKeys.FoldTags(q.Tags).All(PostgresText.CanHold))
            || !Folding.QueryWords(q.Text).All(PostgresText.CanHold);

        public RetentionResult RemoveOlderThan(DateTimeOffset cutoff, IReadOnlyCollection<PatternType>? types = null, IProgress<StoreProgress>? progress = null)
        {
            var sw = Stopwatch.StartNew();
            var typeList = types?.Distinct().ToArray() ?? Array.Empty<PatternType>();
            progress?.Report(new StoreProgress("Deleting", 0, 1));
            var removed = Guard(() => PostgresMaintenance.DeleteOlderThan(_db, IsoTimestamp.ToUnixMs(cutoff), typeList));
            progress?.Report(new StoreProgress("Deleting", 1, 1));
            return new RetentionResult { Store = Location, Backend = Backend, Cutoff = cutoff, Types = typeList, RemovedCount = removed, Duration = sw.Elapsed };
        }

        public CompressionResult Compress(DateTimeOffset olderThan, bool whatIf = false, IProgress<StoreProgress>? progress = null)
        {
            var sw = Stopwatch.StartNew();
            progress?.Report(new StoreProgress("Reclaiming space", 0, 1));
            var result = Guard(() =>
            {
                var r = new CompressionResult { Store = Location, Backend = Backend, OlderThan = olderThan, WhatIf = whatIf };
                r.BytesBefore = PostgresMaintenance.SizeBytes(_db);
                // VACUUM makes dead rows' space reusable inside the tables; files shrink only when their tail is free.
                if (!whatIf)
                {
                    PostgresChangeLog.PruneAll(_db);  // changes older than the feed's retention (docs/WATCH.md)
                    PostgresMaintenance.Vacuum(_db);
                }
                r.BytesAfter = whatIf ? r.BytesBefore : PostgresMaintenance.SizeBytes(_db);
                return r;
            });
            progress?.Report(new StoreProgress("Reclaiming space", 1, 1));
            result.Duration = sw.Elapsed;
            return result;
        }

        public StoreInfo GetInfo() => Guard(() => PostgresMaintenance.Describe(_db));

        public RepairResult Repair(bool whatIf = false, IProgress<StoreProgress>? progress = null) =>
            Guard(() => PostgresRepair.Run(_db, whatIf, progress));

        public IReadOnlyList<string> SuggestTags(string prefix, int max) =>
            Guard(() => PostgresMaintenance.SuggestTags(_db, Folding.Fold(prefix ?? ""), max));

        public IReadOnlyList<string> SuggestAgents(string prefix, int max) =>
            Guard(() => PostgresMaintenance.SuggestAgents(_db, Folding.Fold(prefix ?? ""), max));

        public IReadOnlyList<string> SuggestIds(string prefix, int max) => Guard(() => PostgresMaintenance.SuggestIds(_db, prefix ?? "", max));

        public IReadOnlyList<StoreWarning> DrainWarnings()
        {
            var list = _db.Warnings.ToArray();
            _db.Warnings.Clear();
            return list;
        }

        public void Release() => _db.Release();

        public void Dispose() => _db.Dispose();

        private T Guard<T>(Func<T> call) => PostgresErrors.Run(Location, call);

        private void Guard(Action call) => PostgresErrors.Run(Location, call);

        public override string ToString() => Location;
    }
}
