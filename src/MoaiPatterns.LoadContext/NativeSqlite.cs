using System;
using System.IO;
using System.Runtime.InteropServices;

namespace MoaiPatterns.LoadContext
{
    /// <summary>Where the module keeps the native e_sqlite3 library for the running process.</summary>
    public static class NativeSqlite
    {
        private const string LibraryBaseName = "e_sqlite3";

        /// <summary>Runtime identifier as NuGet's <c>runtimes/</c> folders spell it: win-x64, linux-musl-arm64, osx-arm64 …</summary>
        public static string CurrentRid()
        {
            string os;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) os = "win";
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) os = "osx";
            else os = IsMusl() ? "linux-musl" : "linux";
            return os + "-" + Architecture();
        }

        /// <summary>Full path of the native library under <paramref name="dependenciesDirectory"/> for this process.</summary>
        public static string LibraryPath(string dependenciesDirectory)
        {
            return Path.Combine(dependenciesDirectory, "runtimes", CurrentRid(), "native", LibraryFileName());
        }

        public static string LibraryFileName()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return LibraryBaseName + ".dll";
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return "lib" + LibraryBaseName + ".dylib";
            return "lib" + LibraryBaseName + ".so";
        }

        /// <summary>Matches the names a DllImport may ask for: e_sqlite3, libe_sqlite3, e_sqlite3.dll, libe_sqlite3.so …</summary>
        public static bool IsSqliteLibraryName(string name)
        {
            var n = Path.GetFileName(name);
            if (n.StartsWith("lib", StringComparison.Ordinal)) n = n.Substring(3);
            var dot = n.IndexOf('.');
            if (dot >= 0) n = n.Substring(0, dot);
            return string.Equals(n, LibraryBaseName, StringComparison.Ordinal);
        }

        private static string Architecture()
        {
            switch (RuntimeInformation.ProcessArchitecture)
            {
                case System.Runtime.InteropServices.Architecture.X64: return "x64";
                case System.Runtime.InteropServices.Architecture.X86: return "x86";
                case System.Runtime.InteropServices.Architecture.Arm64: return "arm64";
                case System.Runtime.InteropServices.Architecture.Arm: return "arm";
                default: return RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            }
        }

        private static bool IsMusl()
        {
            // A musl-built runtime (pwsh on Alpine) says so in its own RID; the loader file is the fallback.
            if (RuntimeInformation.RuntimeIdentifier.Contains("musl")) return true;
            try
            {
                return Directory.Exists("/lib") && Directory.GetFiles("/lib", "ld-musl-*").Length > 0;
            }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        }
    }
}
