using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MoaiPatterns.StressWorker;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>
    /// Issue 14's "must hold": four writer processes save at once (two saving one by one, two in batched pipelines)
    /// while two watcher processes follow the store, one filtered by a writer's tag, and Compress runs meanwhile.
    /// Each watcher prints exactly the matching saves, each once, in the store's commit order.
    /// </summary>
    public sealed class WatchTests
    {
        private readonly ITestOutputHelper _out;

        public WatchTests(ITestOutputHelper output) => _out = output;

        [Theory]
        [InlineData("filesystem")]
        [InlineData("sqlite")]
        [InlineData("postgresql")]
        public void FourWritersTwoWatchersEachSeesExactlyTheMatchingSavesOnceInCommitOrder(string backend)
        {
            using var temp = new TempStore(backend);
            using (var store = temp.Open()) store.Save(StressPatterns.Make("before", 0, DateTimeOffset.UtcNow)); // never watched
            var stop = Path.Combine(temp.Folder, "stop");
            var all = WorkerProcess.Start("watch", "--store", temp.Path_, "--until", stop);
            var filtered = WorkerProcess.Start("watch", "--store", temp.Path_, "--until", stop, "--tag", "W1");
            var compress = WorkerProcess.Start("compress", "--store", temp.Path_, "--older-than", DateTimeOffset.UtcNow.AddDays(-1).ToString("o"), "--until", stop, "--pause", "300");
            const int perWriter = 120;
            var writers = new List<WorkerProcess>();
            try
            {
                foreach (var w in new[] { all, filtered })
                    Assert.True(w.WaitForLine(l => l.StartsWith("# watching", StringComparison.Ordinal), TimeSpan.FromMinutes(2)), "watcher did not start: " + w.StdErr);
                for (var k = 0; k < 4; k++)
                {
                    var command = k < 2 ? new[] { "save" } : new[] { "pipeline", "--batch", "7" };
                    writers.Add(WorkerProcess.Start(command.Concat(new[] { "--store", temp.Path_, "--prefix", "w" + k, "--count", perWriter.ToString() }).ToArray()));
                }
                foreach (var w in writers) Assert.True(w.WaitForExit(TimeSpan.FromMinutes(10)) == 0, "writer failed: " + w.StdErr);
                File.WriteAllText(stop, "");
                foreach (var w in new[] { all, filtered, compress }) Assert.True(w.WaitForExit(TimeSpan.FromMinutes(2)) == 0, "worker failed: " + w.StdErr);

                var saved = writers.SelectMany(w => w.SavedIds).ToList();
                Assert.Equal(4 * perWriter, saved.Count);
                var seenAll = all.SavedIds.ToList();
                var seenW1 = filtered.SavedIds.ToList();
                _out.WriteLine($"{backend}: watcher saw {seenAll.Count}, filtered {seenW1.Count}; warnings: {string.Join(" | ", all.Lines.Concat(filtered.Lines).Where(l => l.StartsWith("# warning")))}");
                Assert.Equal(seenAll.Count, seenAll.Distinct().Count());           // once each
                Assert.Equal(saved.OrderBy(x => x, StringComparer.Ordinal), seenAll.OrderBy(x => x, StringComparer.Ordinal)); // exactly the saves
                Assert.Equal(saved.Where(id => id.StartsWith("w1-", StringComparison.Ordinal)).OrderBy(x => x, StringComparer.Ordinal),
                    seenW1.OrderBy(x => x, StringComparer.Ordinal));
                // Commit order: each writer's saves in the order it made them, and the interleaving the store committed.
                for (var k = 0; k < 4; k++)
                {
                    var mine = seenAll.Where(id => id.StartsWith("w" + k + "-", StringComparison.Ordinal)).ToList();
                    Assert.Equal(mine.OrderBy(x => x, StringComparer.Ordinal), mine);
                }
                var committed = CommitOrder(temp, backend);
                _out.WriteLine(committed == null ? "commit order: a checkpoint started a new journal, per-writer order checked only" : $"commit order: {committed.Count} saves compared");
                if (committed != null)
                {
                    Assert.Equal(committed.Where(saved.Contains), seenAll);
                    Assert.Equal(committed.Where(id => id.StartsWith("w1-", StringComparison.Ordinal)), seenW1);
                }
                Assert.DoesNotContain(all.Lines, l => l.StartsWith("# warning", StringComparison.Ordinal));
            }
            finally
            {
                File.WriteAllText(stop, "");
                foreach (var w in writers) w.Dispose();
                all.Dispose();
                filtered.Dispose();
                compress.Dispose();
            }
        }

        /// <summary>The order the store committed the saves in, read underneath the backend: SQLite's change log by seq,
        /// PostgreSQL's change log by seq (commit order, see PostgresChangeLog), the filesystem's journal by line (null
        /// when a checkpoint started a new journal meanwhile).</summary>
        private static List<string>? CommitOrder(TempStore temp, string backend)
        {
            if (backend == "postgresql")
            {
                var schema = temp.Path_.Substring(temp.Path_.IndexOf("?schema=", StringComparison.Ordinal) + "?schema=".Length);
                using var c = new Npgsql.NpgsqlConnection(global::MoaiPatterns.Tests.Postgres.PostgresTestCluster.Shared.ConnectionString());
                c.Open();
                using var cmd = new Npgsql.NpgsqlCommand($"SELECT pattern_id FROM {schema}.pattern_changes ORDER BY seq", c);
                using var r = cmd.ExecuteReader();
                var ids = new List<string>();
                while (r.Read()) ids.Add(r.GetString(0));
                return ids;
            }
            if (backend == "sqlite")
            {
                using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp.Path_, Pooling = false }.ToString());
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT pattern_id FROM pattern_changes ORDER BY seq";
                using var r = cmd.ExecuteReader();
                var ids = new List<string>();
                while (r.Read()) ids.Add(r.GetString(0));
                return ids;
            }
            var lines = File.ReadAllLines(Path.Combine(temp.Path_, ".moai", "index.journal"));
            using (var header = JsonDocument.Parse(lines[0]))
                if (header.RootElement.TryGetProperty("previous", out var p) && p.GetString() != "") return null;
            var order = new List<string>();
            foreach (var line in lines.Skip(1))
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.GetProperty("op").GetString() == "set" && !root.TryGetProperty("moved", out _)) order.Add(root.GetProperty("id").GetString()!);
            }
            return order;
        }
    }
}
