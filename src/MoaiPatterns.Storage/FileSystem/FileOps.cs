using System;
using System.Collections.Concurrent;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>Atomic file replacement, owner-only folders, and reading plain or gzipped files.</summary>
    internal static class FileOps
    {
        /// <summary>Temp files start with this; they never end in .json so nobody mistakes one for a pattern.</summary>
        public const string TempPrefix = ".tmp-";

        // File.Move(src, dst, overwrite) exists from .NET Core 3.0 (rename(2) / MoveFileEx): bound by reflection.
        private static readonly Action<string, string, bool>? MoveOverwrite = BindMove();

        private static readonly ConcurrentDictionary<string, bool> KnownDirectories = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>Writes bytes to a fresh temp file in <paramref name="tempDir"/> (same volume), optionally flushed to disk.</summary>
        public static string WriteTemp(string tempDir, byte[] bytes, int count, bool flushToDisk)
        {
            var temp = Path.Combine(tempDir, TempPrefix + Guid.NewGuid().ToString("N"));
            FileStream fs;
            try { fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None); }
            catch (DirectoryNotFoundException)
            {
                ForgetDirectories(tempDir);
                EnsureDirectory(tempDir);
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

        /// <summary>Renames <paramref name="source"/> onto <paramref name="target"/>, atomically replacing it if present.</summary>
        public static void ReplaceMove(string source, string target)
        {
            try { ReplaceMoveOnce(source, target); }
            catch (DirectoryNotFoundException) when (File.Exists(source))
            {
                // The date folder was removed meanwhile (retention deletes empty folders): recreate it.
                var dir = Path.GetDirectoryName(target)!;
                ForgetDirectories(dir);
                EnsureDirectory(dir);
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
        public static void WriteAtomic(string tempDir, string target, byte[] bytes, bool flushToDisk = true)
        {
            var temp = WriteTemp(tempDir, bytes, bytes.Length, flushToDisk);
            try { ReplaceMove(temp, target); }
            catch { TryDelete(temp); throw; }
        }

        /// <summary>Creates a folder (and missing parents) owner-only; remembered so a save costs no stat.</summary>
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

        /// <summary>Forgets cached folders under a root (after folders were deleted).</summary>
        public static void ForgetDirectories(string root)
        {
            foreach (var key in KnownDirectories.Keys)
                if (key.StartsWith(root, StringComparison.Ordinal)) KnownDirectories.TryRemove(key, out _);
        }

        /// <summary>The bytes of a pattern file, decompressed when it is .json.gz; null when it does not exist.</summary>
        public static byte[]? ReadPatternBytes(string fullPath)
        {
            if (NativeFileReader.IsAvailable && !StoreLayout.IsGzip(fullPath)) return NativeFileReader.ReadAll(fullPath);
            FileStream fs;
            // No buffer (we read the whole length at once) and no SequentialScan (one fadvise call per file for nothing).
            try { fs = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None); }
            catch (FileNotFoundException) { return null; }
            catch (DirectoryNotFoundException) { return null; }
            using (fs)
            {
                if (!StoreLayout.IsGzip(fullPath))
                {
                    var len = (int)fs.Length;
                    var buffer = new byte[len];
                    var read = 0;
                    while (read < len)
                    {
                        var n = fs.Read(buffer, read, len - read);
                        if (n == 0) break;
                        read += n;
                    }
                    if (read == len) return buffer;
                    var shorter = new byte[read];
                    Array.Copy(buffer, shorter, read);
                    return shorter;
                }
                using (var gz = new GZipStream(fs, CompressionMode.Decompress))
                using (var ms = new MemoryStream())
                {
                    gz.CopyTo(ms);
                    return ms.ToArray();
                }
            }
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
