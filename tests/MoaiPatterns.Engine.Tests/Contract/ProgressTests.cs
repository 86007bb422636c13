using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.FileSystem;
using Xunit;

namespace MoaiPatterns.Tests.Contract
{
    /// <summary>Retention, compression and repair report progress on the caller's thread, ending at 100%, on every backend.</summary>
    public sealed class ProgressTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 11, 30, 12, 0, 0, TimeSpan.Zero);
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-progress-" + Guid.NewGuid().ToString("N"));

        public ProgressTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        /// <summary>Records reports synchronously, with the thread each came on.</summary>
        private sealed class Recorder : IProgress<StoreProgress>
        {
            public readonly List<(StoreProgress Value, int Thread)> Reports = new List<(StoreProgress, int)>();
            public void Report(StoreProgress value) => Reports.Add((value, Environment.CurrentManagedThreadId));
        }

        public static IEnumerable<object[]> Backends() => new[] { new object[] { StoreBackend.FileSystem }, new object[] { StoreBackend.Sqlite } };

        [Theory]
        [MemberData(nameof(Backends))]
        public void Each_long_operation_reports_on_the_calling_thread_and_ends_complete(StoreBackend backend)
        {
            var path = Path.Combine(_dir, backend == StoreBackend.Sqlite ? "p.db" : "fs");
            using var store = PatternStores.Open(path, backend, create: true);
            for (var d = 0; d < 40; d++) store.Save(SamplePatterns.Make($"d{d:D3}", Now.AddDays(-d), SamplePatterns.TypeFor(d)));
            var me = Environment.CurrentManagedThreadId;

            foreach (var run in new Action<IProgress<StoreProgress>>[]
            {
                p => store.Compress(Now.AddDays(-10), whatIf: false, progress: p),
                p => store.RemoveOlderThan(Now.AddDays(-20), progress: p),
                p => store.Repair(whatIf: true, progress: p),
            })
            {
                var rec = new Recorder();
                run(rec);
                Assert.NotEmpty(rec.Reports);
                Assert.All(rec.Reports, r => Assert.Equal(me, r.Thread));
                var last = rec.Reports.Last().Value;
                Assert.Equal(100, last.Percent);
                // Within a stage, Done never goes back.
                foreach (var stage in rec.Reports.GroupBy(r => r.Value.Stage))
                {
                    var done = stage.Select(r => r.Value.Done).ToList();
                    Assert.Equal(done.OrderBy(x => x), done);
                }
            }
            Assert.Equal(21, store.Count(MoaiPatterns.Query.PatternQuery.All)); // d0..d20: exactly at the cutoff is not older
        }

        [Fact]
        public void Filesystem_retention_counts_day_folders_then_deletions()
        {
            using var store = PatternStores.Open(Path.Combine(_dir, "fs2"), StoreBackend.FileSystem, create: true);
            for (var d = 0; d < 30; d++) store.Save(SamplePatterns.Make($"r{d:D3}", Now.AddDays(-d), SamplePatterns.TypeFor(d)));
            var rec = new Recorder();
            store.RemoveOlderThan(Now.AddDays(-9.5), progress: rec);
            var finding = rec.Reports.Where(r => r.Value.Stage == "Finding old patterns").Select(r => r.Value).ToList();
            Assert.True(finding.Count >= 20, $"one report per old day folder, got {finding.Count}");
            Assert.All(finding, f => Assert.NotNull(f.Current));
            var deleting = rec.Reports.Where(r => r.Value.Stage == "Deleting").Select(r => r.Value).ToList();
            Assert.Equal(20, deleting.Last().Total);
            Assert.Equal(20, deleting.Last().Done);
        }
    }
}
