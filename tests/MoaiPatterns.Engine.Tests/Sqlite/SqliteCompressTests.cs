using System;
using System.IO;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Query;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;
using Xunit;

namespace MoaiPatterns.Tests.Sqlite
{
    /// <summary>Compress skips the writer-blocking VACUUM when few pages are free, but always checkpoints the WAL.</summary>
    public sealed class SqliteCompressTests : IDisposable
    {
        private static readonly DateTimeOffset Base = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-sqlite-compress-" + Guid.NewGuid().ToString("N"));

        public SqliteCompressTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        private static void Fill(IPatternStore store, int n, int messageLength)
        {
            using var w = store.OpenWriter();
            for (var i = 0; i < n; i++)
            {
                var data = new ErrorOccurrenceData { ErrorType = "TypeError", ErrorMessage = "failure " + i + " " + new string('x', messageLength) };
                w.Add(new MoaiPattern($"e{i:D5}", PatternType.ErrorOccurrence, Base.AddMinutes(i), data, new PatternContext { Tags = new[] { "api" } }));
            }
        }

        private static long FreePages(string path)
        {
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA freelist_count";
            return (long)cmd.ExecuteScalar()!;
        }

        private static long WalBytes(string path) => File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0;

        [Fact]
        public void FewFreePagesSkipTheVacuumButTheWalIsCheckpointed()
        {
            var path = Path.Combine(_dir, "small.db");
            using var store = PatternStores.Open(path, StoreBackend.Sqlite, create: true);
            Fill(store, 200, 200);
            store.RemoveOlderThan(Base.AddMinutes(20));
            Assert.True(WalBytes(path) > 0);
            var free = FreePages(path);
            Assert.True(free > 0, "the removal left free pages");

            var result = store.Compress(DateTimeOffset.UtcNow);
            Assert.Equal(free, FreePages(path)); // no VACUUM: the free pages stay for reuse
            Assert.Equal(0, WalBytes(path));
            Assert.True(result.BytesAfter <= result.BytesBefore);
            Assert.Equal(180, store.Count(PatternQuery.All));
        }

        [Fact]
        public void ManyFreePagesAreVacuumedAndReportedAsSaved()
        {
            var path = Path.Combine(_dir, "big.db");
            using var store = PatternStores.Open(path, StoreBackend.Sqlite, create: true);
            Fill(store, 1500, 2000);
            store.RemoveOlderThan(Base.AddMinutes(1400));
            Assert.True(FreePages(path) > 0);

            var dry = store.Compress(DateTimeOffset.UtcNow, whatIf: true);
            Assert.True(dry.BytesAfter < dry.BytesBefore, "the estimate counts the free pages");
            var result = store.Compress(DateTimeOffset.UtcNow);
            Assert.Equal(0, FreePages(path));
            Assert.True(result.BytesBefore - result.BytesAfter > 1 << 20, $"{result.BytesBefore} -> {result.BytesAfter}");
            Assert.Equal(100, store.Count(new PatternQuery { Text = "failure" }));
        }
    }
}
