using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>
    /// Follows <c>pattern_changes</c> (see <see cref="SqliteChangeLog"/>) past a seq, on its own connection.
    /// <c>PRAGMA data_version</c> (a counter in shared memory that moves when another connection commits) makes
    /// an idle poll a few microseconds; a FileSystemWatcher on the database and its -wal only wakes the wait.
    /// Rows up to the newest seq at the time of a read are committed and never join later, so the position can
    /// move past every row read, also those removed or replaced since (not emitted: their pattern is gone, or
    /// comes again at its later seq).
    /// </summary>
    internal sealed class SqlitePatternFeed : IPatternFeed
    {
        public const string PositionPrefix = "sqlite:";
        private const int BatchRows = 256;

        private readonly string _path;
        private readonly SqliteConnectionHolder _db;
        private readonly PatternMatcher _matcher;
        private readonly ChangeWaker _waker;
        private long _seq;
        private long _dataVersion;
        private bool _more = true; // the last read stopped at BatchRows: read on without waiting

        public SqlitePatternFeed(string path, PatternQuery filter, string? resumeFrom)
        {
            _path = path;
            _matcher = new PatternMatcher(filter ?? throw new ArgumentNullException(nameof(filter)));
            long? resume = resumeFrom == null ? (long?)null : ParsePosition(resumeFrom);
            if (!File.Exists(path)) throw new StoreNotFoundException(path);
            _db = new SqliteConnectionHolder(path, create: false);
            try
            {
                SqliteErrors.Run(path, () =>
                {
                    _dataVersion = DataVersion(); // first: a commit after it is read again, never lost
                    _seq = resume ?? SqliteChangeLog.HighWater(_db.Connection);
                });
            }
            catch
            {
                _db.Dispose();
                throw;
            }
            _waker = new ChangeWaker(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*");
        }

        public string Position => PositionPrefix + _seq.ToString(CultureInfo.InvariantCulture);

        public static long ParsePosition(string position)
        {
            if (position.StartsWith(PositionPrefix, StringComparison.Ordinal)
                && long.TryParse(position.Substring(PositionPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
                return seq;
            throw new ArgumentException($"'{position}' is not a change-feed position of a SQLite store.", nameof(position));
        }

        public IReadOnlyList<MoaiPattern> ReadNext()
        {
            if (!File.Exists(_path)) throw new StoreRemovedException(_path); // an open connection would go on reading the deleted file
            return SqliteErrors.Run(_path, () =>
            {
                IReadOnlyList<MoaiPattern> found;
                do found = Read(); while (found.Count == 0 && _more); // a full batch the filter emptied: empty must mean "nothing new"
                return found;
            });
        }

        private IReadOnlyList<MoaiPattern> Read()
        {
            var version = DataVersion();
            if (!_more && version == _dataVersion) return Array.Empty<MoaiPattern>();
            _dataVersion = version;
            // Rows the original tool inserted since get their keys and a change row now, so a watch sees them too.
            if (!_db.ReadOnly) SqliteMigrator.BackfillIfPending(_db);
            var top = SqliteChangeLog.HighWater(_db.Connection);
            var found = new List<MoaiPattern>();
            var cmd = _db.Command("SELECT " + SqliteSchema.ReadColumns + @", c.seq,
 (SELECT max(l.seq) FROM pattern_changes l WHERE l.pattern_id = c.pattern_id)
FROM (SELECT seq, pattern_id FROM pattern_changes WHERE seq > @after AND seq <= @top ORDER BY seq LIMIT " + BatchRows + @") c
LEFT JOIN patterns p ON p.pattern_id = c.pattern_id
ORDER BY c.seq");
            if (cmd.Parameters.Count == 0)
            {
                cmd.Parameters.Add(new SqliteParameter { ParameterName = "@after" });
                cmd.Parameters.Add(new SqliteParameter { ParameterName = "@top" });
            }
            cmd.Parameters[0].Value = _seq;
            cmd.Parameters[1].Value = top;
            var scanned = 0;
            var last = _seq;
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    scanned++;
                    var seq = r.GetInt64(9);
                    if (scanned == 1 && seq > _seq + 1) WarnGap(_seq + 1, seq - 1);
                    last = seq;
                    if (r.IsDBNull(0)) continue;                          // removed since
                    if (!r.IsDBNull(10) && r.GetInt64(10) != seq) continue; // saved again later: emitted at that seq
                    var p = SqlitePatternReader.TryRead(r, _db.Warnings);
                    if (p != null && _matcher.Matches(p)) found.Add(p);
                }
            }
            _more = scanned == BatchRows;
            _seq = _more ? last : Math.Max(_seq, top);
            return found;
        }

        /// <summary>
        /// Sequence numbers have no holes (AUTOINCREMENT; a rolled-back insert gives its number back), and only
        /// pruning deletes change rows, so a first row past the next number means rows this feed had not read were
        /// pruned: it fell more than <see cref="SqliteChangeLog.Retention"/> behind (or resumed from an older position).
        /// </summary>
        private void WarnGap(long from, long to) =>
            _db.Warnings.Add(new StoreWarning(_path,
                $"The watch fell behind: changes {from}–{to} were pruned from the store's change log (it keeps {SqliteChangeLog.Retention.TotalHours:0} hours) before it read them, so saves made then may be missing."));

        private long DataVersion()
        {
            var cmd = _db.Command("PRAGMA data_version");
            return Convert.ToInt64(cmd.ExecuteScalar());
        }

        public void WaitForChange(TimeSpan timeout, CancellationToken cancel)
        {
            if (_more) return;
            _waker.Wait(timeout, cancel);
        }

        public IReadOnlyList<StoreWarning> DrainWarnings()
        {
            var list = _db.Warnings.ToArray();
            _db.Warnings.Clear();
            return list;
        }

        public void Dispose()
        {
            _waker?.Dispose();
            _db.Dispose();
        }
    }
}
