using System;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Query;
using MoaiPatterns.StressWorker;
using MoaiPatterns.Stores;
using Xunit;

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>Damaged files are named in a warning or error, the rest of the store stays readable, and Repair fixes what it can.</summary>
    public sealed class CorruptionTests
    {
        private static readonly DateTimeOffset Day = new DateTimeOffset(2025, 5, 5, 10, 0, 0, TimeSpan.Zero);

        private static void Seed(IPatternStore store, int n)
        {
            for (var i = 0; i < n; i++) store.Save(StressPatterns.Make("good", i, StressPatterns.TimestampFor(Day, i * 1000)));
        }

        [Fact]
        public void FilesystemDamagedPatternFilesIndexAndJournalAreNamedAndRepaired()
        {
            using var temp = new TempStore("filesystem");
            using (var store = temp.Open()) Seed(store, 20);
            var dir = Path.Combine(temp.Path_, "2025", "05", "05");
            var files = Directory.GetFiles(dir, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToArray();
            var truncated = files[0];
            File.WriteAllBytes(truncated, File.ReadAllBytes(truncated).Take(120).ToArray());
            var garbage = files[1];
            File.WriteAllBytes(garbage, new byte[] { 0x00, 0xff, 0xfe, 0x7b, 0x22 });
            var badGz = files[2] + ".gz";
            File.WriteAllBytes(badGz, new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef });
            File.Delete(files[2]);
            File.WriteAllText(Path.Combine(temp.Path_, "index.json"), "{\"good-000003\": {\"path\": 42,");
            File.WriteAllText(Path.Combine(temp.Path_, ".moai", "index.journal"), "\u0000\u0001garbage\n{not json\n");
            var damaged = new[] { truncated, garbage, badGz };

            using var reopened = temp.Open(create: false);
            var found = reopened.Find(PatternQuery.All).ToList();
            Assert.Equal(17, found.Count);
            Assert.All(found, p => Assert.Null(StressPatterns.Problem(p)));
            var warnings = reopened.DrainWarnings();
            foreach (var f in damaged) Assert.Contains(warnings, w => w.Target == f && w.Message.Contains(f));
            for (var i = 3; i < 20; i++) Assert.NotNull(reopened.Get(StressPatterns.Id("good", i)));

            var dry = reopened.Repair(whatIf: true);
            Assert.False(dry.Healthy);
            foreach (var f in damaged) Assert.Contains(dry.Problems.Concat(dry.Actions), line => line.Contains(Path.GetFileName(f)));
            Assert.True(File.Exists(truncated), "WhatIf changed nothing");
            var fix = reopened.Repair();
            Assert.False(fix.Healthy);
            Assert.False(File.Exists(truncated));
            Assert.Equal(3, Directory.GetFiles(Path.Combine(temp.Path_, ".moai", "quarantine")).Length);
            Assert.True(reopened.Repair(whatIf: true).Healthy);
            Assert.Equal(17, reopened.Find(PatternQuery.All).Count());
            Assert.Empty(reopened.DrainWarnings());
        }

        [Fact]
        public void SqliteFileThatIsNotADatabaseIsRefusedNamingItAndLeftUntouched()
        {
            using var temp = new TempStore("sqlite");
            var junk = "this is not a database, just some text that happens to end in .db\n" + new string('x', 5000);
            File.WriteAllText(temp.Path_, junk);
            var ex = Assert.Throws<StoreCorruptException>(() => { using var s = temp.Open(create: false); s.Find(PatternQuery.All).ToList(); });
            Assert.Contains(temp.Path_, ex.Message);
            Assert.Equal(junk, File.ReadAllText(temp.Path_));
        }

        [Fact]
        public void SqliteRowsWithDamagedJsonAreSkippedWithAWarningAndTheRestIsReadable()
        {
            using var temp = new TempStore("sqlite");
            using (var store = temp.Open())
            {
                Seed(store, 20);
                store.Release();
            }
            using (var c = new SqliteConnection("Data Source=" + temp.Path_ + ";Pooling=False"))
            {
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = "UPDATE patterns SET data = '{\"error_type\": \"trunc' WHERE pattern_id = 'good-000004'; UPDATE patterns SET context = x'00ff10' WHERE pattern_id = 'good-000005'";
                cmd.ExecuteNonQuery();
            }
            using var reopened = temp.Open(create: false);
            var found = reopened.Find(PatternQuery.All).ToList();
            Assert.Equal(18, found.Count);
            Assert.All(found, p => Assert.Null(StressPatterns.Problem(p)));
            var warnings = reopened.DrainWarnings();
            Assert.Contains(warnings, w => w.Target.Contains("good-000004") || w.Message.Contains("good-000004"));
            Assert.Contains(warnings, w => w.Target.Contains("good-000005") || w.Message.Contains("good-000005"));
            var dry = reopened.Repair(whatIf: true);
            Assert.Contains(dry.Problems, p => p.Contains("good-000004"));
            Assert.Contains(dry.Problems, p => p.Contains("good-000005"));
            // Repair keeps rows it cannot read (the JSON may be recovered by hand) and leaves the rest whole.
            reopened.Repair();
            Assert.Equal(18, reopened.Find(PatternQuery.All).Count(p => StressPatterns.Problem(p) == null));
            reopened.Release();
        }
    }
}
