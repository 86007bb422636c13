using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>Atomic file replacement, owner-only folders that are never links, and flushing files and folders to disk.</summary>
    internal static class FileOps
    {
        /// <summary>Temp files start with this; they never end in .json so nobody mistakes one for a pattern.</summary>
        public const string TempPrefix = ".tmp-";

        // File.Move(src, dst, overwrite) exists from .NET Core 3.0 (rename(2) / MoveFileEx): bound by reflection.
        private static readonly Action<string, string, bool>? MoveOverwrite = BindMove();

        private static readonly ConcurrentDictionary<string, bool> KnownDirectories = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>
        /// Writes bytes to a fresh temp file in <paramref name="tempDir"/> (same volume), optionally flushed to
        /// disk; <paramref name="storeRoot"/>: recreate a vanished temp folder without going through links.
        /// </summary>
        public static string WriteTemp(string tempDir, byte[] bytes, int count, bool flushToDisk, string? storeRoot = null)
        {
            var (temp, fs) = CreateTemp(tempDir, bytes, count, storeRoot);
            using (fs)
            {
                if (flushToDisk) fs.Flush(true);
            }
            return temp;
        }

        /// <summary>As <see cref="WriteTemp"/>, leaving the file open so it can be flushed later with others (<see cref="FlushAll"/>).</summary>
        public static (string Path, FileStream Stream) CreateTemp(string tempDir, byte[] bytes, int count, string? storeRoot)
        {
            var temp = Path.Combine(tempDir, TempPrefix + Guid.NewGuid().ToString("N"));
            FileStream fs;
            try { fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None); }
            catch (DirectoryNotFoundException)
            {
                ForgetDirectories(tempDir);
                if (storeRoot != null) EnsureStoreDirectory(storeRoot, tempDir);
                else EnsureDirectory(tempDir);
                fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            }
            try
            {
                UnixPermissions.OwnerOnlyFile(temp);
                fs.Write(bytes, 0, count);
            }
            catch
            {
                fs.Dispose();
                TryDelete(temp);
                throw;
            }
            return (temp, fs);
        }

        /// <summary>
        /// Renames <paramref name="source"/> onto <paramref name="target"/>, atomically replacing it if present
        /// (a link at the target is replaced, never followed); <paramref name="storeRoot"/>: recreate a vanished
        /// folder without going through links.
        /// </summary>
        public static void ReplaceMove(string source, string target, string? storeRoot = null)
        {
            try { ReplaceMoveOnce(source, target); }
            catch (DirectoryNotFoundException) when (File.Exists(source))
            {
                // The date folder was removed meanwhile (retention deletes empty folders): recreate it.
                var dir = Path.GetDirectoryName(target)!;
                ForgetDirectories(dir);
                if (storeRoot != null) EnsureStoreDirectory(storeRoot, dir);
                else EnsureDirectory(dir);
                ReplaceMoveOnce(source, target);
            }
        }

        private static void ReplaceMoveOnce(string source, string target)
        {
            if (MoveOverwrite != null) { MoveOverwrite(source, target, true); return; }
            if (File.Exists(target)) File.Replace(source, target, null, true);
            else File.Move(source, target);
        }

        /// <summary>Writes a whole file atomically: temp, flush (fsync) when asked, rename.</summary>
        public static void WriteAtomic(string tempDir, string target, byte[] bytes, string? storeRoot, bool flushToDisk)
        {
            var temp = WriteTemp(tempDir, bytes, bytes.Length, flushToDisk, storeRoot);
            try { ReplaceMove(temp, target, storeRoot); }
            catch { TryDelete(temp); throw; }
        }

        /// <summary>Creates a folder (and missing parents) owner-only; remembered so a save costs no stat. For the store root itself, which may be a link.</summary>
        public static void EnsureDirectory(string dir)
        {
            if (KnownDirectories.ContainsKey(dir)) return;
            if (!Directory.Exists(dir))
            {
                var parent = Path.GetDirectoryName(dir);
                if (!string.IsNullOrEmpty(parent) && !Directory.Exists(parent)) EnsureDirectory(parent!);
                Directory.CreateDirectory(dir);
                UnixPermissions.OwnerOnlyDirectory(dir);
            }
            KnownDirectories[dir] = true;
        }

        /// <summary>
        /// Creates a folder inside a store (owner-only, each missing level), refusing to go through a symbolic
        /// link or junction at any level below <paramref name="root"/>: nothing is ever written out of the store
        /// through one. Checked folders are remembered until <see cref="ForgetDirectories"/> (the end of a command).
        /// </summary>
        /// <exception cref="LinkRefusedException">A folder on the way is a link.</exception>
        public static void EnsureStoreDirectory(string root, string dir)
        {
            if (KnownDirectories.ContainsKey(dir)) return;
            var rootWithSeparator = root + Path.DirectorySeparatorChar;
            if (!dir.StartsWith(rootWithSeparator, StringComparison.Ordinal)) throw new InvalidOperationException($"'{dir}' is not inside the store '{root}'.");
            var end = rootWithSeparator.Length;
            while (end <= dir.Length)
            {
                var next = dir.IndexOf(Path.DirectorySeparatorChar, end);
                if (next < 0) next = dir.Length;
                var level = dir.Substring(0, next);
                if (!KnownDirectories.ContainsKey(level))
                {
                    if (StoreScanner.IsLink(level)) throw new LinkRefusedException(level);
                    if (!Directory.Exists(level))
                    {
                        Directory.CreateDirectory(level);
                        UnixPermissions.OwnerOnlyDirectory(level);
                    }
                    KnownDirectories[level] = true;
                }
                end = next + 1;
            }
        }

        /// <summary>Forgets cached folders under a root (after folders were deleted).</summary>
        public static void ForgetDirectories(string root)
        {
            foreach (var key in KnownDirectories.Keys)
                if (key.StartsWith(root, StringComparison.Ordinal)) KnownDirectories.TryRemove(key, out _);
        }

        public static byte[] Gzip(byte[] bytes)
        {
            using (var ms = new MemoryStream())
            {
                using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(bytes, 0, bytes.Length);
                return ms.ToArray();
            }
        }

        public static bool TryDelete(string path)
        {
            try { File.Delete(path); return true; }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        }

        /// <summary>Files flushed to disk at once by <see cref="FlushAll"/>: their fsyncs share the disk's journal commits.</summary>
        public const int FlushParallelism = 8;

        /// <summary>Makes one closed file's content durable: its own fsync (FlushFileBuffers on Windows), nothing machine-wide.</summary>
        public static void FlushFile(string path)
        {
            using (var fs = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None))
                fs.Flush(true);
        }

        /// <summary>Flushes each open file to disk (its own fsync) and closes it, several at once; every stream is closed.</summary>
        public static void FlushAll(IReadOnlyList<FileStream> streams) =>
            OnThreads(streams.Count, i =>
            {
                try { streams[i].Flush(true); }
                finally { streams[i].Dispose(); }
            });

        /// <summary>Flushes closed files and folders (their renames) to disk, all at once: one wait for the disk, not one each. Missing files are skipped.</summary>
        public static void FlushFilesAndFolders(IReadOnlyList<string> files, IReadOnlyCollection<string> folders)
        {
            var items = new List<string>(files.Count + folders.Count);
            items.AddRange(files);
            items.AddRange(folders);
            OnThreads(items.Count, i =>
            {
                if (i >= files.Count) SyncDirectory(items[i]);
                else
                {
                    try { FlushFile(items[i]); }
                    catch (FileNotFoundException) { }
                }
            });
        }

        /// <summary>
        /// Runs body(0 … count-1), up to <see cref="FlushParallelism"/> at once on dedicated threads: an fsync waits
        /// on the disk, not the CPU, concurrent ones share the disk's journal commits, and the thread pool would
        /// grow too slowly for blocking work. Every item runs; the first failure is rethrown at the end.
        /// </summary>
        private static void OnThreads(int count, Action<int> body)
        {
            Exception? failure = null;
            var next = -1;
            void Work()
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    try { body(i); }
                    catch (Exception e) { Interlocked.CompareExchange(ref failure, e, null); }
                }
            }
            var threads = new Thread[Math.Max(0, Math.Min(FlushParallelism, count) - 1)];
            for (var t = 0; t < threads.Length; t++)
            {
                threads[t] = new Thread(Work) { IsBackground = true, Name = "moai-fsync" };
                threads[t].Start();
            }
            Work();
            foreach (var t in threads) t.Join();
            if (failure != null) ExceptionDispatchInfo.Capture(failure).Throw();
        }

        /// <summary>
        /// Makes a folder's entries (renames into it) durable: fsync of the folder on Unix. Windows has no such
        /// call and NTFS journals folder changes itself: nothing is done there. A filesystem that cannot sync a
        /// folder (EINVAL) is left as it is; a real I/O error is thrown.
        /// </summary>
        public static void SyncDirectory(string dir)
        {
            if (!UnixPermissions.IsUnix || !DirectorySyncAvailable) return;
            var fd = open(System.Text.Encoding.UTF8.GetBytes(dir + "\0"), 0 /* O_RDONLY */);
            if (fd < 0) return; // gone (retention removed it) or not ours to open: nothing left to make durable
            try
            {
                if (fsync(fd) != 0 && Marshal.GetLastWin32Error() == EIO) throw new IOException($"Cannot flush the folder '{dir}' to disk (EIO).");
            }
            finally { close(fd); }
        }

        private const int EIO = 5;

        private static readonly bool DirectorySyncAvailable = ProbeLibc();

        private static bool ProbeLibc()
        {
            if (!UnixPermissions.IsUnix) return false;
            try { close(-1); return true; }
            catch (DllNotFoundException) { return false; }
            catch (EntryPointNotFoundException) { return false; }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int open(byte[] utf8PathNul, int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern int close(int fd);

        private static Action<string, string, bool>? BindMove()
        {
            var m = typeof(File).GetMethod("Move", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(string), typeof(bool) }, null);
            return m == null ? null : (Action<string, string, bool>)Delegate.CreateDelegate(typeof(Action<string, string, bool>), m);
        }
    }
}
