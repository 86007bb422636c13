using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace MoaiPatterns.Bench.Suites
{
    /// <summary>Runs a program in a fresh process and returns the last stdout line that starts with the marker.</summary>
    public static class ChildProcess
    {
        public const string ResultMarker = "BENCH-RESULT ";

        /// <summary>A .NET program (a dll) under the dotnet running this process.</summary>
        public static string RunDll(string dllPath, IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
        {
            var all = new List<string> { dllPath };
            all.AddRange(args);
            return Run(DotnetHost(), all, environment, timeout);
        }

        public static string Run(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
        {
            var psi = new ProcessStartInfo(program, "")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in args) psi.ArgumentList.Add(a);
            if (environment != null) foreach (var kv in environment) psi.Environment[kv.Key] = kv.Value;

            using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start " + program);
            var stderr = process.StandardError.ReadToEndAsync();
            string? result = null;
            var tail = new List<string>();
            var reader = System.Threading.Tasks.Task.Run(() =>
            {
                string? line;
                while ((line = process.StandardOutput.ReadLine()) != null)
                {
                    if (line.StartsWith(ResultMarker, StringComparison.Ordinal)) result = line.Substring(ResultMarker.Length);
                    else { tail.Add(line); if (tail.Count > 20) tail.RemoveAt(0); }
                }
            });
            // The timeout holds even when the child hangs without closing its output.
            if (!process.WaitForExit((int)(timeout ?? TimeSpan.FromHours(2)).TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(Path.GetFileName(program) + " did not finish in time.");
            }
            reader.Wait();
            if (process.ExitCode != 0 || result == null)
            {
                var err = stderr.Result;
                if (err.Length > 3000) err = err.Substring(err.Length - 3000);
                throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(" ", args)} failed (exit {process.ExitCode}):\n{string.Join("\n", tail)}\n{err}");
            }
            return result;
        }

        /// <summary>The dotnet executable running this process (DOTNET_HOST_PATH under the SDK), else "dotnet" on PATH.</summary>
        private static string DotnetHost()
        {
            var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk)) return fromSdk!;
            var self = Environment.ProcessPath;
            if (self != null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
            return "dotnet";
        }
    }
}
