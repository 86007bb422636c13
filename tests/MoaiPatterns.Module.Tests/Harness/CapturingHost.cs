using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace MoaiPatterns.Module.Tests.Harness
{
    /// <summary>A PSHost that records everything written to it, so format views and prompts can be asserted.</summary>
    public sealed class CapturingHost : PSHost
    {
        private readonly CapturingHostUserInterface ui;

        public CapturingHost(bool nonInteractive, int? choiceAnswer)
        {
            ui = new CapturingHostUserInterface(nonInteractive, choiceAnswer);
        }

        public CapturingHostUserInterface Capture => ui;
        public override PSHostUserInterface UI => ui;
        public override string Name => "MoaiPatternsTestHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException("No nested prompts in the test host.");
        public override void ExitNestedPrompt() => throw new NotSupportedException("No nested prompts in the test host.");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }
}
