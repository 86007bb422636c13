using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using MoaiPatterns.Query;
using MoaiPatterns.Storage.FileSystem;
using MoaiPatterns.Validation;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>Unreadable files are skipped with a warning naming them; ids never address files outside the store.</summary>
    public sealed class CorruptionAndSecurityTests : IDisposable
    {
        private readonly TempStoreFolder _folder = new TempStoreFolder();

        public void Dispose() => _folder.Dispose();

        [Fact]
        public void CorruptFilesAreSkippedWithAWarningNamingThemAndRepairQuarantinesThem()
        {
            var t = new DateTimeOffset(2025, 11, 20, 12, 0, 0, TimeSpan.Zero);
            using var store = FileSystemPatternStore.Open(_folder.Path, create: true);
            foreach (var p in SamplePatterns.Series(10, t)) store.Save(p);
            var dir = _folder.File("2025/11/20");
            var truncated = Path.Combine(dir, "task_completion_20251120_050000_trunc.json");
            var garbage = Path.Combine(dir, "error_occurrence_20251120_040000_garbage.json");
            var badGzip = Path.Combine(dir, "agent_usage_20251120_030000_badgz.json.gz");
            File.WriteAllText(truncated, "{\n  \"pattern_id\": \"trunc\",\n  \"pattern_ty");
            File.WriteAllBytes(garbage, new byte[] { 0xff, 0x00, 0x41, 0x7b });
            File.WriteAllBytes(badGzip, new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02 });

            var found = store.Find(PatternQuery.All).ToList();
            Assert.Equal(10, found.Count);
            Assert.Equal(10, store.Count(new PatternQuery { Tags = new[] { "API" } }));
            var warnings = store.DrainWarnings();
            Assert.Contains(warnings, w => w.Target == truncated && w.Message.Contains(truncated));
            Assert.Contains(warnings, w => w.Target == garbage);
            Assert.Contains(warnings, w => w.Target == badGzip);
            Assert.Equal(3, warnings.Count); // Find and Count in one command: one warning per file
            store.Release(); // the command ends
            Assert.Equal(10, store.Count(new PatternQuery { Tags = new[] { "API" } }));
            Assert.Equal(3, store.DrainWarnings().Count);

            var dry = store.Repair(whatIf: true);
            Assert.Equal(3, dry.Actions.Count(a => a.StartsWith("Move unreadable")));
            Assert.True(File.Exists(truncated));
            var repair = store.Repair();
            Assert.False(repair.Healthy);
            Assert.False(File.Exists(truncated));
            Assert.Equal(3, Directory.GetFiles(_folder.File(".moai/quarantine")).Length);
            Assert.True(store.Repair(whatIf: true).Healthy);
            store.Find(PatternQuery.All).ToList();
            Assert.Empty(store.DrainWarnings());
        }

        [Theory]
        [InlineData("../escape")]
        [InlineData("..")]
        [InlineData(".")]
        [InlineData("a/b")]
        [InlineData("a\\b")]
        [InlineData("/etc/passwd")]
        [InlineData("")]
        public void PathTraversalIdsAreRefusedAndNothingIsWritten(string id)
        {
            using var store = FileSystemPatternStore.Open(_folder.Path, create: true);
            var p = SamplePatterns.Make("x", DateTimeOffset.UtcNow);
            p.PatternId = id;
            Assert.Throws<InvalidPatternException>(() => store.Save(p));
            Assert.Null(store.Get(id));
            Assert.False(store.Remove(id));
            Assert.DoesNotContain(Directory.GetFiles(_folder.Path, "*.json", SearchOption.AllDirectories), f => Path.GetFileName(f) != "index.json");
        }

        [Fact]
        public void AnIndexPointingOutsideTheStoreIsNotFollowed()
        {
            var secret = Path.Combine(Path.GetTempPath(), "moai-secret-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(secret, MoaiPatterns.Serialization.PatternJson.ToJson(SamplePatterns.Make("stolen", DateTimeOffset.UtcNow)));
            try
            {
                Directory.CreateDirectory(_folder.Path);
                File.WriteAllText(_folder.File("index.json"),
                    "{\n  \"stolen\": {\"path\": \"../" + Path.GetFileName(secret) + "\", \"type\": \"task_completion\", \"timestamp\": \"2025-11-01T00:00:00Z\"}\n}");
                using var store = FileSystemPatternStore.Open(_folder.Path, create: false);
                Assert.Null(store.Get("stolen"));
                Assert.Empty(store.Find(PatternQuery.All));
            }
            finally { File.Delete(secret); }
        }

        [Fact]
        public void OnUnixFoldersAreOwnerOnlyAndFilesToo()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            using var store = FileSystemPatternStore.Open(_folder.Path, create: true);
            store.Save(SamplePatterns.Make("perm", new DateTimeOffset(2025, 11, 20, 12, 0, 0, TimeSpan.Zero)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder.Path));
            foreach (var d in new[] { "2025", "2025/11", "2025/11/20", ".moai", ".moai/tmp" })
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder.File(d)));
            foreach (var f in new[] { "2025/11/20/task_completion_20251120_120000_perm.json", "index.json", ".moai/index.snapshot", ".moai/index.journal", ".moai/index.lock" })
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder.File(f)));
        }
    }
}
