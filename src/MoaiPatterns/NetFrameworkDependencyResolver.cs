using System;
using System.ComponentModel;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework): no load contexts and no binding redirects for a
    /// module, so every assembly found in dependencies/ is served by simple name, whatever version
    /// was asked for (System.Memory, System.Runtime.CompilerServices.Unsafe … disagree otherwise),
    /// and the native e_sqlite3.dll is loaded by full path before SQLitePCLRaw first asks for it.
    /// Not exercised on this Linux build machine: keep it simple.
    /// </summary>
    internal static class NetFrameworkDependencyResolver
    {
        private const uint LoadWithAlteredSearchPath = 0x00000008;
        private static readonly object Gate = new object();
        private static string? dependenciesDirectory;
        private static bool hooked;
        private static IntPtr nativeSqlite;

        public static void Install(string directory)
        {
            lock (Gate)
            {
                dependenciesDirectory = directory;
                if (!hooked)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
                    hooked = true;
                }
                // Loaded once per process; Windows then hands the same module to DllImport("e_sqlite3").
                if (nativeSqlite == IntPtr.Zero) nativeSqlite = LoadNativeSqlite(directory);
            }
        }

        public static void Uninstall()
        {
            lock (Gate)
            {
                if (!hooked) return;
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencies;
                hooked = false;
            }
        }

        private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
        {
            var directory = dependenciesDirectory;
            if (directory == null) return null;
            var simpleName = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(simpleName)) return null;
            var path = Path.Combine(directory, simpleName + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        private static IntPtr LoadNativeSqlite(string directory)
        {
            var path = Path.Combine(directory, "runtimes", "win-" + ArchitectureName(), "native", "e_sqlite3.dll");
            if (!File.Exists(path))
                throw new FileNotFoundException("The module's native SQLite library is missing.", path);
            var handle = LoadLibraryEx(path, IntPtr.Zero, LoadWithAlteredSearchPath);
            if (handle == IntPtr.Zero)
                throw new Win32Exception(Marshal.GetLastWin32Error(), "Could not load " + path);
            return handle;
        }

        private static string ArchitectureName()
        {
            switch (RuntimeInformation.ProcessArchitecture)
            {
                case Architecture.X86: return "x86";
                case Architecture.Arm64: return "arm64";
                default: return "x64";
            }
        }

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryEx(string fileName, IntPtr reserved, uint flags);
    }
}
