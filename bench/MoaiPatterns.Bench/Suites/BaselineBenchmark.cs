using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Bench.Workload;
using Microsoft.Data.Sqlite;

namespace MoaiPatterns.Bench.Suites
{
    /// <summary>
    /// The practical limits, on the same rows: raw Microsoft.Data.Sqlite inserts into the seed's table
    /// (one prepared statement, one transaction) and raw file writes of the same pretty JSON bytes
    /// into YYYY/MM/DD folders (temp file + rename, no index), with and without flushing each file.
    /// Serialization is done before timing: these measure storage alone.
    /// </summary>
    public sealed class BaselineBenchmark
    {
        public const string Suite = "baseline";
        public const string SqliteInsert = "raw SQLite insert (one statement, one transaction)";
        /// <summary>The practical limit of "all results of a date range": a plain query reading the rows' JSON columns.</summary>
        public const string SqlitePlainRange = "raw SQLite: plain query reading the JSON of the last 7 days";
        public const string FileWriteFlush = "raw file write + flush + rename";
        public const string FileWriteNoFlush = "raw file write + rename, no flush";

        private readonly ResultSet _results;
        private readonly string _workDir;

        public BaselineBenchmark(ResultSet results, string workDir)
        {
            _results = results;
            _workDir = workDir;
        }

        public void RunSqlite(WorkloadSet w)
        {
            var path = Path.Combine(_workDir, "raw-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".db");
            try
            {
                var ms = Timing.Ms(() => InsertAll(path, w));
                _results.Add(Suite, "Sqlite", w.N, SqliteInsert, "ms", ms);
                _results.Add(Suite, "Sqlite", w.N, SqliteInsert + " rate", "patterns/s", w.N / (ms / 1000));
                _results.Add(Suite, "Sqlite", w.N, "bytes on disk", "bytes", DiskUsage.Of(path));
                var readMs = Timing.Ms(() => ReadRange(path, w.Now.AddDays(-7)), out var read);
                _results.Add(Suite, "Sqlite", w.N, SqlitePlainRange, "ms", readMs);
                _results.Add(Suite, "Sqlite", w.N, SqlitePlainRange + ", rows", "patterns", read);
            }
            finally { StoreFiles.Delete(path); }
        }

        public void RunFiles(WorkloadSet w, bool flush)
        {
            var root = Path.Combine(_workDir, "raw-fs-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            try
            {
                var ms = Timing.Ms(() => WriteAll(root, w, flush));
                var op = flush ? FileWriteFlush : FileWriteNoFlush;
                _results.Add(Suite, "FileSystem", w.N, op, "ms", ms);
                _results.Add(Suite, "FileSystem", w.N, op + " rate", "patterns/s", w.N / (ms / 1000));
                if (flush) _results.Add(Suite, "FileSystem", w.N, "bytes on disk", "bytes", DiskUsage.Of(root));
            }
            finally { StoreFiles.Delete(root); }
        }

        private static void InsertAll(string path, WorkloadSet w)
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            using (var ddl = connection.CreateCommand())
            {
                ddl.CommandText = @"CREATE TABLE patterns (pattern_id TEXT PRIMARY KEY, pattern_type TEXT NOT NULL, timestamp INTEGER NOT NULL,
    data TEXT NOT NULL, context TEXT, version TEXT DEFAULT '1.0', created_at INTEGER DEFAULT (strftime('%s', 'now')));
CREATE INDEX idx_type_timestamp ON patterns(pattern_type, timestamp);
CREATE INDEX idx_created_at ON patterns(created_at);";
                ddl.ExecuteNonQuery();
            }
            using var tx = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO patterns (pattern_id, pattern_type, timestamp, data, context, version) VALUES ($id, $type, $ts, $data, $context, $version)";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var type = insert.Parameters.Add("$type", SqliteType.Text);
            var ts = insert.Parameters.Add("$ts", SqliteType.Integer);
            var data = insert.Parameters.Add("$data", SqliteType.Text);
            var context = insert.Parameters.Add("$context", SqliteType.Text);
            var version = insert.Parameters.Add("$version", SqliteType.Text);
            insert.Prepare();
            for (var i = 0; i < w.N; i++)
            {
                var p = w.Patterns[i];
                id.Value = p.PatternId;
                type.Value = p.PatternType.ToWireName();
                ts.Value = p.Timestamp.ToUnixTimeSeconds();
                data.Value = w.DataJson[i];
                context.Value = w.ContextJson[i];
                version.Value = p.Version;
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }

        /// <summary>`SELECT data, context … WHERE timestamp >= ?` on a fresh connection, reading both texts of every row (no parsing, no order).</summary>
        private static long ReadRange(string path, DateTimeOffset after)
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
            connection.Open();
            using var query = connection.CreateCommand();
            query.CommandText = "SELECT data, context FROM patterns WHERE timestamp >= $after";
            query.Parameters.AddWithValue("$after", after.ToUnixTimeSeconds());
            using var reader = query.ExecuteReader();
            long rows = 0, chars = 0;
            while (reader.Read())
            {
                chars += reader.GetString(0).Length + reader.GetString(1).Length;
                rows++;
            }
            return chars >= 0 ? rows : 0;
        }

        private static void WriteAll(string root, WorkloadSet w, bool flush)
        {
            var temp = Path.Combine(root, ".tmp");
            Directory.CreateDirectory(temp);
            var made = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < w.N; i++)
            {
                var p = w.Patterns[i];
                var utc = p.Timestamp.UtcDateTime;
                var dir = Path.Combine(root, utc.ToString("yyyy", CultureInfo.InvariantCulture), utc.ToString("MM", CultureInfo.InvariantCulture), utc.ToString("dd", CultureInfo.InvariantCulture));
                if (made.Add(dir)) Directory.CreateDirectory(dir);
                var name = p.PatternType.ToWireName() + "_" + utc.ToString("yyyyMMdd'_'HHmmss", CultureInfo.InvariantCulture) + "_" + p.PatternId + ".json";
                var tempFile = Path.Combine(temp, p.PatternId + ".tmp");
                using (var fs = new FileStream(tempFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096))
                {
                    var bytes = w.PrettyJson[i];
                    fs.Write(bytes, 0, bytes.Length);
                    if (flush) fs.Flush(true);
                }
                File.Move(tempFile, Path.Combine(dir, name));
            }
        }
    }
}
