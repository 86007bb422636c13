using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Bench.Workload;

namespace MoaiPatterns.Bench.Suites
{
    /// <summary>
    /// Cmdlet runs: each in a fresh MoaiPatterns.Bench.Host process (which references only
    /// System.Management.Automation and imports the built module folder), so the module loads its
    /// own isolated dependencies exactly as in pwsh. The host regenerates the same rows from the seed.
    /// </summary>
    public sealed class CmdletBenchmark
    {
        public const string Suite = "cmdlet";
        private readonly ResultSet _results;
        private readonly string _workDir;
        private readonly string _hostDll;
        private readonly string _manifest;

        public CmdletBenchmark(ResultSet results, string workDir, string hostDll, string manifest)
        {
            _results = results;
            _workDir = workDir;
            _hostDll = hostDll;
            _manifest = manifest;
        }

        public void Run(StoreBackend backend, WorkloadSet w, int seed)
        {
            var b = backend.ToString();
            var path = Path.Combine(_workDir, "cmdlet-" + b + "-" + w.N + "-" + Guid.NewGuid().ToString("N").Substring(0, 8) + (backend == StoreBackend.Sqlite ? ".db" : ""));
            var home = Path.Combine(_workDir, "pwsh-home");
            Directory.CreateDirectory(home);
            var env = new Dictionary<string, string>
            {
                ["POWERSHELL_TELEMETRY_OPTOUT"] = "1",
                ["POWERSHELL_UPDATECHECK"] = "Off",
                ["XDG_CACHE_HOME"] = Path.Combine(home, "cache"),
                ["XDG_DATA_HOME"] = Path.Combine(home, "data"),
                ["XDG_CONFIG_HOME"] = Path.Combine(home, "config"),
            };
            string json;
            try
            {
                json = ChildProcess.RunDll(_hostDll, new[]
                {
                    "--module", _manifest, "--backend", b, "--store", path,
                    "--n", w.N.ToString(CultureInfo.InvariantCulture), "--extra", w.Extra.ToString(CultureInfo.InvariantCulture),
                    "--lookups", w.LookupIds.Length.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture),
                    "--now-ms", w.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                }, env);
            }
            finally
            {
                StoreFiles.Delete(path);
            }

            var report = JsonSerializer.Deserialize<HostReportDto>(json, BenchJson.Options)!;
            foreach (var m in report.Measurements) _results.Add(Suite, b, w.N, m.Operation, m.Unit, m.Value);
            foreach (var f in report.Failures) _results.Check(false, $"{Suite} {b} N={w.N}: {f}");
            CheckCounts(report.Counts, w, b);
        }

        private void CheckCounts(Dictionary<string, long> counts, WorkloadSet w, string b)
        {
            var e = w.Expected;
            var expected = new Dictionary<string, long>
            {
                ["Save-MoaiPattern, one pipeline"] = w.N,
                ["Get-MoaiPattern, one call per id"] = w.LookupIds.Length,
                ["Get-MoaiPattern -Id <1,000 ids>, one call"] = w.LookupIds.Length,
                ["Find-MoaiPattern -Type, First 100"] = Math.Min(100, e.CountOfType("task_completion")),
                ["Find-MoaiPattern -Tag two tags, First 100"] = Math.Min(100, e.CountBothTags()),
                ["Find-MoaiPattern -After (last 7 days), all"] = e.CountSince(w.Now.AddDays(-7)),
                ["Find-MoaiPattern -After (last 7 days), First 100"] = Math.Min(100, e.CountSince(w.Now.AddDays(-7))),
                ["Find-MoaiPattern -Text (one word), First 100"] = Math.Min(100, e.CountText()),
                ["Find-MoaiPattern, all (one full enumeration)"] = w.N,
                ["Find-MoaiPattern -Skip N/2 -First 100"] = Math.Min(100, w.N - w.N / 2),
                ["Remove-MoaiPatternOld (90 days)"] = w.AllExpected.Count - w.AllExpected.CountSince(w.Now.AddDays(-90)),
            };
            foreach (var kv in expected)
            {
                counts.TryGetValue(kv.Key, out var got);
                _results.Check(got == kv.Value, $"{Suite} {b} N={w.N}: {kv.Key} returned {got}, expected {kv.Value}");
            }
        }

        private sealed class HostReportDto
        {
            public List<MeasurementDto> Measurements { get; set; } = new List<MeasurementDto>();
            public Dictionary<string, long> Counts { get; set; } = new Dictionary<string, long>();
            public List<string> Failures { get; set; } = new List<string>();
        }

        private sealed class MeasurementDto
        {
            public string Operation { get; set; } = "";
            public string Unit { get; set; } = "";
            public double Value { get; set; }
        }
    }
}
