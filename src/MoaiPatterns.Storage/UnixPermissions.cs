using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MoaiPatterns.Storage
{
    /// <summary>
    /// Owner-only files (0600) and folders (0700) on Unix, for both backends: patterns hold stack
    /// traces and code. netstandard2.0 has no File.SetUnixFileMode, so the .NET 7+ method is bound by
    /// reflection (chmod from libc where it is missing).
    /// </summary>
    internal static class UnixPermissions
    {
        private const int OwnerReadWrite = 0x180;        // 0600
        private const int OwnerReadWriteExecute = 0x1C0; // 0700

        // Declared before SetMode: static initializers run in text order.
        public static bool IsUnix { get; } = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        private static readonly Action<string, int>? SetMode = Bind();

        public static void OwnerOnlyFile(string path) => Apply(path, OwnerReadWrite);

        public static void OwnerOnlyDirectory(string path) => Apply(path, OwnerReadWriteExecute);

        /// <summary>Creates an empty file, then restricts it to its owner (umask cannot widen it); on Windows a plain create.</summary>
        public static void CreateOwnerOnlyFile(string path)
        {
            using (new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite)) { }
            OwnerOnlyFile(path);
        }

        private static void Apply(string path, int mode)
        {
            if (!IsUnix || SetMode == null) return;
            SetMode(path, mode);
        }

        private static Action<string, int>? Bind()
        {
            if (!IsUnix) return null;
            var modeType = typeof(File).Assembly.GetType("System.IO.UnixFileMode");
            var method = modeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), modeType }, null);
            if (method != null)
                return (p, m) => method.Invoke(null, new[] { p, Enum.ToObject(modeType!, m) });
            return (p, m) =>
            {
                try { chmod(p, m); } catch (EntryPointNotFoundException) { } catch (DllNotFoundException) { }
            };
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, int mode);
    }
}
