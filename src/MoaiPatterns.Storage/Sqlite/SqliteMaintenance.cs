using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>Retention, space reclaim, description and completion lookups; all through indexes.</summary>
    internal static class SqliteMaintenance
    {
        /// <summary>Deletes by pattern timestamp with tags and FTS rows, inside the caller's transaction.</summary>
        public static long DeleteOlderThan(SqliteConnectionHolder db, long cutoffMs, PatternType[] types)
        {
            var filter = "timestamp_ms < @cut" + (types.Length == 0 ? "" : " AND pattern_type IN (" + string.Join(", ", types.Select((_, i) => "@t" + i)) + ")");
            long removed = 0;
            foreach (var sql in new[]
            {
                "DELETE FROM pattern_fts WHERE rowid IN (SELECT doc_id FROM patterns WHERE doc_id IS NOT NULL AND " + filter + ")",
                "DELETE FROM pattern_tags WHERE pattern_id IN (SELECT pattern_id FROM patterns WHERE " + filter + ")",
                "DELETE FROM patterns WHERE " + filter,
            })
            {
                using var cmd = db.Connection.CreateCommand();
                cmd.CommandText = sql;
                cmd.Parameters.AddWithValue("@cut", cutoffMs);
                for (var i = 0; i < types.Length; i++) cmd.Parameters.AddWithValue("@t" + i, types[i].ToWireName());
                removed = cmd.ExecuteNonQuery();
            }
            return removed;
        }

        /// <summary>Free pages below this many bytes are not worth a VACUUM (it blocks every writer while it copies the file).</summary>
        public const long MinReclaimBytes = 1 << 20;

        /// <summary>Free pages below this share of the file are not worth a VACUUM either.</summary>
        public const double MinReclaimFraction = 0.10;

        /// <summary>Bytes held by free pages (what a VACUUM would give back).</summary>
        public static long FreeBytes(SqliteConnectionHolder db) =>
            Pragma(db, "freelist_count") * Pragma(db, "page_size");

        /// <summary>True when the free pages are worth rewriting the file for.</summary>
        public static bool WorthVacuum(long freeBytes, long fileBytes) =>
            freeBytes >= MinReclaimBytes && freeBytes >= fileBytes * MinReclaimFraction;

        /// <summary>
        /// Checkpoints the WAL into the database (truncating it); when enough pages are free, also merges
        /// FTS segments and rebuilds the file without them. Returns whether the VACUUM ran.
        /// </summary>
        public static bool Vacuum(SqliteConnectionHolder db, long fileBytes)
        {
            if (db.InWriteTransaction) throw new InvalidOperationException("Cannot compress while a writer has uncommitted patterns; dispose the writer first.");
            var c = db.Connection;
            SqliteMigrator.Exec(c, "PRAGMA wal_checkpoint(TRUNCATE)");
            if (!WorthVacuum(FreeBytes(db), fileBytes)) return false;
            SqliteMigrator.Exec(c, "INSERT INTO pattern_fts(pattern_fts) VALUES ('optimize')");
            SqliteMigrator.Exec(c, "VACUUM");
            SqliteMigrator.Exec(c, "PRAGMA wal_checkpoint(TRUNCATE)");
            return true;
        }

        private static long Pragma(SqliteConnectionHolder db, string name)
        {
            using var cmd = db.Connection.CreateCommand();
            cmd.CommandText = "PRAGMA " + name;
            return Convert.ToInt64(cmd.ExecuteScalar() ?? 0L);
        }

        public static StoreInfo Describe(SqliteConnectionHolder db, string path, Func<long> size)
        {
            var info = new StoreInfo { Path = path, Backend = StoreBackend.Sqlite };
            foreach (PatternType t in Enum.GetValues(typeof(PatternType))) info.CountByType[t] = 0;
            using (var cmd = db.Connection.CreateCommand())
            {
                cmd.CommandText = "SELECT pattern_type, count(*) FROM patterns GROUP BY pattern_type";
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    var n = r.GetInt64(1);
                    info.Count += n;
                    if (PatternTypeNames.TryParse(r.GetString(0), out var t)) info.CountByType[t] = n;
                }
            }
            info.Oldest = Edge(db, "ASC");
            info.Newest = Edge(db, "DESC");
            info.SizeBytes = size();
            return info;
        }

        private static DateTimeOffset? Edge(SqliteConnectionHolder db, string direction)
        {
            using var cmd = db.Connection.CreateCommand();
            cmd.CommandText = $"SELECT timestamp_iso, timestamp_ms FROM patterns ORDER BY timestamp_ms {direction}, pattern_id {direction} LIMIT 1";
            using var r = cmd.ExecuteReader();
            if (!r.Read()) return null;
            if (!r.IsDBNull(0) && IsoTimestamp.TryParse(r.GetString(0), out var ts)) return ts;
            return r.IsDBNull(1) ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1));
        }

        /// <summary>Distinct values of an indexed column starting with <paramref name="prefix"/> (already normalized).</summary>
        public static IReadOnlyList<string> Distinct(SqliteConnectionHolder db, string table, string column, string prefix, int max)
        {
            var list = new List<string>();
            if (max <= 0) return list;
            using var cmd = db.Connection.CreateCommand();
            cmd.CommandText = $"SELECT DISTINCT {column} FROM {table} WHERE {column} >= @lo AND {column} < @hi ORDER BY {column} LIMIT @max";
            cmd.Parameters.AddWithValue("@lo", prefix);
            cmd.Parameters.AddWithValue("@hi", prefix + "\U0010FFFF");
            cmd.Parameters.AddWithValue("@max", max);
            using var r = cmd.ExecuteReader();
            while (r.Read()) list.Add(r.GetString(0));
            return list;
        }

        /// <summary>Ids are case-sensitive keys: range-scan the prefix as typed, lower and upper, then filter case-insensitively.</summary>
        public static IReadOnlyList<string> SuggestIds(SqliteConnectionHolder db, string prefix, int max)
        {
            var found = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var variant in new[] { prefix, prefix.ToLowerInvariant(), prefix.ToUpperInvariant() }.Distinct())
                foreach (var id in Distinct(db, "patterns", "pattern_id", variant, max))
                    if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) found.Add(id);
            return found.Take(max).ToList();
        }
    }
}
