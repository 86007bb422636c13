using System;
using System.Collections.Generic;
using MoaiPatterns.Input;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// Batched saving for a pipeline: patterns are held in memory (the last of one id wins) and written every
    /// <see cref="BatchSize"/> patterns, on Flush and on Dispose, each batch in one transaction (COPY + one upsert).
    /// A bad pattern is refused before it joins the batch. A batch the server refuses or a connection lost mid-batch
    /// commits nothing of that batch; everything committed before stays.
    /// </summary>
    internal sealed class PostgresPatternWriter : IPatternWriter
    {
        public const int BatchSize = 5000;
        private readonly PostgresDatabase _db;
        private readonly List<PostgresRowValues> _pending = new List<PostgresRowValues>();
        private readonly Dictionary<string, int> _slot = new Dictionary<string, int>(StringComparer.Ordinal);
        private bool _disposed;
        private int _added;

        public PostgresPatternWriter(PostgresDatabase db)
        {
            _db = db;
        }

        public long Committed { get; private set; }

        public void Add(ValidatedPattern pattern)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            if (_disposed) throw new ObjectDisposedException(nameof(PostgresPatternWriter));
            var row = PostgresRowValues.Of(pattern.Pattern, _db.Location);
            if (_slot.TryGetValue(row.Row.PatternId, out var at)) _pending[at] = row;
            else
            {
                _slot[row.Row.PatternId] = _pending.Count;
                _pending.Add(row);
            }
            _added++;
            if (_pending.Count >= BatchSize) Flush();
        }

        public void Flush()
        {
            if (_pending.Count == 0) return;
            var n = _added;
            try
            {
                PostgresErrors.Run(_db.Location, () => PostgresRowWriter.UpsertBatch(_db, _pending));
            }
            finally
            {
                // A failed batch is not retried by the next Flush: its failure was reported once.
                _pending.Clear();
                _slot.Clear();
                _added = 0;
            }
            Committed += n;
        }

        /// <summary>Rows a writer must have committed before it refreshes the planner's statistics.</summary>
        public const long AnalyzeAfter = 10_000;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Flush();
            // A large load changes the table's shape: fresh statistics now, not when autovacuum gets to it, keep
            // First-N queries on the right plan (index walk vs. tag bitmap). A non-owner's ANALYZE only warns.
            if (Committed >= AnalyzeAfter) PostgresErrors.Run(_db.Location, () => _db.Exec("ANALYZE {s}.patterns"));
        }
    }
}
