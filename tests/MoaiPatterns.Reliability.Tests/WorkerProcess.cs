using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>A StressWorker run as a real process (<c>dotnet MoaiPatterns.StressWorker.dll …</c>), its output lines collected as they arrive.</summary>
    public sealed class WorkerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();
        private readonly StringBuilder _stderr = new StringBuilder();
        private readonly ManualResetEventSlim _firstLine = new ManualResetEventSlim();

        private WorkerProcess(Process process) => _process = process;

        public static WorkerProcess Start(params string[] args) => StartUnder(Array.Empty<string>(), args);

        /// <summary>The worker run by another program, e.g. <c>unshare --user …</c> to drop root's privileges.</summary>
        public static WorkerProcess StartUnder(string[] launcher, params string[] args)
        {
            var psi = new ProcessStartInfo(launcher.Length > 0 ? launcher[0] : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            for (var i = 1; i < launcher.Length; i++) psi.ArgumentList.Add(launcher[i]);
            if (launcher.Length > 0) psi.ArgumentList.Add("dotnet");
            psi.ArgumentList.Add(WorkerDll);
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            var p = new Process { StartInfo = psi, EnableRaisingEvents = true };
            var w = new WorkerProcess(p);
            p.OutputDataReceived += (_, e) => { if (e.Data != null) { w._lines.Enqueue(e.Data); w._firstLine.Set(); } };
            p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (w._stderr) w._stderr.AppendLine(e.Data); };
            p.Start();
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            return w;
        }

        /// <summary>Ids the worker printed: each was printed only after its save (or batch commit) returned.</summary>
        public IReadOnlyList<string> SavedIds => _lines.Where(l => !l.StartsWith("#", StringComparison.Ordinal)).ToList();

        public IReadOnlyList<string> Lines => _lines.ToList();

        public string StdErr { get { lock (_stderr) return _stderr.ToString(); } }

        public bool WaitForFirstLine(TimeSpan timeout) => _firstLine.Wait(timeout);

        public bool WaitForLine(Func<string, bool> match, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < timeout)
            {
                if (_lines.Any(match)) return true;
                if (_process.HasExited) return _lines.Any(match);
                Thread.Sleep(5);
            }
            return false;
        }

        /// <summary>Waits for exit and the end of its output; the exit code.</summary>
        public int WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                Kill();
                throw new TimeoutException("Worker did not finish in " + timeout + ". stderr: " + StdErr);
            }
            _process.WaitForExit(); // drains redirected output
            return _process.ExitCode;
        }

        public bool HasExited => _process.HasExited;

        /// <summary>SIGKILL on Unix: no finally blocks, no flushes, no disposal run in the worker.</summary>
        public void Kill()
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _process.Dispose();
        }

        private static string? _workerDll;

        /// <summary>The worker's own build output (bin/&lt;Config&gt;/net10.0), found from this test assembly's.</summary>
        public static string WorkerDll => _workerDll ??= LocateWorker();

        private static string LocateWorker()
        {
            var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var tfm = Path.GetFileName(here);
            var config = Path.GetFileName(Path.GetDirectoryName(here)!);
            var testsDir = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(here)!)!)!)!;
            var candidates = new[]
            {
                Path.Combine(testsDir, "MoaiPatterns.StressWorker", "bin", config, tfm, "MoaiPatterns.StressWorker.dll"),
                Path.Combine(here, "MoaiPatterns.StressWorker.dll"),
            };
            foreach (var c in candidates)
                if (File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json"))) return c;
            throw new FileNotFoundException("StressWorker not built; looked in: " + string.Join(", ", candidates));
        }
    }
}
