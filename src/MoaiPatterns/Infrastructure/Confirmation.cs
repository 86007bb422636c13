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

        /// <summary>
        /// Whether ShouldProcess could answer anything but yes for a cmdlet of this impact: -WhatIf, -Confirm,
        /// or $ConfirmPreference at or below the impact in an interactive session. Decided once, so a cmdlet
        /// that asks per item (Save) costs nothing per item when nobody will be asked.
        /// </summary>
        public static bool MayAsk(PSCmdlet cmdlet, ConfirmImpact impact)
        {
            if (IsWhatIf(cmdlet)) return true;
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var c))
                return c is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(c);
            var pref = cmdlet.SessionState.PSVariable.GetValue("ConfirmPreference");
            if (pref == null || !LanguagePrimitives.TryConvertTo(pref, out ConfirmImpact threshold) || threshold == ConfirmImpact.None) return false;
            return impact >= threshold && !IsNonInteractive(cmdlet);
        }

        internal static bool IsWhatIf(PSCmdlet cmdlet)
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
