using System;
using System.Linq;
using MoaiPatterns.Query;
using Xunit;
using Xunit.Abstractions;

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>
    /// Many machines writing one shared store, as real processes: pipelines (COPY batches) and single saves
    /// upserting the SAME ids at once leave each id exactly once and whole; no writer fails (lock order, retried deadlocks).
    /// </summary>
    public sealed class PostgresWritersTests
    {
        private readonly ITestOutputHelper _out;

        public PostgresWritersTests(ITestOutputHelper output) => _out = output;

        [Fact]
        public void ProcessesUpsertingTheSameIdsAtOnceLeaveEachIdOnceAndWhole()
        {
            using var temp = new TempStore("postgresql");
            const int n = 600;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var workers = new[]
            {
                WorkerProcess.Start("pipeline", "--store", temp.Path_, "--prefix", "same", "--count", n.ToString(), "--batch", "100"),
                WorkerProcess.Start("pipeline", "--store", temp.Path_, "--prefix", "same", "--count", n.ToString(), "--batch", "37"),
                WorkerProcess.Start("save", "--store", temp.Path_, "--prefix", "same", "--count", (n / 2).ToString()),
                WorkerProcess.Start("save", "--store", temp.Path_, "--prefix", "same", "--start", (n / 2).ToString(), "--count", (n / 2).ToString()),
                WorkerProcess.Start("pipeline", "--store", temp.Path_, "--prefix", "own", "--count", n.ToString(), "--batch", "50"),
            };
            try
            {
                foreach (var w in workers) Assert.True(w.WaitForExit(TimeSpan.FromMinutes(5)) == 0, "writer failed: " + w.StdErr);
            }
            finally
            {
                foreach (var w in workers) w.Dispose();
            }
            using var store = temp.Open(create: false);
            var found = StoreChecks.FindAllWhole(store, "postgresql same ids");
            Assert.Equal(2 * n, found.Count);
            Assert.Equal(2 * n, store.Count(PatternQuery.All));
            StoreChecks.AllIntact(store, workers.SelectMany(w => w.SavedIds).Distinct(), "postgresql same ids");
            _out.WriteLine($"5 writers, {workers.Sum(w => w.SavedIds.Count)} saves of {2 * n} distinct ids in {clock.Elapsed.TotalSeconds:0.0} s");
            store.Release();
        }
    }
}
