using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests
{
    /// <summary>The test host itself: format views reach HostText, prompts are recorded, answered or refused.</summary>
    [Collection(PowerShellCollection.Name)]
    public sealed class HostHarnessTests
    {
        private const string Prompt =
            "$choices = [System.Management.Automation.Host.ChoiceDescription[]]@('&Yes', '&No')\n" +
            "$Host.UI.PromptForChoice('Remove pattern', 'Really?', $choices, 1)";

        private readonly PowerShellFixture ps;

        public HostHarnessTests(PowerShellFixture ps) => this.ps = ps;

        [Fact]
        public void OutDefaultRendersIntoHostTextWithoutColourCodes()
        {
            var result = ps.Run("[pscustomobject]@{ PatternId = 'abc-123'; Kind = 'error_occurrence' } | Out-Default").AssertSucceeded();

            Assert.Contains("PatternId", result.HostText);
            Assert.Contains("abc-123", result.HostText);
            Assert.False(result.HostText.IndexOf('\u001b') >= 0, "colour codes left in host text");
            Assert.Empty(result.Output);
        }

        [Fact]
        public void PromptForChoiceIsRecordedAndAnsweredWithItsDefault()
        {
            var result = ps.Run(Prompt).AssertSucceeded();

            Assert.Equal(1, result.Output[0].BaseObject);
            Assert.Equal("Remove pattern\nReally?", Assert.Single(result.Prompts));
        }

        [Fact]
        public void PromptForChoiceCanBeAnsweredExplicitly()
        {
            var result = ps.Run(Prompt, new PsRunOptions { ChoiceAnswer = 0 }).AssertSucceeded();
            Assert.Equal(0, result.Output[0].BaseObject);
        }

        [Fact]
        public void NonInteractiveHostRefusesPrompts()
        {
            var result = ps.Run(Prompt, new PsRunOptions { NonInteractive = true });

            Assert.False(result.Succeeded);
            Assert.Single(result.Prompts);
            Assert.Contains("non-interactive", result.Describe());
        }

        [Fact]
        public void WarningsAndVerboseAreCaptured()
        {
            var result = ps.Run("$PSCmdlet = $null; & { [CmdletBinding()] param() $PSCmdlet.WriteWarning('careful'); $PSCmdlet.WriteVerbose('detail') } -Verbose").AssertSucceeded();

            Assert.Contains("careful", result.Warnings);
            Assert.Contains("detail", result.Verbose);
        }
    }
}
