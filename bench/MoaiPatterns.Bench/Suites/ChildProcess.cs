using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace MoaiPatterns.Bench.Suites
{
    /// <summary>Runs a .NET program (a dll) in a fresh process and returns the last stdout line that starts with the marker.</summary>
    public static class ChildProcess
    {
        public const string ResultMarker = "BENCH-RESULT ";

        public static string RunDll(string dllPath, IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
        {
            var psi = new ProcessStartInfo(DotnetHost(), "")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(dllPath);
            foreach (var a in args) psi.ArgumentList.Add(a);
            if (environment != null) foreach (var kv in environment) psi.Environment[kv.Key] = kv.Value;

            using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start " + dllPath);
            var stderr = process.StandardError.ReadToEndAsync();
            string? result = null;
            var tail = new List<string>();
            string? line;
            while ((line = process.StandardOutput.ReadLine()) != null)
            {
                if (line.StartsWith(ResultMarker, StringComparison.Ordinal)) result = line.Substring(ResultMarker.Length);
                else { tail.Add(line); if (tail.Count > 20) tail.RemoveAt(0); }
            }
            if (!process.WaitForExit((int)(timeout ?? TimeSpan.FromHours(2)).TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(Path.GetFileName(dllPath) + " did not finish in time.");
            }
            if (process.ExitCode != 0 || result == null)
                throw new InvalidOperationException($"{Path.GetFileName(dllPath)} {string.Join(" ", args)} failed (exit {process.ExitCode}):\n{string.Join("\n", tail)}\n{stderr.Result}");
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
