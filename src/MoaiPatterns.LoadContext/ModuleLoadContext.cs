using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace MoaiPatterns.LoadContext
{
    /// <summary>
    /// The module's private AssemblyLoadContext (PowerShell 7): serves MoaiPatterns.Storage,
    /// Microsoft.Data.Sqlite, SQLitePCLRaw, Npgsql and its own dependencies from <c>dependencies/</c> so they never clash with
    /// another module's copies; everything else (MoaiPatterns.Core, the framework) comes from Default.
    /// </summary>
    public sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private const string StorageAssemblyName = "MoaiPatterns.Storage";

        private static readonly object Gate = new object();
        private static ModuleLoadContext? instance;
        private static bool resolvingHooked;

        /// <summary>The module's <c>dependencies/</c> folder.</summary>
        public string DependenciesDirectory { get; }

        private ModuleLoadContext(string dependenciesDirectory)
            : base("MoaiPatterns", isCollectible: false)
        {
            DependenciesDirectory = dependenciesDirectory;
        }

        /// <summary>The installed context, or null before <see cref="Install"/>.</summary>
        public static ModuleLoadContext? Instance => instance;

        /// <summary>
        /// Creates the context once per process and hooks Default's Resolving event so that the
        /// cmdlet assembly's reference to MoaiPatterns.Storage lands in this context. Idempotent.
        /// </summary>
        public static void Install(string dependenciesDirectory)
        {
            lock (Gate)
            {
                // One context per process: a second import reuses it, since Default has already bound Storage to it.
                instance ??= new ModuleLoadContext(Path.GetFullPath(dependenciesDirectory));
                if (!resolvingHooked)
                {
                    Default.Resolving += ResolveStorageFromDefault;
                    resolvingHooked = true;
                }
            }
        }

        /// <summary>Unhooks the Resolving handler (Remove-Module); the context itself stays, its assemblies are in use.</summary>
        public static void Uninstall()
        {
            lock (Gate)
            {
                if (resolvingHooked)
                {
                    Default.Resolving -= ResolveStorageFromDefault;
                    resolvingHooked = false;
                }
            }
        }

        private static Assembly? ResolveStorageFromDefault(AssemblyLoadContext context, AssemblyName name)
        {
            // Answer only for our own storage assembly: anything else is someone else's business.
            if (!string.Equals(name.Name, StorageAssemblyName, StringComparison.Ordinal)) return null;
            return instance?.LoadFromAssemblyName(name);
        }

        /// <summary>True for the assemblies this context owns rather than sharing with Default.</summary>
        public static bool IsPrivateAssembly(string? simpleName)
        {
            if (string.IsNullOrEmpty(simpleName)) return false;
            return string.Equals(simpleName, StorageAssemblyName, StringComparison.Ordinal)
                || simpleName!.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal)
                || simpleName.StartsWith("SQLitePCLRaw.", StringComparison.Ordinal)
                // PostgreSQL: Npgsql and the packages only it brings (another module may carry other versions).
                || string.Equals(simpleName, "Npgsql", StringComparison.Ordinal)
                || string.Equals(simpleName, "Microsoft.Extensions.Logging.Abstractions", StringComparison.Ordinal)
                || string.Equals(simpleName, "Microsoft.Extensions.DependencyInjection.Abstractions", StringComparison.Ordinal)
                || string.Equals(simpleName, "Microsoft.Bcl.HashCode", StringComparison.Ordinal);
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Npgsql (netstandard2.0) names Microsoft.Bcl.AsyncInterfaces; on .NET its facade forwards to the runtime's
            // IAsyncEnumerable/IAsyncDisposable. Not every host carries it (a bare hosted engine does not).
            if (string.Equals(assemblyName.Name, "Microsoft.Bcl.AsyncInterfaces", StringComparison.Ordinal))
            {
                var facade = Path.Combine(DependenciesDirectory, "netcore", "Microsoft.Bcl.AsyncInterfaces.dll");
                return File.Exists(facade) ? LoadFromAssemblyPath(facade) : null;
            }
            if (!IsPrivateAssembly(assemblyName.Name)) return null;
            var path = Path.Combine(DependenciesDirectory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            if (!NativeSqlite.IsSqliteLibraryName(unmanagedDllName)) return IntPtr.Zero;
            var path = NativeSqlite.LibraryPath(DependenciesDirectory);
            // Zero lets the runtime continue its own probing, whose error names the missing library.
            return File.Exists(path) ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
        }
    }
}
