using System;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Runs at Import-Module, before any cmdlet touches storage: routes the module's private
    /// dependencies (dependencies/) to the right place for the host runtime.
    /// PowerShell 7: the module's own AssemblyLoadContext (MoaiPatterns.LoadContext.dll, net8.0,
    /// reached by reflection because netstandard2.0 cannot name AssemblyLoadContext).
    /// Windows PowerShell 5.1: AssemblyResolve from dependencies/ plus a preloaded native e_sqlite3.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport()
        {
            var dependencies = ModulePaths.DependenciesDirectory;
            if (ModulePaths.IsNetFramework)
                NetFrameworkDependencyResolver.Install(dependencies);
            else
                CoreLoadContextInstaller.Install(dependencies);
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (ModulePaths.IsNetFramework)
                NetFrameworkDependencyResolver.Uninstall();
            else
                CoreLoadContextInstaller.Uninstall();
        }
    }

    /// <summary>Where the module's files are, relative to the cmdlet assembly.</summary>
    internal static class ModulePaths
    {
        public static string ModuleDirectory =>
            System.IO.Path.GetDirectoryName(typeof(ModulePaths).Assembly.Location)!;

        public static string DependenciesDirectory =>
            System.IO.Path.Combine(ModuleDirectory, "dependencies");

        public static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
    }
}
