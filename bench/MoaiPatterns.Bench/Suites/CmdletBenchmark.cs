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
    /// Cmdlet runs in the real pwsh (the one build/install-tools.sh installs, as in CI): each run is
    /// a fresh `pwsh -NoProfile -NonInteractive -File bench/scripts/CmdletRun.ps1` process that
    /// imports the built module and reads the workload file (the engine benchmark's rows), so the
    /// figures include everything a user's session pays: the console host, pipeline, binding.
    /// </summary>
    public sealed class CmdletBenchmark
    {
        public const string Suite = "cmdlet";
        public const string SaveRate = "Save-MoaiPattern, one pipeline rate";
        public const string NaiveRate = "naive log: ConvertTo-Json -Compress | Set-Content rate";
        public const string SaveOverNaive = "Save-MoaiPattern pipeline rate ÷ naive log rate";
        private readonly ResultSet _results;
        private readonly string _workDir;
        private readonly string _pwsh;
        private readonly string _script;
        private readonly string _manifest;

        private CmdletBenchmark(ResultSet results, string workDir, string pwsh, string script, string manifest)
        {
            _results = results;
            _workDir = workDir;
            _pwsh = pwsh;
            _script = script;
            _manifest = manifest;
        }

        /// <summary>The suite, or null with the reason in the notes when no pwsh is found.</summary>
        public static CmdletBenchmark? Create(ResultSet results, string workDir, string repo, string? pwshOption, string manifest, TextWriter log)
        {
            var candidates = pwshOption != null ? new[] { pwshOption } : new[] { Path.Combine(repo, ".tools", "pwsh", "pwsh"), Path.Combine(repo, ".tools", "pwsh", "pwsh.exe"), "pwsh" };
            foreach (var pwsh in candidates)
            {
                if (pwsh.Contains(Path.DirectorySeparatorChar) && !File.Exists(pwsh)) continue;
                try
                {
                    var version = ChildProcess.Run(pwsh, new[] { "-NoProfile", "-NonInteractive", "-Command", "'BENCH-RESULT ' + $PSVersionTable.PSVersion" }, Environment(workDir), TimeSpan.FromMinutes(2));
                    results.Notes.Add($"Cmdlets: the real pwsh {version} ({pwsh}), one fresh `pwsh -NoProfile -NonInteractive -File bench/scripts/CmdletRun.ps1` process per run; the rows are read from the workload file (ConvertFrom-Json -AsHashtable: ordered hashtables, Int64/Double/Boolean values, object[] arrays) before any timer starts.");
                    return new CmdletBenchmark(results, workDir, pwsh, Path.Combine(repo, "bench", "scripts", "CmdletRun.ps1"), manifest);
                }
                catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is InvalidOperationException || e is TimeoutException) { }
            }
            var note = "Cmdlets NOT run: no pwsh found (" + string.Join(", ", candidates) + "); run `bash build/install-tools.sh` or pass --pwsh.";
            results.Notes.Add(note);
            log.WriteLine(note);
            return null;
        }

        private static Dictionary<string, string> Environment(string workDir)
        {
            var home = Path.Combine(workDir, "pwsh-home");
            Directory.CreateDirectory(home);
            return new Dictionary<string, string>
            {
                ["POWERSHELL_TELEMETRY_OPTOUT"] = "1",
                ["POWERSHELL_UPDATECHECK"] = "Off",
                ["XDG_CACHE_HOME"] = Path.Combine(home, "cache"),
                ["XDG_DATA_HOME"] = Path.Combine(home, "data"),
                ["XDG_CONFIG_HOME"] = Path.Combine(home, "config"),
            };
        }

        public void Run(StoreBackend backend, WorkloadSet w, string workloadFile)
        {
            var b = backend.ToString();
            var tag = b + "-" + w.N + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            var path = Path.Combine(_workDir, "cmdlet-" + tag + (backend == StoreBackend.Sqlite ? ".db" : ""));
            var log = Path.Combine(_workDir, "naive-log-" + tag + ".jsonl");
            string json;
            try
            {
                json = ChildProcess.Run(_pwsh, new[]
                {
                    "-NoProfile", "-NonInteractive", "-File", _script,
                    "-Manifest", _manifest, "-StorePath", path, "-WorkloadPath", workloadFile, "-NaiveLogPath", log,
                }, Environment(_workDir));
            }
            catch (Exception e) when (e is InvalidOperationException || e is TimeoutException)
            {
                _results.Check(false, $"{Suite} {b} N={w.N}: the pwsh run failed: {e.Message}");
                return;
            }
            finally
            {
                StoreFiles.Delete(path);
                StoreFiles.Delete(log);
            }

            var report = JsonSerializer.Deserialize<HostReportDto>(json, BenchJson.Options)!;
            foreach (var m in report.Measurements) _results.Add(Suite, b, w.N, m.Operation, m.Unit, m.Value);
            var save = report.Measurements.Find(m => m.Operation == SaveRate);
            var naive = report.Measurements.Find(m => m.Operation == NaiveRate);
            if (save != null && naive != null && naive.Value > 0) _results.Add(Suite, b, w.N, SaveOverNaive, "×", save.Value / naive.Value);
            foreach (var f in report.Failures) _results.Check(false, $"{Suite} {b} N={w.N}: {f}");
            CheckCounts(report.Counts, w, b);
        }

        private void CheckCounts(Dictionary<string, long> counts, WorkloadSet w, string b)
        {
            var e = w.Expected;
            var expected = new Dictionary<string, long>
            {
                ["Save-MoaiPattern, one pipeline"] = w.N,
                ["naive log: ConvertTo-Json -Compress | Set-Content"] = w.N,
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
