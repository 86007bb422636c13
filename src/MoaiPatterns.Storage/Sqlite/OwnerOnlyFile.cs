using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>Creates files readable by their owner only on Unix (patterns hold stack traces and code).</summary>
    internal static class OwnerOnlyFile
    {
        private const int UserReadWrite = 0x180; // 0600

        /// <summary>Creates an empty file with mode 0600 (umask cannot widen it); on Windows a plain create.</summary>
        public static void Create(string path)
        {
            using (new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite)) { }
            Restrict(path);
        }

        public static void Restrict(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            // .NET 7+ has File.SetUnixFileMode; netstandard2.0 cannot name it, so reach it by reflection.
            var modeType = Type.GetType("System.IO.UnixFileMode");
            var method = modeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), modeType }, null);
            if (method != null)
            {
                method.Invoke(null, new[] { path, Enum.ToObject(modeType!, UserReadWrite) });
                return;
            }
            try { chmod(path, UserReadWrite); } catch (EntryPointNotFoundException) { } catch (DllNotFoundException) { }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, int mode);
    }
}
