using System;
using System.IO;
using System.Reflection;

namespace MoaiPatterns.Commands
{
    /// <summary>PowerShell 7: loads MoaiPatterns.LoadContext.dll and calls its Install/Uninstall by reflection.</summary>
    internal static class CoreLoadContextInstaller
    {
        private const string LoadContextTypeName = "MoaiPatterns.LoadContext.ModuleLoadContext";

        public static void Install(string dependenciesDirectory)
        {
            Invoke("Install", dependenciesDirectory);
        }

        public static void Uninstall()
        {
            Invoke("Uninstall");
        }

        private static void Invoke(string methodName, params object[] arguments)
        {
            var type = LoadContextType(ModulePaths.DependenciesDirectory);
            var method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
                ?? throw new MissingMethodException(LoadContextTypeName, methodName);
            try
            {
                method.Invoke(null, arguments);
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                throw ex.InnerException;
            }
        }

        private static Type LoadContextType(string dependenciesDirectory)
        {
            // LoadFrom puts it in the default context; a second import gets the same assembly back.
            var path = Path.Combine(dependenciesDirectory, "MoaiPatterns.LoadContext.dll");
            var assembly = Assembly.LoadFrom(path);
            return assembly.GetType(LoadContextTypeName, throwOnError: true)!;
        }
    }
}
