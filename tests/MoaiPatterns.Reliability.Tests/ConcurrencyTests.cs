using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MoaiPatterns.StressWorker;
using Xunit;
using Xunit.Abstractions;

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>
    /// Writers, a reader, Compress and RemoveOlderThan as separate processes on one store at once:
    /// every saved pattern present exactly once and whole, the reader never fails, maintenance loses
    /// nothing that should stay.
    /// </summary>
    public sealed class ConcurrencyTests
    {
        private static readonly DateTimeOffset Expired = new DateTimeOffset(2020, 3, 1, 0, 0, 0, TimeSpan.Zero);
        private static readonly DateTimeOffset Kept = new DateTimeOffset(2022, 3, 1, 0, 0, 0, TimeSpan.Zero);
        private static readonly DateTimeOffset RetentionCutoff = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private static readonly DateTimeOffset CompressOlderThan = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private readonly ITestOutputHelper _out;

        public ConcurrencyTests(ITestOutputHelper output) => _out = output;

        [Theory]
        [InlineData("filesystem")]
        [InlineData("sqlite")]
        [InlineData("postgresql")]
        public void WritersReaderAndMaintenanceTogetherLoseNothing(string backend)
        {
            using var temp = new TempStore(backend);
            const int seeded = 300;
            using (var store = temp.Open())
            {
                for (var i = 0; i < seeded; i++)
                {
                    store.Save(StressPatterns.Make("expired", i, StressPatterns.TimestampFor(Expired, i * 1000)));
                    store.Save(StressPatterns.Make("kept", i, StressPatterns.TimestampFor(Kept, i * 1000)));
                }
                store.Release();
            }

            var stop = Path.Combine(temp.Folder, "stop");
            var clock = Stopwatch.StartNew();
            var reader = WorkerProcess.Start("find", "--store", temp.Path_, "--until", stop);
            var compress = WorkerProcess.Start("compress", "--store", temp.Path_, "--older-than", CompressOlderThan.ToString("o"), "--until", stop, "--pause", "200");
            var retention = WorkerProcess.Start("retention", "--store", temp.Path_, "--cutoff", RetentionCutoff.ToString("o"), "--until", stop, "--pause", "200");
            var writers = Enumerable.Range(0, Scale.Writers)
                .Select(k => WorkerProcess.Start("save", "--store", temp.Path_, "--prefix", "w" + k, "--count", Scale.SavesPerWriter.ToString()))
                .ToList();
            try
            {
                foreach (var w in writers) Assert.True(w.WaitForExit(TimeSpan.FromMinutes(20)) == 0, "writer failed: " + w.StdErr);
                var writeTime = clock.Elapsed;
                File.WriteAllText(stop, "");
                Assert.True(reader.WaitForExit(TimeSpan.FromMinutes(5)) == 0, "reader saw a problem: " + reader.StdErr);
                Assert.True(compress.WaitForExit(TimeSpan.FromMinutes(5)) == 0, "compress failed: " + compress.StdErr);
                Assert.True(retention.WaitForExit(TimeSpan.FromMinutes(5)) == 0, "retention failed: " + retention.StdErr);
                _out.WriteLine($"{backend}: {Scale.Writers}x{Scale.SavesPerWriter} saves in {writeTime.TotalSeconds:0.0} s; reader {reader.Lines.LastOrDefault()}; "
                    + $"compress rounds {compress.Lines.Count}; retention rounds {retention.Lines.Count}");
                Assert.True(reader.Lines.Count > 0);

                using var check = temp.Open(create: false);
                var found = StoreChecks.FindAllWhole(check, backend);
                var expected = new HashSet<string>(StringComparer.Ordinal);
                foreach (var w in writers) Assert.Equal(Scale.SavesPerWriter, w.SavedIds.Count);
                for (var k = 0; k < Scale.Writers; k++)
                    for (var i = 0; i < Scale.SavesPerWriter; i++) expected.Add(StressPatterns.Id("w" + k, i));
                for (var i = 0; i < seeded; i++) expected.Add(StressPatterns.Id("kept", i));
                Assert.Empty(expected.Except(found));
                Assert.Empty(found.Except(expected)); // the expired ones went, nothing else did
                StoreChecks.AllIntact(check, expected, backend);
                Assert.Equal(expected.Count, check.Count(Query.PatternQuery.All));
                check.Release();
            }
            finally
            {
                File.WriteAllText(stop, "");
                foreach (var w in writers) w.Dispose();
                reader.Dispose();
                compress.Dispose();
                retention.Dispose();
            }
        }
    }
}
