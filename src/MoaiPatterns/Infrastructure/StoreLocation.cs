using System;
using System.IO;
using System.Management.Automation;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>Turns what -Store was given (a store object, a path, nothing) into a store or a full path.</summary>
    internal static class StoreLocation
    {
        public const string EnvironmentVariable = "MOAI_PATTERN_STORE";
        public const string DefaultRelativePath = "./.moai/patterns";

        /// <summary>Either a store object or a full path (exactly one is non-null).</summary>
        public static (MoaiPatternStore? Store, string? FullPath) Resolve(object? argument, SessionState session)
        {
            var value = argument is PSObject pso ? pso.BaseObject : argument;
            switch (value)
            {
                case null:
                    var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
                    return (null, ToFullPath(string.IsNullOrWhiteSpace(env) ? DefaultRelativePath : env!, session));
                case MoaiPatternStore store:
                    return (store, null);
                case FileSystemInfo info:
                    return (null, info.FullName);
                case string path when !string.IsNullOrWhiteSpace(path):
                    return (null, ToFullPath(path, session));
                default:
                    throw new ArgumentException(
                        $"-Store takes a store from Open-MoaiPatternStore or a path, not '{value}' ({value.GetType().Name}).");
            }
        }

        /// <summary>Resolves a path against the PowerShell location (Set-Location), not the process working directory.</summary>
        public static string ToFullPath(string path, SessionState? session)
        {
            var p = path.Trim();
            if (session != null)
            {
                // ~ and drive-qualified PowerShell paths (TestDrive:\x) go through the provider.
                if (p.StartsWith("~", StringComparison.Ordinal) || (p.IndexOf(':') > 1 && !Path.IsPathRooted(p)))
                    return Normalize(session.Path.GetUnresolvedProviderPathFromPSPath(p));
                if (!Path.IsPathRooted(p))
                    return Normalize(Path.Combine(session.Path.CurrentFileSystemLocation.ProviderPath, p));
            }
            return Normalize(p);
        }

        private static string Normalize(string full)
        {
            var result = Path.GetFullPath(full);
            var root = Path.GetPathRoot(result);
            return result.Length > (root?.Length ?? 0) ? result.TrimEnd('/', '\\') : result;
        }
    }
}
