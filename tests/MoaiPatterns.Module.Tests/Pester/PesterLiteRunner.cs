using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;
using MoaiPatterns.Module.Tests.Harness;

namespace MoaiPatterns.Module.Tests.Pester
{
    /// <summary>One It as Pester-lite ran it.</summary>
    public sealed record PesterLiteResult(string Path, string Result, string Message)
    {
        public override string ToString() => $"[{Result}] {Path}{(Message.Length > 0 ? ": " + Message : "")}";
    }

    /// <summary>
    /// Runs one Pester test file through Pester/PesterLite.ps1 in a fresh runspace of the real engine,
    /// non-interactive like `pwsh -NonInteractive` in build.ps1, the module NOT pre-imported (the file imports it).
    /// </summary>
    public static class PesterLiteRunner
    {
        /// <summary>Its that need a real pwsh (a child process or Utility formatting): build.ps1 runs them.</summary>
        public const string RequiresPwshTag = "RequiresPwsh";

        public static string ScriptDirectory => Path.Combine(RepoPaths.RepoRoot, "tests", "MoaiPatterns.Module.Tests", "Pester");

        public static IReadOnlyList<PesterLiteResult> Run(string testFile, string? runnerScript = null, params string[] excludeTags)
        {
            var host = new CapturingHost(nonInteractive: true, choiceAnswer: null);
            var state = InitialSessionState.CreateDefault2();
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            using var runspace = RunspaceFactory.CreateRunspace(host, state);
            runspace.Open();
            runspace.SessionStateProxy.SetVariable("PesterLiteHost", host);
            runspace.SessionStateProxy.Path.SetLocation(RepoPaths.RepoRoot);

            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript(". $args[0]; Invoke-PesterLite -Path $args[1] -ExcludeTag $args[2]")
                .AddArgument(runnerScript ?? Path.Combine(ScriptDirectory, "PesterLite.ps1"))
                .AddArgument(testFile)
                .AddArgument(excludeTags);
            var results = new List<PesterLiteResult>();
            try
            {
                foreach (var item in ps.Invoke())
                {
                    if (item?.Properties["Result"] == null) continue; // output a test let escape, as Pester ignores it
                    results.Add(new PesterLiteResult(
                        item.Properties["Path"].Value?.ToString() ?? "",
                        item.Properties["Result"].Value?.ToString() ?? "",
                        item.Properties["Message"].Value?.ToString() ?? ""));
                }
            }
            catch (RuntimeException ex)
            {
                results.Add(new PesterLiteResult(testFile + " (runner)", "Failed", ex.ErrorRecord?.ToString() + " " + ex.ErrorRecord?.InvocationInfo?.PositionMessage));
            }
            return results;
        }
    }
}
