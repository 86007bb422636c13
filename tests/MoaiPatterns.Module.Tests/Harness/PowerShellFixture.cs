using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Xunit;

namespace MoaiPatterns.Module.Tests.Harness
{
    /// <summary>
    /// Shared by every module test (collection "PowerShell"): finds out/MoaiPatterns, keeps the
    /// engine's caches out of the user's home, and runs each script in a fresh runspace.
    /// </summary>
    public sealed class PowerShellFixture : IDisposable
    {
        private readonly TempDir engineHome = new TempDir("moai-pwsh-home");
        private readonly HostedPowerShell engine;

        public PowerShellFixture()
        {
            PrepareProcess(engineHome.Path);
            if (!File.Exists(RepoPaths.ModuleManifest))
                throw new InvalidOperationException(
                    $"Built module not found at {RepoPaths.ModuleManifest}: run `dotnet build PatternsModule.sln -c Release` first.");
            engine = new HostedPowerShell(RepoPaths.ModuleManifest);
        }

        public string ModuleDirectory => RepoPaths.ModuleDirectory;
        public string ModuleManifest => RepoPaths.ModuleManifest;

        /// <summary>Default for runs that do not say: when true, prompts throw instead of being answered.</summary>
        public bool NonInteractive { get; set; }

        /// <summary>Runs <paramref name="script"/> in a fresh runspace with the module imported.</summary>
        public PsResult Run(string script, IDictionary<string, object>? variables = null, string? location = null)
        {
            return engine.Run(script, new PsRunOptions { Variables = variables, Location = location, NonInteractive = NonInteractive });
        }

        public PsResult Run(string script, PsRunOptions options) => engine.Run(script, options);

        /// <summary>
        /// Process-wide settings, also used by the out-of-process script runner: no telemetry, the
        /// engine's cache and data folders in a temp folder, and enough pool threads (on 2 cores
        /// xunit starves the pool and Import-Module stalls).
        /// </summary>
        public static void PrepareProcess(string engineHomeDirectory)
        {
            Environment.SetEnvironmentVariable("POWERSHELL_TELEMETRY_OPTOUT", "1");
            Environment.SetEnvironmentVariable("POWERSHELL_UPDATECHECK", "Off");
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Path.Combine(engineHomeDirectory, "cache"));
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", Path.Combine(engineHomeDirectory, "data"));
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
        }

        public void Dispose() => engineHome.Dispose();
    }

    [CollectionDefinition(Name)]
    public sealed class PowerShellCollection : ICollectionFixture<PowerShellFixture>
    {
        public const string Name = "PowerShell";
    }
}
