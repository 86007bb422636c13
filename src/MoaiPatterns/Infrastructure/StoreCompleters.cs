using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Completes a parameter from the contents of the store the command line points at (-Store if it
    /// is a literal or a store variable, else $env:MOAI_PATTERN_STORE or ./.moai/patterns). Never
    /// creates a store, never throws: completion must not break typing.
    /// </summary>
    public abstract class StoreValueCompleter : IArgumentCompleter
    {
        private const int MaxSuggestions = 50;

        protected abstract IReadOnlyList<string> Suggest(IPatternStore store, string prefix, int max);

        /// <summary>What the completion menu shows beside a value; the value itself unless a completer knows more.</summary>
        protected virtual string ToolTipFor(IPatternStore store, string value) => value;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var results = new List<CompletionResult>();
            try
            {
                var prefix = (wordToComplete ?? "").Trim('\'', '"');
                var fullPath = StorePathFor(fakeBoundParameters);
                if (fullPath.Store != null)
                {
                    using var lease = StoreRegistry.Acquire(fullPath.Store);
                    Add(results, lease.Engine, Suggest(lease.Engine, prefix, MaxSuggestions));
                }
                else if (fullPath.Path != null)
                {
                    using var lease = StoreRegistry.Acquire(fullPath.Path, null, create: false);
                    Add(results, lease.Engine, Suggest(lease.Engine, prefix, MaxSuggestions));
                }
            }
            catch (Exception)
            {
                // Missing store, unreadable store, odd input: offer nothing rather than an error.
            }
            return results;
        }

        private void Add(List<CompletionResult> results, IPatternStore store, IReadOnlyList<string> values)
        {
            foreach (var v in values)
            {
                string tip;
                try { tip = ToolTipFor(store, v); }
                catch (Exception) { tip = v; } // an unreadable pattern still completes
                results.Add(new CompletionResult(Quote(v), v, CompletionResultType.ParameterValue, string.IsNullOrEmpty(tip) ? v : tip));
            }
            store.DrainWarnings(); // what the reads met would otherwise surface as warnings of the next command
        }

        /// <summary>Single-quotes values a shell would split or expand.</summary>
        internal static string Quote(string value)
        {
            foreach (var c in value)
            {
                if (char.IsWhiteSpace(c) || "'\"`$;,(){}[]@#|&<>".IndexOf(c) >= 0)
                    return "'" + value.Replace("'", "''") + "'";
            }
            return value;
        }

        private static (MoaiPatternStore? Store, string? Path) StorePathFor(IDictionary fakeBoundParameters)
        {
            object? arg = fakeBoundParameters != null && fakeBoundParameters.Contains("Store") ? fakeBoundParameters["Store"] : null;
            var value = PowerShellValues.Unwrap(arg);
            if (value is MoaiPatternStore store) return (store, null);
            SessionState? session = null;
            try { session = new EngineIntrinsicsAccessor().SessionState; } catch (Exception) { }
            if (value is string s && !string.IsNullOrWhiteSpace(s)) return (null, StoreLocation.ToFullPath(s, session));
            var env = Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable);
            return (null, StoreLocation.ToFullPath(string.IsNullOrWhiteSpace(env) ? StoreLocation.DefaultRelativePath : env!, session));
        }

        /// <summary>The session state of the runspace doing the completion (completers run on its thread).</summary>
        private sealed class EngineIntrinsicsAccessor
        {
            public SessionState? SessionState
            {
                get
                {
                    var result = ScriptBlock.Create("$ExecutionContext.SessionState").Invoke();
                    return result.Count > 0 ? PowerShellValues.Unwrap(result[0]) as SessionState : null;
                }
            }
        }
    }

    /// <summary>Completes -Tag with tags used in the store.</summary>
    public sealed class TagCompleter : StoreValueCompleter
    {
        protected override IReadOnlyList<string> Suggest(IPatternStore store, string prefix, int max) => store.SuggestTags(prefix, max);
    }

    /// <summary>Completes -Agent with agent names found in the store.</summary>
    public sealed class AgentCompleter : StoreValueCompleter
    {
        protected override IReadOnlyList<string> Suggest(IPatternStore store, string prefix, int max) => store.SuggestAgents(prefix, max);
    }

    /// <summary>Completes -Id with pattern ids in the store; the tooltip tells the patterns apart by type, time and summary.</summary>
    public sealed class PatternIdCompleter : StoreValueCompleter
    {
        protected override IReadOnlyList<string> Suggest(IPatternStore store, string prefix, int max) => store.SuggestIds(prefix, max);

        /// <summary>"ErrorOccurrence at 2024-05-01 14:03: TypeError: unsupported operand …" (local time, as the table shows it).</summary>
        protected override string ToolTipFor(IPatternStore store, string value)
        {
            var pattern = store.Get(value);
            return pattern == null ? value : $"{pattern.PatternType} at {PatternDisplay.Time(pattern.Timestamp)}: {pattern.Summary}";
        }
    }
}
