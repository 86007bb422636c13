using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Storage.Sqlite;
using Xunit;

namespace MoaiPatterns.Tests.Analysis
{
    /// <summary>
    /// SQLite's Measure takes each group's durations from group_concat's text: the parse must give back exactly the
    /// integers SQLite held (signs, the long range, one value, none), sorted for the nearest-rank percentiles.
    /// </summary>
    public sealed class SqliteDurationListTests
    {
        [Fact]
        public void Group_concat_text_parses_back_to_the_sorted_integers()
        {
            var values = new[] { 40L, 0L, -7L, long.MaxValue, long.MinValue, 12L, 12L, 1000000007L };
            using var c = new SqliteConnection("Data Source=:memory:");
            c.Open();
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "CREATE TABLE t (g INTEGER, d INTEGER)";
                cmd.ExecuteNonQuery();
                cmd.CommandText = "INSERT INTO t VALUES (1, $d)";
                var p = cmd.Parameters.Add("$d", SqliteType.Integer);
                foreach (var v in values) { p.Value = v; cmd.ExecuteNonQuery(); }
                p.Value = System.DBNull.Value;
                cmd.ExecuteNonQuery();
                cmd.CommandText = "INSERT INTO t VALUES (2, 5), (3, NULL)";
                cmd.ExecuteNonQuery();
            }
            var parsed = new Dictionary<long, List<long>>();
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "SELECT g, group_concat(d) FROM t GROUP BY g";
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    var list = new List<long> { 99 }; // cleared by the parse
                    SqliteAnalysis.ParseSorted(r.IsDBNull(1) ? null : r.GetString(1), list);
                    parsed[r.GetInt64(0)] = list;
                }
            }
            Assert.Equal(values.OrderBy(v => v), parsed[1]);
            Assert.Equal(new[] { 5L }, parsed[2]);
            Assert.Empty(parsed[3]);
        }
    }
}
