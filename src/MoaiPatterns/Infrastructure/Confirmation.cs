using System;
using System.Management.Automation;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// ShouldProcess that never prompts in a non-interactive session unless -Confirm was passed
    /// explicitly: a scheduled task must fail or proceed, never hang on a prompt.
    /// </summary>
    internal static class Confirmation
    {
        /// <summary>True to go ahead; <paramref name="whatIf"/> is set when -WhatIf is in effect (nothing should change).</summary>
        public static bool ShouldProcess(PSCmdlet cmdlet, string target, string action, out bool whatIf)
        {
            whatIf = IsWhatIf(cmdlet);
            if (whatIf)
            {
                cmdlet.ShouldProcess(target, action); // prints "What if: ..."; never prompts
                return false;
            }
            if (!cmdlet.MyInvocation.BoundParameters.ContainsKey("Confirm") && IsNonInteractive(cmdlet))
            {
                cmdlet.WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\" (non-interactive session: no confirmation prompt).");
                return true;
            }
            return cmdlet.ShouldProcess(target, action);
        }

        private static bool IsWhatIf(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var v))
                return v is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(v);
            var pref = cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference");
            return LanguagePrimitives.IsTrue(pref);
        }

        /// <summary>pwsh -NonInteractive, a host without a UI (runbooks, hosted engines), or a Windows service/scheduled task.</summary>
        internal static bool IsNonInteractive(PSCmdlet cmdlet)
        {
            try
            {
                if (!Environment.UserInteractive) return true;
                var host = cmdlet.Host;
                if (host == null || host.UI == null || host.Name == "Default Host" || host.Name == "ServerRemoteHost") return true;
                foreach (var arg in Environment.GetCommandLineArgs())
                {
                    var a = arg.TrimStart('-', '/').ToLowerInvariant();
                    if (a.Length >= 4 && a.StartsWith("noni", StringComparison.Ordinal) && "noninteractive".StartsWith(a, StringComparison.Ordinal))
                        return true;
                }
            }
            catch (Exception) { /* an unknown host counts as interactive: ShouldProcess decides */ }
            return false;
        }
    }
}
