using System;
using System.IO;
using System.Management.Automation;
using System.Text.RegularExpressions;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>Where a store cmdlet will work, decided before anything is opened (so -WhatIf opens nothing).</summary>
    internal sealed class StoreTarget
    {
        public StoreTarget(MoaiPatternStore? store, string? fullPath, string source)
        {
            Store = store;
            FullPath = fullPath;
            Source = source;
        }

        /// <summary>A store object the user passed; else null and <see cref="FullPath"/> is set.</summary>
        public MoaiPatternStore? Store { get; }

        public string? FullPath { get; }

        /// <summary>Where the choice came from: "-Store", "$env:MOAI_PATTERN_STORE" or "the default ./.moai/patterns".</summary>
        public string Source { get; }

        /// <summary>The path for messages: never a password.</summary>
        public string DisplayPath => StoreLocation.Redact(Store?.Path ?? FullPath ?? "");

        /// <summary>"the SQLite pattern store '/x/patterns.db' (from -Store)", for verbose output.</summary>
        public string Describe(StoreBackend? requested)
        {
            string backend;
            if (Store != null) backend = BackendName(Store.Backend) + " ";
            else
            {
                try { backend = BackendName(requested ?? PatternStores.DetectBackend(FullPath!)) + " "; }
                catch (Exception) { backend = ""; } // not a store at all: opening it reports why
            }
            return $"the {backend}pattern store '{DisplayPath}' (from {Source})";
        }

        internal static string BackendName(StoreBackend backend) =>
            backend == StoreBackend.Sqlite ? "SQLite" : backend == StoreBackend.FileSystem ? "filesystem" : backend == StoreBackend.PostgreSql ? "PostgreSQL" : backend.ToString();
    }

    /// <summary>Turns what -Store was given (a store object, a path, nothing) into a store or a full path.</summary>
    internal static class StoreLocation
    {
        public const string EnvironmentVariable = "MOAI_PATTERN_STORE";
        public const string DefaultRelativePath = "./.moai/patterns";

        // user:password@ in an address (postgresql://…): messages keep the user, never the password.
        private static readonly Regex Password = new Regex(@"(?<=://[^/@:\s]*):[^@/\s]*(?=@)", RegexOptions.CultureInvariant);

        /// <summary>Either a store object or a full path, with where it came from.</summary>
        public static StoreTarget Resolve(object? argument, SessionState session)
        {
            var value = argument is PSObject pso ? pso.BaseObject : argument;
            switch (value)
            {
                case null:
                    var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
                    return string.IsNullOrWhiteSpace(env)
                        ? new StoreTarget(null, ToFullPath(DefaultRelativePath, session), "the default " + DefaultRelativePath)
                        : new StoreTarget(null, ToFullPath(env!, session), "$env:" + EnvironmentVariable);
                case MoaiPatternStore store:
                    return new StoreTarget(store, null, "-Store");
                case FileSystemInfo info:
                    return new StoreTarget(null, info.FullName, "-Store");
                case string path when !string.IsNullOrWhiteSpace(path):
                    return new StoreTarget(null, ToFullPath(path, session), "-Store");
                default:
                    throw new ArgumentException(
                        $"-Store takes a store from Open-MoaiPatternStore or a path, not '{value}' ({value.GetType().Name}).");
            }
        }

        /// <summary>Resolves a path against the PowerShell location (Set-Location), not the process working directory.</summary>
        public static string ToFullPath(string path, SessionState? session)
        {
            var p = path.Trim();
            if (PatternStores.IsAddress(p)) return p;  // postgresql://…: a server address, not a path
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

        /// <summary>A store address fit for output: a password in it becomes ****.</summary>
        public static string Redact(string address) =>
            PatternStores.IsAddress(address) ? PatternStores.DisplayAddress(address)
            : address.IndexOf("://", StringComparison.Ordinal) < 0 ? address : Password.Replace(address, ":****");

        private static string Normalize(string full)
        {
            var result = Path.GetFullPath(full);
            var root = Path.GetPathRoot(result);
            return result.Length > (root?.Length ?? 0) ? result.TrimEnd('/', '\\') : result;
        }
    }
}
