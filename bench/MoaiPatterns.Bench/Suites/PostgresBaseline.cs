using System;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Bench.Workload;
using Npgsql;
using NpgsqlTypes;

namespace MoaiPatterns.Bench.Suites
{
    /// <summary>
    /// The PostgreSQL limits, on the same rows and server as the backend: a table of the seed's columns (data and
    /// context as jsonb, the seed's indexes) filled by plain inserts (one prepared statement, one transaction) and
    /// by binary COPY. Serialization is done before timing.
    /// </summary>
    public static class PostgresBaseline
    {
        public const string Insert = "raw PostgreSQL insert (one prepared statement, one transaction)";
        public const string Copy = "raw PostgreSQL binary COPY";

        public static void Run(ResultSet results, WorkloadSet w, string connectionString)
        {
            foreach (var copy in new[] { false, true })
            {
                var table = "raw_" + Guid.NewGuid().ToString("N").Substring(0, 8);
                using var c = new NpgsqlConnection(connectionString);
                c.Open();
                Exec(c, $@"CREATE TABLE {table} (pattern_id text PRIMARY KEY, pattern_type text NOT NULL, timestamp bigint NOT NULL,
    data jsonb NOT NULL, context jsonb, version text DEFAULT '1.0', created_at timestamptz DEFAULT now());
CREATE INDEX ON {table} (pattern_type, timestamp); CREATE INDEX ON {table} (created_at);");
                try
                {
                    var ms = Timing.Ms(() => { if (copy) CopyAll(c, table, w); else InsertAll(c, table, w); });
                    var op = copy ? Copy : Insert;
                    results.Add(BaselineBenchmark.Suite, "PostgreSql", w.N, op, "ms", ms);
                    results.Add(BaselineBenchmark.Suite, "PostgreSql", w.N, op + " rate", "patterns/s", w.N / (ms / 1000));
                }
                finally { Exec(c, "DROP TABLE " + table); }
            }
        }

        private static void InsertAll(NpgsqlConnection c, string table, WorkloadSet w)
        {
            using var tx = c.BeginTransaction();
            using var cmd = new NpgsqlCommand($"INSERT INTO {table} (pattern_id, pattern_type, timestamp, data, context, version) VALUES ($1, $2, $3, $4, $5, $6)", c, tx);
            var p = new[]
            {
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text }, new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint }, new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb }, new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text },
            };
            cmd.Parameters.AddRange(p);
            cmd.Prepare();
            for (var i = 0; i < w.N; i++)
            {
                var x = w.Patterns[i];
                p[0].Value = x.PatternId;
                p[1].Value = x.PatternType.ToWireName();
                p[2].Value = x.Timestamp.ToUnixTimeSeconds();
                p[3].Value = w.DataJson[i];
                p[4].Value = w.ContextJson[i];
                p[5].Value = x.Version;
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }

        private static void CopyAll(NpgsqlConnection c, string table, WorkloadSet w)
        {
            using var copy = c.BeginBinaryImport($"COPY {table} (pattern_id, pattern_type, timestamp, data, context, version) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < w.N; i++)
            {
                var x = w.Patterns[i];
                copy.StartRow();
                copy.Write(x.PatternId, NpgsqlDbType.Text);
                copy.Write(x.PatternType.ToWireName(), NpgsqlDbType.Text);
                copy.Write(x.Timestamp.ToUnixTimeSeconds(), NpgsqlDbType.Bigint);
                copy.Write(w.DataJson[i], NpgsqlDbType.Jsonb);
                copy.Write(w.ContextJson[i], NpgsqlDbType.Jsonb);
                copy.Write(x.Version, NpgsqlDbType.Text);
            }
            copy.Complete();
        }

        private static void Exec(NpgsqlConnection c, string sql)
        {
            using var cmd = new NpgsqlCommand(sql, c);
            cmd.ExecuteNonQuery();
        }
    }
}
