using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;
using MoaiPatterns.Bench.Workload;

namespace MoaiPatterns.Bench.Host
{
    /// <summary>
    /// One run of every cmdlet operation on a fresh store, in one runspace: the same order as the
    /// engine benchmark. Each step is one script invocation timed around Invoke; each returns a count
    /// the main benchmark checks against the rows.
    /// </summary>
    public sealed class CmdletRun
    {
        private readonly HostArguments _args;
        private readonly HostReport _report = new HostReport();

        public CmdletRun(HostArguments args) => _args = args;

        public HostReport Execute()
        {
            var generator = new WorkloadGenerator(_args.Seed, _args.Now);
            var rows = generator.Rows(0, _args.N).Select(RowTables.ToHashtable).Cast<object>().ToArray();
            var extra = generator.Rows(_args.N, _args.Extra).Select(RowTables.ToHashtable).Cast<object>().ToArray();
            var ids = rows.Select(r => (string)((System.Collections.Hashtable)r)["pattern_id"]!).ToArray();
            var random = new Random(_args.Seed + _args.N);
            var lookups = Enumerable.Range(0, _args.Lookups).Select(_ => ids[random.Next(ids.Length)]).ToArray();

            var state = InitialSessionState.CreateDefault2();
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            using var runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
            var vars = runspace.SessionStateProxy;
            vars.SetVariable("manifest", _args.Manifest);
            vars.SetVariable("storePath", _args.StorePath);
            vars.SetVariable("rows", rows);
            vars.SetVariable("extra", extra);
            vars.SetVariable("ids", lookups);
            vars.SetVariable("after", _args.Now.AddDays(-7));
            vars.SetVariable("cutoff", _args.Now.AddDays(-90));
            vars.SetVariable("word", WorkloadGenerator.TextQuery);
            vars.SetVariable("tags", WorkloadGenerator.TwoTags);
            vars.SetVariable("half", (long)(_args.N / 2));

            using var ps = PowerShell.Create();
            ps.Runspace = runspace;

            Step(ps, "Import-Module (first in a fresh process)", "Import-Module -Name $manifest -ErrorAction Stop", "ms");
            Step(ps, null, "$store = Open-MoaiPatternStore -Path $storePath", "ms");
            var saveMs = Step(ps, "Save-MoaiPattern, one pipeline", "$rows | Save-MoaiPattern -Store $store; $rows.Count", "ms");
            _report.Add("Save-MoaiPattern, one pipeline rate", "patterns/s", _args.N / (saveMs / 1000));

            var getMs = Step(ps, "Get-MoaiPattern, one call per id", "$c = 0; foreach ($id in $ids) { if (Get-MoaiPattern -Id $id -Store $store) { $c++ } }; $c", "ms");
            _report.Add("Get-MoaiPattern, one call per id (per id)", "ms/op", getMs / lookups.Length);
            var getAllMs = Step(ps, "Get-MoaiPattern -Id <1,000 ids>, one call", "@(Get-MoaiPattern -Id $ids -Store $store).Count", "ms");
            _report.Add("Get-MoaiPattern -Id <1,000 ids>, one call (per id)", "ms/op", getAllMs / lookups.Length);

            Step(ps, "Find-MoaiPattern -Type, First 100", "@(Find-MoaiPattern -Store $store -Type TaskCompletion -First 100).Count", "ms");
            Step(ps, "Find-MoaiPattern -Tag two tags, First 100", "@(Find-MoaiPattern -Store $store -Tag $tags -First 100).Count", "ms");
            Step(ps, "Find-MoaiPattern -After (last 7 days), all", "@(Find-MoaiPattern -Store $store -After $after).Count", "ms");
            Step(ps, "Find-MoaiPattern -After (last 7 days), First 100", "@(Find-MoaiPattern -Store $store -After $after -First 100).Count", "ms");
            Step(ps, "Find-MoaiPattern -Text (one word), First 100", "@(Find-MoaiPattern -Store $store -Text $word -First 100).Count", "ms");
            Step(ps, "Find-MoaiPattern, all (one full enumeration)", "@(Find-MoaiPattern -Store $store).Count", "ms");
            Step(ps, "Find-MoaiPattern -Skip N/2 -First 100", "@(Find-MoaiPattern -Store $store -Skip $half -First 100).Count", "ms");

            // Analysis: the cmdlet against the pipeline a user would write without it. The hosted engine has no
            // Group-Object, so the pipeline groups in a hashtable (faster than Group-Object, so the ratio is conservative).
            Step(ps, "Measure-MoaiPattern -GroupBy Agent -Interval Day", "@(Measure-MoaiPattern -Store $store -GroupBy Agent -Interval Day).Count", "ms");
            Step(ps, "Find-MoaiPattern piped to grouping by agent and day (script)", @"$g = @{}
Find-MoaiPattern -Store $store | ForEach-Object {
    $k = [string]$_.Agent + '|' + $_.Timestamp.UtcDateTime.ToString('yyyy-MM-dd')
    $l = $g[$k]; if ($null -eq $l) { $l = [System.Collections.Generic.List[long]]::new(); $g[$k] = $l }
    if ($null -ne $_.Data.DurationMs) { $l.Add($_.Data.DurationMs) }
}
foreach ($l in $g.Values) { $l.Sort(); if ($l.Count) { $null = $l[[Math]::Ceiling($l.Count * 0.95) - 1] } }
$g.Count", "ms");
            Step(ps, "Find-MoaiAnomaly (every kind)", "@(Find-MoaiAnomaly -Store $store).Count", "ms");

            var oneMs = Step(ps, "Save-MoaiPattern, one call each", "foreach ($r in $extra) { Save-MoaiPattern -InputObject $r -Store $store }; $extra.Count", "ms");
            _report.Add($"Save-MoaiPattern, one call each ({extra.Length} into a store of N)", "ms/op", oneMs / Math.Max(1, extra.Length));

            Step(ps, "Remove-MoaiPatternOld (90 days)", "(Remove-MoaiPatternOld -Store $store -Before $cutoff -Confirm:$false).RemovedCount", "ms");
            Step(ps, "Compress-MoaiPatternStore (30 days)", "$null = Compress-MoaiPatternStore -Store $store -Confirm:$false; 0", "ms");
            return _report;
        }

        /// <summary>Runs one script, times it, records its count; a failure is recorded, not thrown, so the run reports it.</summary>
        private double Step(PowerShell ps, string? name, string script, string unit)
        {
            ps.Commands.Clear();
            ps.Streams.ClearStreams();
            ps.AddScript(script);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sw = Stopwatch.StartNew();
            System.Collections.ObjectModel.Collection<PSObject> output;
            try { output = ps.Invoke(); }
            catch (Exception e) { _report.Failures.Add($"{name ?? script}: {e.Message}"); return double.NaN; }
            var ms = sw.Elapsed.TotalMilliseconds;
            if (ps.Streams.Error.Count > 0)
                _report.Failures.Add($"{name ?? script}: {ps.Streams.Error.Count} error(s), first: {ps.Streams.Error[0]}");
            if (name == null) return ms;
            _report.Add(name, unit, ms);
            var last = output.LastOrDefault()?.BaseObject;
            if (last != null && last is IConvertible) _report.Counts[name] = Convert.ToInt64(last, System.Globalization.CultureInfo.InvariantCulture);
            return ms;
        }
    }
}
