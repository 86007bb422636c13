using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// A short exclusive lock shared by every process using the store: a lock file opened with
    /// FileShare.None (flock on Unix, a share lock on Windows). The OS drops it when the process
    /// dies, so a crash never leaves a stale lock behind.
    /// </summary>
    internal sealed class CrossProcessLock : IDisposable
    {
        private readonly FileStream _stream;

        private CrossProcessLock(FileStream stream) => _stream = stream;

        public static CrossProcessLock Acquire(string lockPath, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            var spins = 0;
            while (true)
            {
                try
                {
                    var fs = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                    return new CrossProcessLock(fs);
                }
                catch (IOException e) when (clock.Elapsed < timeout && IsHeldByAnother(e) && File.Exists(lockPath))
                {
                    // Held by another writer: spin briefly, then back off.
                    if (++spins < 20) Thread.Yield();
                    else Thread.Sleep(spins < 200 ? 1 : 5);
                }
                catch (UnauthorizedAccessException) when (clock.Elapsed < timeout && !UnixPermissions.IsUnix)
                {
                    Thread.Sleep(1); // Windows reports a pending delete this way; on Unix it means "not writable" and is final.
                }
            }
        }

        public void Dispose() => _stream.Dispose();

        /// <summary>
        /// The lock is held by another process (flock's EWOULDBLOCK on Linux 11 / macOS 35, a sharing or lock
        /// violation on Windows), as opposed to a lock file that cannot be opened at all (a read-only store).
        /// </summary>
        private static bool IsHeldByAnother(IOException e)
        {
            if (!UnixPermissions.IsUnix) return true; // Windows: every IOException here is a sharing violation of some kind
            return e.HResult == 11 || e.HResult == 35 || (e.HResult & 0xFFFF) == 32 || (e.HResult & 0xFFFF) == 33;
        }
    }
}
