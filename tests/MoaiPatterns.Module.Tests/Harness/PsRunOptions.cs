using System.Collections.Generic;

namespace MoaiPatterns.Module.Tests.Harness
{
    /// <summary>How one hosted script runs.</summary>
    public sealed class PsRunOptions
    {
        /// <summary>Variables set in the runspace before the script runs.</summary>
        public IDictionary<string, object>? Variables { get; init; }
        /// <summary>Current location for the script; defaults to the process's.</summary>
        public string? Location { get; init; }
        /// <summary>Import the built module first (default). Off to test importing itself.</summary>
        public bool ImportModule { get; init; } = true;
        /// <summary>PromptForChoice throws instead of answering: an automation host.</summary>
        public bool NonInteractive { get; init; }
        /// <summary>Index PromptForChoice answers with; null means the prompt's own default.</summary>
        public int? ChoiceAnswer { get; init; }
    }
}
