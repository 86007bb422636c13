using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MoaiPatterns.Analysis.Anomalies;

namespace MoaiPatterns.Commands
{
    /// <summary>Find-MoaiAnomaly: slow runs, failure spikes and error bursts among the matching patterns, newest first.</summary>
    [Cmdlet(VerbsCommon.Find, "MoaiAnomaly")]
    [OutputType(typeof(PatternAnomaly))]
    public sealed class FindMoaiAnomalyCommand : AnalysisCmdlet
    {
        /// <summary>The kinds to look for (default: all): SlowRun, FailureSpike, ErrorBurst, NewError.</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(AnomalyKindCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Kind { get; set; }

        protected override void ProcessRecord()
        {
            var filter = Filter();
            var unknown = Kind?.Where(k => AnomalyDetectors.Find(k) == null).ToList();
            if (unknown != null && unknown.Count > 0)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    $"-Kind '{string.Join("', '", unknown)}' is no anomaly kind; the kinds are {string.Join(", ", AnomalyDetectors.Kinds)}.", Kind));
            }
            RunEngine(() =>
            {
                foreach (var a in AnomalyDetectors.Detect(Engine, filter, Kind)) WriteObject(a);
            });
        }
    }

    /// <summary>Tab completion of -Kind from the registered detectors.</summary>
    public sealed class AnomalyKindCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AnomalyDetectors.Kinds.Where(k => k.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
                .Select(k => new CompletionResult(k));
    }
}
