using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Bench.Workload
{
    /// <summary>
    /// The rows of one size N, built once and shared by every backend, repeat and baseline, so all
    /// of them write the same rows. Rows N..N+Extra are the one-call saves made into a store of N.
    /// </summary>
    public sealed class WorkloadSet
    {
        public WorkloadSet(WorkloadGenerator generator, int n, int extra, int lookups)
        {
            N = n;
            Now = generator.Now;
            var rows = generator.Rows(0, n + extra).ToList();
            Patterns = rows.Select(PatternFactory.ToPattern).ToList();
            Expected = new ExpectedResults();
            for (var i = 0; i < n; i++) Expected.Add(rows[i]);
            AllExpected = new ExpectedResults();
            foreach (var row in rows) AllExpected.Add(row);
            var ids = Expected.Ids;
            var random = new Random(generator.Seed + n);
            LookupIds = Enumerable.Range(0, lookups).Select(_ => ids[random.Next(ids.Count)]).ToArray();
            PrettyJson = Patterns.Take(n).Select(p => PatternJson.ToUtf8Bytes(p, indented: true)).ToList();
            DataJson = Patterns.Take(n).Select(p => PatternJson.DataToJson(p.Data)).ToList();
            ContextJson = Patterns.Take(n).Select(p => PatternJson.ContextToJson(p.Context)).ToList();
        }

        public int N { get; }
        public DateTimeOffset Now { get; }
        public int Extra => Patterns.Count - N;

        /// <summary>N bulk rows then the extra one-call rows.</summary>
        public List<MoaiPattern> Patterns { get; }

        /// <summary>Expected results over the first N rows (what the queries see).</summary>
        public ExpectedResults Expected { get; }

        /// <summary>Expected results over all N + Extra rows (what retention sees).</summary>
        public ExpectedResults AllExpected { get; }

        public string[] LookupIds { get; }

        /// <summary>The seed's pretty JSON of each of the first N rows: the raw file baseline writes these bytes.</summary>
        public List<byte[]> PrettyJson { get; }

        /// <summary>The seed's data/context column text: the raw SQLite baseline inserts these.</summary>
        public List<string> DataJson { get; }
        public List<string> ContextJson { get; }
    }
}
