using MoaiPatterns.Input;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Analysis;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>A pattern store in one SQLite file: the seed's <c>patterns</c> table, extended (see <see cref="SqliteSchema"/>).</summary>
    public sealed class SqlitePatternStore : IPatternStore, IPatternAnalysisStore, Errors.IErrorSearchProvider, IWatchableStore
    {
        private readonly SqliteConnectionHolder _db;

        private SqlitePatternStore(string fullPath, bool create)
        {
            Location = fullPath;
            _db = new SqliteConnectionHolder(fullPath, create);
        }

        /// <summary>Opens (and upgrades) the database now, so a missing or corrupt file is reported at once.</summary>
        /// <exception cref="StoreNotFoundException">No file and <paramref name="create"/> is false.</exception>
        /// <exception cref="StoreCorruptException">The file is not a SQLite database; it is left untouched.</exception>
        public static SqlitePatternStore Open(string fullPath, bool create)
        {
            var store = new SqlitePatternStore(Path.GetFullPath(fullPath), create);
            store.Guard(() => store._db.Connection);
            return store;
        }

        public string Location { get; }

        public StoreBackend Backend => StoreBackend.Sqlite;

        internal SqliteConnectionHolder Database => _db;

        public void Save(ValidatedPattern pattern)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            Guard(() => SaveRow(pattern.Pattern));
        }

        private void SaveRow(MoaiPattern pattern)
        {
            var row = PatternRow.FromPattern(pattern);
            // Inside an open writer's transaction, a failed row must not take the writer's batch with it.
            if (_db.InWriteTransaction) _db.RowWriter.UpsertAtomic(row, recordSave: true);
            else _db.InWrite(() =>
            {
                _db.RowWriter.Upsert(row);
                _db.RowWriter.RecordSave(row.PatternId);
            });
        }

        public IPatternWriter OpenWriter() => Guard(() => (IPatternWriter)new SqlitePatternWriter(_db, Location));

        public MoaiPattern? Get(string patternId)
        {
            if (patternId == null) throw new ArgumentNullException(nameof(patternId));
            return Guard(() => GetRow(patternId));
        }

        private MoaiPattern? GetRow(string patternId)
        {
            var cmd = _db.Command("SELECT " + SqliteSchema.ReadColumns + " FROM patterns p WHERE p.pattern_id = @id");
            if (cmd.Parameters.Count == 0) cmd.Parameters.Add(new SqliteParameter { ParameterName = "@id" });
            cmd.Parameters[0].Value = patternId;
            using var r = cmd.ExecuteReader();
            return r.Read() ? SqlitePatternReader.TryRead(r, _db.Warnings) : null;
        }

        public bool Remove(string patternId)
        {
            if (patternId == null) throw new ArgumentNullException(nameof(patternId));
            return Guard(() => _db.InWrite(() => _db.RowWriter.Delete(patternId)));
        }

        public IEnumerable<MoaiPattern> Find(PatternQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            return Guarded(Stream(query));
        }

        /// <summary>A stream whose SQLite errors arrive as the engine's store exceptions.</summary>
        private IEnumerable<T> Guarded<T>(IEnumerable<T> source)
        {
            using var e = Guard(() => source.GetEnumerator());
            while (Guard(() => e.MoveNext())) yield return e.Current;
        }

        /// <summary>Rows are read one at a time from the data reader: nothing is collected.</summary>
        private IEnumerable<MoaiPattern> Stream(PatternQuery query)
        {
            if (query.First == 0) yield break;
            using var cmd = SqliteQueryBuilder.BuildFind(_db.Connection, query);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var p = SqlitePatternReader.TryRead(r, _db.Warnings);
                if (p != null) yield return p;
            }
        }

        public IReadOnlyList<PatternStatistics> Measure(MeasureQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            return Guard(() => SqliteAnalysis.Measure(_db.Connection, query));
        }

        public IEnumerable<PatternFacts> Facts(PatternQuery filter)
        {
            if (filter == null) throw new ArgumentNullException(nameof(filter));
            return Guarded(SqliteAnalysis.Facts(_db.Connection, filter));
        }

        public long Count(PatternQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            return Guard(() =>
            {
                using var cmd = SqliteQueryBuilder.BuildCount(_db.Connection, query);
                return Convert.ToInt64(cmd.ExecuteScalar());
            });
        }

        public RetentionResult RemoveOlderThan(DateTimeOffset cutoff, IReadOnlyCollection<PatternType>? types = null, IProgress<StoreProgress>? progress = null)
        {
            var sw = Stopwatch.StartNew();
            var typeList = types?.Distinct().ToArray() ?? Array.Empty<PatternType>();
            // One set-based DELETE in one transaction: progress can only say when it starts and ends.
            progress?.Report(new StoreProgress("Deleting", 0, 1));
            var removed = Guard(() => _db.InWrite(() => SqliteMaintenance.DeleteOlderThan(_db, MoaiPatterns.Serialization.IsoTimestamp.ToUnixMs(cutoff), typeList)));
            progress?.Report(new StoreProgress("Deleting", 1, 1));
            return new RetentionResult
            {
                Store = Location, Backend = Backend, Cutoff = cutoff, Types = typeList, RemovedCount = removed, Duration = sw.Elapsed,
            };
        }

        public CompressionResult Compress(DateTimeOffset olderThan, bool whatIf = false, IProgress<StoreProgress>? progress = null)
        {
            progress?.Report(new StoreProgress("Reclaiming space", 0, 1));
            var result = Guard(() => CompressFile(olderThan, whatIf));
            progress?.Report(new StoreProgress("Reclaiming space", 1, 1));
            return result;
        }

        private CompressionResult CompressFile(DateTimeOffset olderThan, bool whatIf)
        {
            var sw = Stopwatch.StartNew();
            var result = new CompressionResult { Store = Location, Backend = Backend, OlderThan = olderThan, WhatIf = whatIf };
            result.BytesBefore = SizeOnDisk();
            if (whatIf)
            {
                // Estimate: the free pages go only when a VACUUM would run (see SqliteMaintenance.WorthVacuum).
                var free = SqliteMaintenance.FreeBytes(_db);
                result.BytesAfter = SqliteMaintenance.WorthVacuum(free, result.BytesBefore) ? Math.Max(0, result.BytesBefore - free) : result.BytesBefore;
            }
            else
            {
                _db.InWrite(() => SqliteChangeLog.PruneAll(_db.Connection, DateTimeOffset.UtcNow)); // the feed's log, past its retention
                SqliteMaintenance.Vacuum(_db, new FileInfo(Location).Length);
                result.BytesAfter = SizeOnDisk();
            }
            result.Duration = sw.Elapsed;
            return result;
        }

        public StoreInfo GetInfo() => Guard(() => SqliteMaintenance.Describe(_db, Location, SizeOnDisk));

        public RepairResult Repair(bool whatIf = false, IProgress<StoreProgress>? progress = null)
        {
            progress?.Report(new StoreProgress("Checking the database", 0, 1));
            var result = Guard(() => SqliteRepair.Run(_db, Location, whatIf));
            progress?.Report(new StoreProgress("Checking the database", 1, 1));
            return result;
        }

        /// <summary>A feed on its own connection (see <see cref="SqlitePatternFeed"/>).</summary>
        public IPatternFeed OpenFeed(PatternQuery filter, string? resumeFrom = null) => new SqlitePatternFeed(Location, filter, resumeFrom);

        public IReadOnlyList<string> SuggestTags(string prefix, int max) =>
            Guard(() => SqliteMaintenance.Distinct(_db, "pattern_tags", "tag", Folding.Fold(prefix ?? ""), max));

        public IReadOnlyList<string> SuggestAgents(string prefix, int max) =>
            Guard(() => SqliteMaintenance.Distinct(_db, "patterns", "agent_norm", Folding.Fold(prefix ?? ""), max));

        public IReadOnlyList<string> SuggestIds(string prefix, int max) => Guard(() => SqliteMaintenance.SuggestIds(_db, prefix ?? "", max));

        private T Guard<T>(Func<T> call) => SqliteErrors.Run(Location, call);

        /// <summary>Find-MoaiResolution's candidates and statistics from the schema-3 error index.</summary>
        public Errors.IErrorSearch OpenErrorSearch() => Guard(() => (Errors.IErrorSearch)new SqliteErrorSearch(_db, call => Guard(call)));

        private void Guard(Action call) => SqliteErrors.Run(Location, call);

        public IReadOnlyList<StoreWarning> DrainWarnings()
        {
            var list = _db.Warnings.ToArray();
            _db.Warnings.Clear();
            return list;
        }

        public void Release() => _db.Release();

        public void Dispose() => _db.Dispose();

        /// <summary>The database file plus its WAL, what the user sees on disk.</summary>
        private long SizeOnDisk()
        {
            long size = 0;
            foreach (var f in new[] { Location, Location + "-wal" })
            {
                var info = new FileInfo(f);
                if (info.Exists) size += info.Length;
            }
            return size;
        }

        public override string ToString() => Location;
    }
}
