using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    /// <summary>
    /// Shared by the cmdlet tests: a temp folder per test class instance, store paths per backend
    /// ("fs" = a folder, "sqlite" = a .db file), and a prelude of small data builders for scripts.
    /// </summary>
    [Collection(PowerShellCollection.Name)]
    public abstract class CmdletTestBase : IDisposable
    {
        /// <summary>Functions every test script may use: seed-shaped data for each pattern type.</summary>
        public const string Prelude = @"
function TaskData([string] $Agent = 'coder', [long] $Duration = 2500, [bool] $Success = $true) {
    @{ task_type = 'code_generation'; agent = $Agent; duration_ms = $Duration; success = $Success }
}
function ErrData([string] $Type = 'TypeError', [string] $Message = 'unsupported operand') {
    @{ error_type = $Type; error_message = $Message }
}
function UsageData([string] $Agent = 'tester') {
    @{ agent_type = $Agent; task_type = 'review'; success = $true; duration_ms = 10 }
}
function FixData([string] $Agent = 'coder') {
    @{ original_output = 'a'; corrected_output = 'b'; correction_type = 'style'; agent = $Agent }
}
";

        public static IEnumerable<object[]> Backends => new[] { new object[] { "fs" }, new object[] { "sqlite" } };

        protected readonly PowerShellFixture Ps;
        protected readonly TempDir Temp = new TempDir("moai-cmdlet");

        protected CmdletTestBase(PowerShellFixture ps) => Ps = ps;

        /// <summary>A store path of the backend (not created): a folder for "fs", a .db file for "sqlite".</summary>
        protected string StorePath(string backend, string name = "store") =>
            backend == "sqlite" ? Temp.Combine(name + ".db") : Temp.Combine(name);

        /// <summary>Runs the prelude plus <paramref name="script"/> with $store (and $temp) set.</summary>
        protected PsResult Run(string script, string? store = null, PsRunOptions? options = null, IDictionary<string, object>? variables = null)
        {
            var vars = new Dictionary<string, object> { ["temp"] = Temp.Path };
            if (store != null) vars["store"] = store;
            if (variables != null) foreach (var pair in variables) vars[pair.Key] = pair.Value;
            var o = options ?? new PsRunOptions();
            return Ps.Run(Prelude + script, new PsRunOptions
            {
                Variables = vars, Location = o.Location ?? Temp.Path, ImportModule = o.ImportModule,
                NonInteractive = o.NonInteractive, ChoiceAnswer = o.ChoiceAnswer,
            });
        }

        /// <summary>Saves n task completions p0..p(n-1), one minute apart from 2024-05-01T12:00Z (p(n-1) newest).</summary>
        protected void Seed(string store, int n = 3, string tag = "backend")
        {
            Run($@"0..({n} - 1) | ForEach-Object {{
                New-MoaiPattern -Id ""p$_"" -Timestamp ([DateTimeOffset]'2024-05-01T12:00:00Z').AddMinutes($_) -Type TaskCompletion -Data (TaskData) -Tag '{tag}'
            }} | Save-MoaiPattern -Store $store", store).AssertSucceeded();
        }

        protected static object? Prop(PSObject o, string name) => o.Properties[name]?.Value is PSObject p ? p.BaseObject : o.Properties[name]?.Value;

        protected static List<string> Strings(PsResult r) => r.Output.Select(o => o?.BaseObject?.ToString() ?? "").ToList();

        protected static ErrorRecord SingleError(PsResult r, string fullyQualifiedId)
        {
            Assert.True(r.Errors.Count == 1, "expected one error:\n" + r.Describe());
            Assert.Equal(fullyQualifiedId, r.Errors[0].FullyQualifiedErrorId);
            return r.Errors[0];
        }

        public void Dispose() => Temp.Dispose();
    }
}
