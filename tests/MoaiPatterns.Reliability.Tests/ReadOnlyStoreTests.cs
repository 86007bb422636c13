using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MoaiPatterns.StressWorker;
using Xunit;
using Xunit.Abstractions;

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>
    /// A reader never writes: another process that may not write the store (every folder and file without
    /// write permission) reads a filesystem store whose index must be rebuilt, and nothing on disk changes.
    /// Run as root, where permissions are not enforced, the reader runs in a user namespace as an ordinary
    /// user (unshare), so the check is real there too.
    /// </summary>
    public sealed class ReadOnlyStoreTests
    {
        private readonly ITestOutputHelper _out;

        public ReadOnlyStoreTests(ITestOutputHelper output) => _out = output;

        private static readonly DateTimeOffset Day = new DateTimeOffset(2025, 7, 7, 7, 0, 0, TimeSpan.Zero);

        [Fact]
        public void AReadOnlyFilesystemStoreIsReadByAnotherProcessThatWritesNothing()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            using var temp = new TempStore("filesystem");
            var launcher = Launcher(temp.Folder);
            using (var store = temp.Open())
                for (var i = 0; i < 60; i++) store.Save(StressPatterns.Make("ro", i, StressPatterns.TimestampFor(Day, i)));
            Directory.Delete(Path.Combine(temp.Path_, ".moai"), recursive: true); // as the original leaves a store: its index.json only
            var before = State(temp.Path_);
            var entries = Directory.GetFileSystemEntries(temp.Path_, "*", SearchOption.AllDirectories).Append(temp.Path_).ToList();
            try
            {
                foreach (var e in entries)
                    File.SetUnixFileMode(e, Directory.Exists(e) ? UnixFileMode.UserRead | UnixFileMode.UserExecute : UnixFileMode.UserRead);
                if (launcher == null)
                {
                    _out.WriteLine("SKIPPED: running as root without a usable 'unshare --user'; permissions would not be enforced.");
                    return;
                }
                using var reader = WorkerProcess.StartUnder(launcher, "find", "--store", temp.Path_, "--iterations", "3");
                Assert.True(reader.WaitForExit(TimeSpan.FromMinutes(2)) == 0, "the read-only reader failed: " + reader.StdErr);
                Assert.Contains("# rounds 3 patterns 180", reader.Lines);
                _out.WriteLine((launcher.Length > 0 ? "Reader run as uid 65534 in a user namespace" : "Reader run as this (non-root) user") + ": 3 full Finds of 60 patterns, nothing written.");
            }
            finally
            {
                foreach (var e in entries)
                    File.SetUnixFileMode(e, Directory.Exists(e) ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            Assert.Equal(before, State(temp.Path_));
            Assert.False(Directory.Exists(Path.Combine(temp.Path_, ".moai")));
        }

        /// <summary>Content hash and mtime of every file, entries and mtime of every folder.</summary>
        private static Dictionary<string, string> State(string root)
        {
            var state = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var f in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
                state[Path.GetRelativePath(root, f)] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))) + " " + File.GetLastWriteTimeUtc(f).Ticks;
            foreach (var d in Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Append(root))
                state[Path.GetRelativePath(root, d) + "/"] = string.Join(",", Directory.GetFileSystemEntries(d).Select(Path.GetFileName).OrderBy(x => x, StringComparer.Ordinal)) + " " + Directory.GetLastWriteTimeUtc(d).Ticks;
            return state;
        }

        /// <summary>
        /// How to run a process that cannot write the read-only folder: directly when this process cannot
        /// (not root); as uid 65534 in a user namespace when it can (root); null when neither works.
        /// </summary>
        private static string[]? Launcher(string folder)
        {
            if (OperatingSystem.IsWindows()) return null;
            var probeDir = Path.Combine(folder, "read-only-probe");
            Directory.CreateDirectory(probeDir);
            File.SetUnixFileMode(probeDir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var probe = Path.Combine(probeDir, "probe");
            try
            {
                File.WriteAllText(probe, "x");
                File.Delete(probe);
            }
            catch (UnauthorizedAccessException) { return Array.Empty<string>(); }
            var unshare = new[] { "unshare", "--user", "--map-user=65534", "--map-group=65534" };
            try
            {
                var psi = new ProcessStartInfo(unshare[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in unshare.Skip(1).Concat(new[] { "touch", probe })) psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                p.WaitForExit(30_000);
                // Usable when the namespace starts and its user is refused the write.
                return p.ExitCode != 0 && !File.Exists(probe) && p.StandardError.ReadToEnd().Contains("Permission denied") ? unshare : null;
            }
            catch (System.ComponentModel.Win32Exception) { return null; }
        }
    }
}
