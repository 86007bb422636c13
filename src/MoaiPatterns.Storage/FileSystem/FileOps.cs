using System;
using System.Collections.Concurrent;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>Atomic file replacement, owner-only folders that are never links, and flushing to disk.</summary>
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
            var temp = Path.Combine(tempDir, TempPrefix + Guid.NewGuid().ToString("N"));
            FileStream fs;
            try { fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None); }
            catch (DirectoryNotFoundException)
            {
                ForgetDirectories(tempDir);
                if (storeRoot != null) EnsureStoreDirectory(storeRoot, tempDir);
                else EnsureDirectory(tempDir);
                fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None);
            }
            using (fs)
            {
                UnixPermissions.OwnerOnlyFile(temp);
                fs.Write(bytes, 0, count);
                if (flushToDisk) fs.Flush(true);
            }
            return temp;
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

        /// <summary>Writes a whole file atomically: temp, flush, rename.</summary>
        public static void WriteAtomic(string tempDir, string target, byte[] bytes, string? storeRoot = null, bool flushToDisk = true)
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

        /// <summary>Makes everything written so far durable with one call (Unix sync(2)); per-file flushes elsewhere.</summary>
        public static void SyncAll()
        {
            if (!UnixPermissions.IsUnix) return;
            try { sync(); }
            catch (DllNotFoundException) { }
            catch (EntryPointNotFoundException) { }
        }

        [DllImport("libc")]
        private static extern void sync();

        private static Action<string, string, bool>? BindMove()
        {
            var m = typeof(File).GetMethod("Move", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(string), typeof(bool) }, null);
            return m == null ? null : (Action<string, string, bool>)Delegate.CreateDelegate(typeof(Action<string, string, bool>), m);
        }
    }
}
