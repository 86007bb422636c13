using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using MoaiPatterns.Query;
using MoaiPatterns.Stores;
using Npgsql;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// Follows <c>pattern_changes</c> (see <see cref="PostgresChangeLog"/>) past a seq, on a connection of its own that
    /// LISTENs to the store's channel. The catch-up query is the truth: every snapshot sees a prefix of the log in seq
    /// order, so the position moves past every row read (also those whose pattern was removed or saved again since:
    /// not emitted, rule 3). A NOTIFY only wakes <see cref="WaitForChange"/>; its payload is never read. A lost
    /// connection loses notifications, not rows: the feed reconnects, LISTENs first, then reads on from its position.
    /// </summary>
    internal sealed class PostgresPatternFeed : IPatternFeed
    {
        public const string PositionPrefix = "pg:";
        private const int BatchRows = 256;

        /// <summary>The longest single wait on the socket: a cancellation from another thread is seen within it.</summary>
        private const int SliceMs = 200;

        private static readonly TimeSpan MinSlice = TimeSpan.FromMilliseconds(3);

        /// <summary>How long the server may stay unreachable before ReadNext reports it (the watch then ends).</summary>
        public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

        private readonly PostgresDatabase _db;
        private readonly PatternMatcher _matcher;
        private readonly string _channel;
        private readonly List<StoreWarning> _warnings = new List<StoreWarning>();
        private NpgsqlConnection? _conn;
        private NpgsqlCommand? _read;  // the catch-up query, prepared on _conn
        private long _seq;
        private bool _more;           // the last read stopped at BatchRows: read on without waiting
        private volatile bool _hinted; // a notification came since the last read began
        private Stopwatch? _downSince; // the connection is lost and not back yet

        public PostgresPatternFeed(PostgresTarget target, PatternQuery filter, string? resumeFrom)
        {
            _matcher = new PatternMatcher(filter ?? throw new ArgumentNullException(nameof(filter)));
            long? resume = resumeFrom == null ? (long?)null : ParsePosition(resumeFrom);
            _db = new PostgresDatabase(target, create: false);
            _channel = PostgresChangeLog.Channel(target);
            try
            {
                PostgresErrors.Run(_db.Location, () =>
                {
                    Connect();
                    _seq = resume ?? HighWater();
                });
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public string Position => PositionPrefix + _seq.ToString(CultureInfo.InvariantCulture);

        public static long ParsePosition(string position)
        {
            if (position.StartsWith(PositionPrefix, StringComparison.Ordinal)
                && long.TryParse(position.Substring(PositionPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
                return seq;
            throw new ArgumentException($"'{position}' is not a change-feed position of a PostgreSQL store.", nameof(position));
        }

        /// <summary>LISTEN first, so a save committing after it both wakes the wait and is found by the next read.</summary>
        private void Connect()
        {
            Drop();
            var c = _db.OpenExtra("watch");
            c.Notification += (_, _) => _hinted = true;
            try
            {
                using var cmd = new NpgsqlCommand("LISTEN " + _channel, c);
                cmd.ExecuteNonQuery();
            }
            catch
            {
                c.Dispose();
                throw;
            }
            _conn = c;
        }

        /// <summary>
        /// "Now": the newest seq, read while holding the store's change lock shared, so no writer is between taking
        /// its number and committing; every save committed before is at or below it, every later one above.
        /// </summary>
        private long HighWater()
        {
            using var tx = _conn!.BeginTransaction();
            using (var lk = new NpgsqlCommand(PostgresChangeLog.SharedLockSql, _conn, tx))
            {
                lk.Parameters.AddWithValue("lk", PostgresChangeLog.LockKey(_db.Target));
                lk.ExecuteNonQuery();
            }
            long top;
            using (var max = _db.Command("SELECT coalesce(max(seq), 0) FROM {s}.pattern_changes", _conn))
            {
                max.Transaction = tx;
                top = Convert.ToInt64(max.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            tx.Commit();
            return top;
        }

        public IReadOnlyList<MoaiPattern> ReadNext()
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (_conn == null || _conn.State != System.Data.ConnectionState.Open) Connect();
                    _hinted = false;
                    IReadOnlyList<MoaiPattern> found;
                    do found = Read(); while (found.Count == 0 && _more); // a full batch the filter emptied: empty must mean "nothing new"
                    if (_downSince != null)
                    {
                        _downSince = null;
                        _warnings.Add(new StoreWarning(_db.Location, "The connection to the store is back; the watch went on from where it was (nothing skipped)."));
                    }
                    return found;
                }
                catch (Exception e) when (Gone(e))
                {
                    Drop();
                    throw new StoreRemovedException(_db.Location);
                }
                catch (Exception e) when (Lost(e))
                {
                    Drop();
                    if (attempt == 1) continue; // a dropped idle connection: reconnect at once
                    if (_downSince == null)
                    {
                        _downSince = Stopwatch.StartNew();
                        _warnings.Add(new StoreWarning(_db.Location, "The connection to the store was lost; reconnecting (the watch resumes from its position)."));
                    }
                    if (_downSince.Elapsed > GiveUpAfter) throw PostgresErrors.Translate(e, _db.Location);
                    return Array.Empty<MoaiPattern>();
                }
                catch (Exception e) when (e is NpgsqlException || (e is InvalidOperationException && e.Source == "Npgsql"))
                {
                    throw PostgresErrors.Translate(e, _db.Location);
                }
            }
        }

        private IReadOnlyList<MoaiPattern> Read()
        {
            // Prepared once per connection: an idle watch runs this five times a second.
            var cmd = _read;
            if (cmd == null)
            {
                cmd = _db.Command("SELECT " + PostgresSchema.ReadColumns + @", c.seq,
 (SELECT max(l.seq) FROM {s}.pattern_changes l WHERE l.pattern_id = c.pattern_id)
FROM (SELECT seq, pattern_id FROM {s}.pattern_changes WHERE seq > @after ORDER BY seq LIMIT " + BatchRows + @") c
LEFT JOIN {s}.patterns p ON p.pattern_id = c.pattern_id
ORDER BY c.seq", _conn);
                cmd.Parameters.Add(new NpgsqlParameter("after", NpgsqlTypes.NpgsqlDbType.Bigint));
                cmd.Prepare();
                _read = cmd;
            }
            cmd.Parameters[0].Value = _seq;
            var found = new List<MoaiPattern>();
            var scanned = 0;
            var last = _seq;
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    scanned++;
                    var seq = r.GetInt64(9);
                    last = seq;
                    if (r.IsDBNull(0)) continue;                          // removed since
                    if (!r.IsDBNull(10) && r.GetInt64(10) != seq) continue; // saved again later: emitted at that seq
                    var p = PostgresPatternReader.TryRead(r, _warnings);
                    if (p != null && _matcher.Matches(p)) found.Add(p);
                }
            }
            // One statement, one snapshot: every row it could see below `last` was in it (see PostgresChangeLog).
            _seq = last;
            _more = scanned == BatchRows;
            return found;
        }

        public void WaitForChange(TimeSpan timeout, CancellationToken cancel)
        {
            if (_more || _hinted) return;
            var clock = Stopwatch.StartNew();
            while (!cancel.IsCancellationRequested)
            {
                var left = timeout - clock.Elapsed;
                if (left < MinSlice) return; // not another socket wait for the last millisecond or two
                // Bounded slices so a cancellation from another thread ends the wait promptly (PatternWatch waits at most 200 ms anyway).
                var slice = (int)Math.Max(1, Math.Min(left.TotalMilliseconds, SliceMs));
                if (_conn == null || _conn.State != System.Data.ConnectionState.Open)
                {
                    cancel.WaitHandle.WaitOne(slice);
                    continue;
                }
                try
                {
                    if (_conn.Wait(slice) || _hinted) return;
                }
                catch (Exception e) when (Lost(e) || e is NpgsqlException)
                {
                    Drop(); // a hint only: ReadNext reconnects, and reports what is wrong
                    return;
                }
            }
        }

        /// <summary>The schema, its tables or the database were dropped.</summary>
        private static bool Gone(Exception e) =>
            e is StoreNotFoundException
            || (e is PostgresException pg && (pg.SqlState == PostgresErrorCodes.InvalidSchemaName || pg.SqlState == PostgresErrorCodes.UndefinedTable
                || pg.SqlState == PostgresErrorCodes.InvalidCatalogName));

        /// <summary>The connection broke (server restart, a terminated backend, the network): notifications are lost, rows are not.</summary>
        private static bool Lost(Exception e)
        {
            if (e is PostgresException pg)
                return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState == PostgresErrorCodes.AdminShutdown
                    || pg.SqlState == PostgresErrorCodes.CrashShutdown || pg.SqlState == PostgresErrorCodes.CannotConnectNow;
            return e is NpgsqlException || e is IOException || e is SocketException || e is TimeoutException
                || (e is StoreAccessException sa && sa.Failure == StoreFailure.Unreachable)
                || (e is InvalidOperationException && e.Source == "Npgsql");
        }

        private void Drop()
        {
            var c = _conn;
            _conn = null;
            _read?.Dispose();
            _read = null;
            if (c == null) return;
            try
            {
                // Back to the pool without the LISTEN, so a reused connection does not collect notifications.
                if (c.State == System.Data.ConnectionState.Open) using (var cmd = new NpgsqlCommand("UNLISTEN *", c)) cmd.ExecuteNonQuery();
            }
            catch (Exception e) when (e is NpgsqlException || e is IOException || e is InvalidOperationException) { }
            c.Dispose();
        }

        public IReadOnlyList<StoreWarning> DrainWarnings()
        {
            var list = _warnings.ToArray();
            _warnings.Clear();
            return list;
        }

        public void Dispose() => Drop();
    }
}
