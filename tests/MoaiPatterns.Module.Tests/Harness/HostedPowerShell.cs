using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;

namespace MoaiPatterns.Module.Tests.Harness
{
    /// <summary>
    /// Runs scripts in the real engine (System.Management.Automation), each in a fresh runspace with
    /// the built module imported by path, as a user's pwsh would.
    /// </summary>
    public sealed class HostedPowerShell
    {
        public HostedPowerShell(string moduleManifest)
        {
            ModuleManifest = moduleManifest;
        }

        /// <summary>The manifest imported before each script; also the script variable <c>$ModuleManifest</c>.</summary>
        public string ModuleManifest { get; }

        public PsResult Run(string script, PsRunOptions options)
        {
            var host = new CapturingHost(options.NonInteractive, options.ChoiceAnswer);
            var state = InitialSessionState.CreateDefault2();
            // Throws on Linux; Windows needs it to load the module's ps1xml files.
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;

            using var runspace = RunspaceFactory.CreateRunspace(host, state);
            runspace.Open();
            runspace.SessionStateProxy.SetVariable("ModuleManifest", ModuleManifest);
            if (options.Variables != null)
            {
                foreach (var pair in options.Variables) runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
            }
            if (options.Location != null) runspace.SessionStateProxy.Path.SetLocation(options.Location);

            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            var output = new Collection<PSObject>();
            Exception? terminating = null;
            try
            {
                if (options.ImportModule)
                {
                    ps.AddCommand("Import-Module").AddParameter("Name", ModuleManifest).AddParameter("ErrorAction", "Stop");
                    ps.Invoke();
                    ps.Commands.Clear();
                }
                ps.AddScript(script);
                foreach (var item in ps.Invoke()) output.Add(item);
            }
            catch (RuntimeException ex)
            {
                terminating = ex;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                terminating = ex;
            }

            var capture = host.Capture;
            return new PsResult
            {
                Output = output,
                Errors = ps.Streams.Error.ToList(),
                HostText = capture.Text,
                Warnings = ps.Streams.Warning.Select(w => w.Message).Concat(capture.Warnings).ToList(),
                Verbose = ps.Streams.Verbose.Select(v => v.Message).Concat(capture.Verbose).ToList(),
                Prompts = capture.Prompts.ToList(),
                Terminating = terminating,
            };
        }
    }
}
