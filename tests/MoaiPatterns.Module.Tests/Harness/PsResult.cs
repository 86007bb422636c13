using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;

namespace MoaiPatterns.Module.Tests.Harness
{
    /// <summary>Everything one hosted script produced.</summary>
    public sealed class PsResult
    {
        public Collection<PSObject> Output { get; init; } = new Collection<PSObject>();
        public List<ErrorRecord> Errors { get; init; } = new List<ErrorRecord>();
        /// <summary>Everything written to the host (Out-Default, Write-Host, prompts), ANSI codes stripped.</summary>
        public string HostText { get; init; } = "";
        public List<string> Warnings { get; init; } = new List<string>();
        public List<string> Verbose { get; init; } = new List<string>();
        /// <summary>Prompts the host was asked to show (PromptForChoice: caption, then message).</summary>
        public List<string> Prompts { get; init; } = new List<string>();
        /// <summary>The exception that stopped the script, if any.</summary>
        public Exception? Terminating { get; init; }

        public bool Succeeded => Terminating == null && Errors.Count == 0;

        /// <summary>A readable account of what went wrong, for assertion messages.</summary>
        public string Describe()
        {
            var lines = new List<string>();
            if (Terminating != null) lines.Add("Terminating: " + Terminating);
            lines.AddRange(Errors.Select(e => $"Error [{e.FullyQualifiedErrorId}]: {e.Exception}"));
            if (HostText.Length > 0) lines.Add("Host:\n" + HostText);
            return string.Join(Environment.NewLine, lines);
        }

        /// <summary>Throws with <see cref="Describe"/> unless the script ran without errors.</summary>
        public PsResult AssertSucceeded()
        {
            if (!Succeeded) throw new Xunit.Sdk.XunitException("Script failed:\n" + Describe());
            return this;
        }
    }
}
