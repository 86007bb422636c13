using System;
using Microsoft.Data.Sqlite;

namespace MoaiPatterns.Storage
{
    /// <summary>Proves the SQLite stack (Microsoft.Data.Sqlite, SQLitePCLRaw, native e_sqlite3 with FTS5) works in this process.</summary>
    public static class StorageDiagnostics
    {
        /// <summary>
        /// Creates a table in a real SQLite file, writes and reads a row, checks FTS5, and returns
        /// sqlite_version(). Throws when any step fails.
        /// </summary>
        public static string SqliteSelfTest(string dbPath)
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false };
            using (var connection = new SqliteConnection(builder.ToString()))
            {
                connection.Open();
                Execute(connection, "CREATE TABLE IF NOT EXISTS self_test (id INTEGER PRIMARY KEY, note TEXT NOT NULL)");
                var note = "self-test " + Guid.NewGuid().ToString("N");
                using (var insert = connection.CreateCommand())
                {
                    insert.CommandText = "INSERT INTO self_test (note) VALUES ($note) RETURNING id";
                    insert.Parameters.AddWithValue("$note", note);
                    var id = Convert.ToInt64(insert.ExecuteScalar());
                    using (var read = connection.CreateCommand())
                    {
                        read.CommandText = "SELECT note FROM self_test WHERE id = $id";
                        read.Parameters.AddWithValue("$id", id);
                        if (!string.Equals(read.ExecuteScalar() as string, note, StringComparison.Ordinal))
                            throw new InvalidOperationException("SQLite self-test: the row read back differs from the row written.");
                    }
                }

                Execute(connection, "CREATE VIRTUAL TABLE IF NOT EXISTS self_test_fts USING fts5(body)");
                Execute(connection, "INSERT INTO self_test_fts (body) VALUES ('moai pattern store')");
                using (var match = connection.CreateCommand())
                {
                    match.CommandText = "SELECT count(*) FROM self_test_fts WHERE self_test_fts MATCH 'pattern'";
                    if (Convert.ToInt64(match.ExecuteScalar()) < 1)
                        throw new InvalidOperationException("SQLite self-test: FTS5 found no match.");
                }

                using (var version = connection.CreateCommand())
                {
                    version.CommandText = "SELECT sqlite_version()";
                    return (string)version.ExecuteScalar()!;
                }
            }
        }

        private static void Execute(SqliteConnection connection, string sql)
        {
            using (var command = connection.CreateCommand())
            {
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
        }
    }
}
