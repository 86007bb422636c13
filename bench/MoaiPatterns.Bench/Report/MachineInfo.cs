using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MoaiPatterns.Bench.Report
{
    /// <summary>Where and on what the figures were measured.</summary>
    public sealed class MachineInfo
    {
        public DateTimeOffset Date { get; set; }
        public string Processors { get; set; } = "";
        public string Cpu { get; set; } = "";
        /// <summary>/proc/loadavg when the report was written: other work on the machine shows here.</summary>
        public string Load { get; set; } = "";
        public string Memory { get; set; } = "";
        public string Dotnet { get; set; } = "";
        public string Os { get; set; } = "";
        public string Disk { get; set; } = "";
        public string Commit { get; set; } = "";

        public static MachineInfo Collect(string repo) => new MachineInfo
        {
            Date = DateTimeOffset.UtcNow,
            Processors = Environment.ProcessorCount + " (nproc " + Shell("nproc", "", repo) + ")",
            Cpu = CpuModel(),
            Load = ReadFirstLine("/proc/loadavg"),
            Memory = Shell("free", "-h", repo),
            Dotnet = "SDK " + Shell("dotnet", "--version", repo) + ", runtime " + RuntimeInformation.FrameworkDescription,
            Os = RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture,
            Disk = Shell("df", "-h " + System.IO.Path.GetTempPath(), repo),
            Commit = Shell("git", "log -1 --format=%H%x20%s", repo) + (Shell("git", "status --porcelain --untracked-files=no -- . :!bench/results", repo).Length > 0 ? " (with uncommitted changes)" : ""), // its own results files do not count
        };

        private static string ReadFirstLine(string path)
        {
            try { foreach (var line in System.IO.File.ReadLines(path)) return line.Trim(); }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException) { }
            return "(unknown)";
        }

        private static string CpuModel()
        {
            try
            {
                foreach (var line in System.IO.File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal)) return line.Substring(line.IndexOf(':') + 1).Trim();
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException) { }
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        private static string Shell(string file, string args, string dir)
        {
            try
            {
                var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir };
                using var p = Process.Start(psi)!;
                var text = p.StandardOutput.ReadToEnd();
                p.WaitForExit(10000);
                return text.Trim();
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is InvalidOperationException)
            {
                return "(" + file + " unavailable)";
            }
        }
    }
}
