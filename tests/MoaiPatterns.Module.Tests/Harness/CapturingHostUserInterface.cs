using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace MoaiPatterns.Module.Tests.Harness
{
    /// <summary>
    /// Records host output as plain text (colour codes arrive even with PlainText rendering, so they
    /// are stripped here) and answers or refuses prompts as configured.
    /// </summary>
    public sealed class CapturingHostUserInterface : PSHostUserInterface
    {
        private static readonly Regex Ansi = new Regex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)|[@-Z\\-_])", RegexOptions.Compiled);

        private readonly StringBuilder text = new StringBuilder();
        private readonly bool nonInteractive;
        private readonly int? choiceAnswer;
        private readonly object gate = new object();

        public CapturingHostUserInterface(bool nonInteractive, int? choiceAnswer)
        {
            this.nonInteractive = nonInteractive;
            this.choiceAnswer = choiceAnswer;
        }

        public List<string> Prompts { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();
        public List<string> Verbose { get; } = new List<string>();

        public string Text
        {
            get { lock (gate) return text.ToString(); }
        }

        public override PSHostRawUserInterface RawUI { get; } = new CapturingRawUserInterface();
        public override bool SupportsVirtualTerminal => false;

        public override void Write(string value) => Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);
        public override void WriteLine(string value) => Append(value + "\n");
        public override void WriteErrorLine(string value) => Append(value + "\n");
        public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");
        public override void WriteProgress(long sourceId, ProgressRecord record) { }

        public override void WriteVerboseLine(string message)
        {
            lock (gate) Verbose.Add(Strip(message));
            Append("VERBOSE: " + message + "\n");
        }

        public override void WriteWarningLine(string message)
        {
            lock (gate) Warnings.Add(Strip(message));
            Append("WARNING: " + message + "\n");
        }

        public override void WriteInformation(InformationRecord record) { }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            lock (gate) Prompts.Add(caption + "\n" + message);
            Append(caption + "\n" + message + "\n");
            if (nonInteractive)
                throw new PSInvalidOperationException("The test host is non-interactive: prompt '" + caption + "' cannot be answered.");
            return choiceAnswer ?? defaultChoice;
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            lock (gate) Prompts.Add(caption + "\n" + message);
            throw new PSInvalidOperationException("The test host does not answer field prompts: " + caption);
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
            => throw new PSInvalidOperationException("The test host does not prompt for credentials.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
            => throw new PSInvalidOperationException("The test host does not prompt for credentials.");

        public override string ReadLine()
            => throw new PSInvalidOperationException("The test host has no input.");

        public override SecureString ReadLineAsSecureString()
            => throw new PSInvalidOperationException("The test host has no input.");

        private void Append(string value)
        {
            lock (gate) text.Append(Strip(value));
        }

        private static string Strip(string value) => value == null ? "" : Ansi.Replace(value, "");
    }
}
