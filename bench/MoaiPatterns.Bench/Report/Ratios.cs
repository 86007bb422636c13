using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Bench.Suites;

namespace MoaiPatterns.Bench.Report
{
    /// <summary>Our bulk saves against the raw baselines on the same rows (median time / median baseline time; 1.0 = as fast as the limit).</summary>
    public static class Ratios
    {
        public sealed class Ratio
        {
            public string Backend { get; set; } = "";
            public int N { get; set; }
            public string What { get; set; } = "";
            public string Baseline { get; set; } = "";
            public double Value { get; set; }
        }

        public const string EngineBulk = "save, one pipeline (OpenWriter)";
        public const string CmdletBulk = "Save-MoaiPattern, one pipeline";

        public static List<Ratio> Compute(ResultSet r)
        {
            var list = new List<Ratio>();
            foreach (var n in r.Measurements.Select(m => m.N).Distinct().OrderBy(x => x))
            {
                Add(list, r, "Sqlite", n, "engine", EngineBulk, BaselineBenchmark.SqliteInsert);
                Add(list, r, "Sqlite", n, "cmdlet", CmdletBulk, BaselineBenchmark.SqliteInsert);
                Add(list, r, "FileSystem", n, "engine", EngineBulk, BaselineBenchmark.FileWriteFlush);
                Add(list, r, "FileSystem", n, "engine", EngineBulk, BaselineBenchmark.FileWriteNoFlush);
                Add(list, r, "FileSystem", n, "cmdlet", CmdletBulk, BaselineBenchmark.FileWriteFlush);
                Add(list, r, "PostgreSql", n, "engine", EngineBulk, Suites.PostgresBaseline.Insert);
                Add(list, r, "PostgreSql", n, "engine", EngineBulk, Suites.PostgresBaseline.Copy);
            }
            return list;
        }

        public static double? Get(ResultSet r, string backend, int n, string suite, string baseline) =>
            Compute(r).FirstOrDefault(x => x.Backend == backend && x.N == n && x.What.StartsWith(suite + ":") && x.Baseline == baseline)?.Value;

        private static void Add(List<Ratio> list, ResultSet r, string backend, int n, string suite, string op, string baseline)
        {
            var ours = r.Median(suite, backend, n, op);
            var limit = r.Median(BaselineBenchmark.Suite, backend, n, baseline);
            if (ours == null || limit == null || limit <= 0) return;
            list.Add(new Ratio { Backend = backend, N = n, What = suite + ": " + op, Baseline = baseline, Value = ours.Value / limit.Value });
        }
    }
}
