using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace MoaiPatterns.Tests.Sqlite
{
    /// <summary>Plain connections to a store's file, for tests that look underneath the backend.</summary>
    internal static class RawSqlite
    {
        public static SqliteConnection Open(string path)
        {
            var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            c.Open();
            return c;
        }

        public static object? Scalar(SqliteConnection c, string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            return cmd.ExecuteScalar();
        }

        public static string[] Column(SqliteConnection c, string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            var list = new List<string>();
            while (r.Read()) list.Add(r.GetString(0));
            return list.ToArray();
        }
    }
}
