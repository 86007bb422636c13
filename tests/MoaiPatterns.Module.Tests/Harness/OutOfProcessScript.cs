using System;
using System.Diagnostics;
using System.IO;

namespace MoaiPatterns.Module.Tests.Harness
{
    /// <summary>Runs a script in a new dotnet process (see <see cref="ScriptRunnerProgram"/>).</summary>
    public static class OutOfProcessScript
    {
        public sealed record Result(int ExitCode, string StdOut, string StdErr);

        public static Result Run(string script, string moduleManifest, string workDirectory, TimeSpan? timeout = null)
        {
            var scriptPath = Path.Combine(workDirectory, "script-" + Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(scriptPath, script);
            var testAssembly = typeof(ScriptRunnerProgram).Assembly.Location;
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workDirectory,
            };
            foreach (var arg in new[] { "exec", testAssembly, "--run-script", scriptPath, moduleManifest }) start.ArgumentList.Add(arg);

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + start.FileName);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)(timeout ?? TimeSpan.FromMinutes(2)).TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("Out-of-process script did not finish: " + scriptPath);
            }
            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }

        private static string DotnetHost()
        {
            // Set by `dotnet test`; otherwise the test host itself usually is dotnet.
            var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk)) return fromSdk;
            var self = Environment.ProcessPath;
            if (self != null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
            return "dotnet";
        }
    }
}
