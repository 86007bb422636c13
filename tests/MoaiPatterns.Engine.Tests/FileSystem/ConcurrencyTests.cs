using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MoaiPatterns.Query;
using MoaiPatterns.Storage.FileSystem;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>Several store instances (as several processes would) saving at once lose nothing.</summary>
    public sealed class ConcurrencyTests : IDisposable
    {
        private readonly TempStoreFolder _folder = new TempStoreFolder();

        public void Dispose() => _folder.Dispose();

        [Fact]
        public async Task ConcurrentWritersOnSeparateInstancesLoseNoEntry()
        {
            const int writers = 4, each = 250;
            using (FileSystemPatternStore.Open(_folder.Path, create: true)) { }
            var start = new Barrier(writers + 1);
            var failures = 0;
            var tasks = Enumerable.Range(0, writers).Select(w => Task.Factory.StartNew(() =>
            {
                using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
                start.SignalAndWait();
                var t = DateTimeOffset.UtcNow;
                for (var i = 0; i < each; i++)
                {
                    try { store.Save(SamplePatterns.Make($"w{w}-{i}", t.AddSeconds(-i), SamplePatterns.TypeFor(i))); }
                    catch (Exception) { Interlocked.Increment(ref failures); }
                }
            }, TaskCreationOptions.LongRunning)).ToArray();
            // A reader running Find meanwhile never fails and never sees a partial pattern.
            var reader = Task.Factory.StartNew(() =>
            {
                using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
                start.SignalAndWait();
                while (!tasks.All(t => t.IsCompleted))
                {
                    foreach (var p in store.Find(PatternQuery.All)) Assert.NotNull(p.Data);
                    Assert.Empty(store.DrainWarnings());
                }
            }, TaskCreationOptions.LongRunning);
            await Task.WhenAll(tasks);
            await reader;
            Assert.Equal(0, failures);

            using var check = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.Equal(writers * each, check.Count(PatternQuery.All));
            for (var w = 0; w < writers; w++)
                for (var i = 0; i < each; i++)
                    Assert.NotNull(check.Get($"w{w}-{i}"));
            Assert.True(check.Repair(whatIf: true).Healthy);
        }
    }
}
