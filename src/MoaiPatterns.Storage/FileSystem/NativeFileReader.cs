using System;
using System.IO;
using System.Runtime.InteropServices;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// Reads a whole small file on Linux with open/read/close and nothing else. A FileStream also
    /// takes an advisory flock and stats the file (about 40% of a pattern file's read cost); readers
    /// need neither, because writers never change a file in place (temp file + rename). The open uses
    /// O_NOFOLLOW, so a file that is a symbolic link is refused by the kernel, at no extra cost.
    /// </summary>
    internal static class NativeFileReader
    {
        private const int ORdOnly = 0;
        private const int OCloExec = 0x80000; // Linux, every architecture .NET runs on
        private const int ENOENT = 2, EINTR = 4, EACCES = 13, ENOTDIR = 20, EPERM = 1, ELOOP = 40;

        /// <summary>O_NOFOLLOW differs by architecture: 0100000 (octal) on ARM and POWER, 0400000 on x86 and the generic table.</summary>
        private static readonly int ONoFollow = NoFollowFlag();

        public static readonly bool IsAvailable = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && Probe();

        /// <summary>Above this a thread's reusable buffer is dropped after the read, so a huge file does not pin memory.</summary>
        private const int KeepBufferBytes = 1 << 20;

        [ThreadStatic] private static byte[]? _buffer;

        /// <summary>The file's bytes, or null when it does not exist.</summary>
        /// <param name="path">The file.</param>
        /// <param name="maxBytes">More than this is refused (reading stops at maxBytes + 1).</param>
        /// <exception cref="LinkRefusedException">The file is a symbolic link.</exception>
        /// <exception cref="InvalidDataException">The file is larger than <paramref name="maxBytes"/>.</exception>
        /// <exception cref="IOException">Any other failure to read it.</exception>
        public static byte[]? ReadAll(string path, int maxBytes = int.MaxValue - 1)
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0"); // netstandard2.0 has no UTF-8 string marshalling
            int fd;
            do fd = open(utf8, ORdOnly | OCloExec | ONoFollow);
            while (fd < 0 && Marshal.GetLastWin32Error() == EINTR);
            if (fd < 0)
            {
                var errno = Marshal.GetLastWin32Error();
                if (errno == ENOENT || errno == ENOTDIR) return null;
                if (errno == ELOOP) throw new LinkRefusedException(path);
                if (errno == EACCES || errno == EPERM) throw new UnauthorizedAccessException($"Access to '{path}' is denied.");
                throw new IOException($"Cannot open '{path}' (errno {errno}).");
            }
            var buffer = _buffer ??= new byte[64 * 1024];
            try
            {
                var total = 0;
                var limit = (long)maxBytes + 1; // one byte more than allowed tells "too large" without a stat
                while (true)
                {
                    if (total == buffer.Length)
                    {
                        if (total >= limit) throw PatternFileReader.TooLarge(total);
                        Array.Resize(ref buffer, (int)Math.Min(limit, (long)buffer.Length * 2));
                        _buffer = buffer;
                    }
                    var want = (int)Math.Min(buffer.Length - total, limit - total);
                    var n = read(fd, ref buffer[total], (IntPtr)want).ToInt64(); // ref byte: pinned for the call
                    if (n == 0) break;
                    if (n < 0)
                    {
                        var errno = Marshal.GetLastWin32Error();
                        if (errno == EINTR) continue;
                        throw new IOException($"Cannot read '{path}' (errno {errno}).");
                    }
                    total += (int)n;
                    if (total >= limit) throw PatternFileReader.TooLarge(total);
                }
                var result = new byte[total];
                Buffer.BlockCopy(buffer, 0, result, 0, total);
                return result;
            }
            finally
            {
                close(fd);
                if (buffer.Length > KeepBufferBytes) _buffer = null;
            }
        }

        private static int NoFollowFlag()
        {
            var arch = RuntimeInformation.ProcessArchitecture.ToString(); // names newer than netstandard2.0's enum compare as text
            return arch == "Arm" || arch == "Arm64" || arch == "Armv6" || arch == "Ppc64le" ? 0x8000 : 0x20000;
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
