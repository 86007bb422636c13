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
                catch (IOException) when (clock.Elapsed < timeout && File.Exists(lockPath))
                {
                    // Held by another writer: spin briefly, then back off.
                    if (++spins < 20) Thread.Yield();
                    else Thread.Sleep(spins < 200 ? 1 : 5);
                }
                catch (UnauthorizedAccessException) when (clock.Elapsed < timeout)
                {
                    Thread.Sleep(1); // Windows reports a pending delete this way.
                }
            }
        }

        public void Dispose() => _stream.Dispose();
    }
}
