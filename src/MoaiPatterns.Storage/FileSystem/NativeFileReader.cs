using System;
using System.IO;
using System.Runtime.InteropServices;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// Reads a whole small file on Linux with open/read/close and nothing else. A FileStream also
    /// takes an advisory flock and stats the file (about 40% of a pattern file's read cost); readers
    /// need neither, because writers never change a file in place (temp file + rename).
    /// </summary>
    internal static class NativeFileReader
    {
        private const int ORdOnly = 0;
        private const int OCloExec = 0x80000; // Linux value; this reader is used on Linux only
        private const int ENOENT = 2, EINTR = 4, EACCES = 13, ENOTDIR = 20, EPERM = 1;

        public static readonly bool IsAvailable = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && Probe();

        [ThreadStatic] private static byte[]? _buffer;

        /// <summary>The file's bytes, or null when it does not exist.</summary>
        /// <exception cref="IOException">Any other failure to read it.</exception>
        public static byte[]? ReadAll(string path)
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0"); // netstandard2.0 has no UTF-8 string marshalling
            int fd;
            do fd = open(utf8, ORdOnly | OCloExec);
            while (fd < 0 && Marshal.GetLastWin32Error() == EINTR);
            if (fd < 0)
            {
                var errno = Marshal.GetLastWin32Error();
                if (errno == ENOENT || errno == ENOTDIR) return null;
                if (errno == EACCES || errno == EPERM) throw new UnauthorizedAccessException($"Access to '{path}' is denied.");
                throw new IOException($"Cannot open '{path}' (errno {errno}).");
            }
            try
            {
                var buffer = _buffer ??= new byte[64 * 1024];
                var total = 0;
                while (true)
                {
                    if (total == buffer.Length) { Array.Resize(ref buffer, buffer.Length * 2); _buffer = buffer; }
                    var n = read(fd, ref buffer[total], (IntPtr)(buffer.Length - total)).ToInt64(); // ref byte: pinned for the call
                    if (n == 0) break;
                    if (n < 0)
                    {
                        var errno = Marshal.GetLastWin32Error();
                        if (errno == EINTR) continue;
                        throw new IOException($"Cannot read '{path}' (errno {errno}).");
                    }
                    total += (int)n;
                }
                var result = new byte[total];
                Buffer.BlockCopy(buffer, 0, result, 0, total);
                return result;
            }
            finally
            {
                close(fd);
            }
        }

        private static bool Probe()
        {
            try
            {
                close(-1); // binds the entry points; EBADF is fine
                return true;
            }
            catch (DllNotFoundException) { return false; }
            catch (EntryPointNotFoundException) { return false; }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int open(byte[] utf8PathNul, int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr read(int fd, ref byte buffer, IntPtr count);

        [DllImport("libc", SetLastError = true)]
        private static extern int close(int fd);
    }
}
