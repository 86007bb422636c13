using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace MoaiPatterns.Bench.Original
{
    /// <summary>
    /// Where the original Python implementation's source comes from for `--original`: a folder given
    /// (its src folder, its repository root, or a git repository to clone), or `auto`: $MOAI_REF_SRC,
    /// else a clone of the local mirror, else a shallow clone from GitHub. Clones go to a temporary
    /// folder deleted on Dispose: the original's code is never written into this repository.
    /// When nothing works, <see cref="Unavailable"/> says why and the bench runs without it.
    /// </summary>
    public sealed class OriginalSource : IDisposable
    {
        public const string Repository = "superdisco-agents/moai-flow";
        public const string DefaultMirror = "/work/.mirror/superdisco-agents+moai-flow/repo";
        private const string PatternsDir = "moai_flow/patterns";
        private string? _temp;

        /// <summary>The folder holding moai_flow/patterns/storage.py (what ref_bench.py's --ref takes).</summary>
        public string? SrcDir { get; private set; }
        public string Description { get; private set; } = "";
        public string? Unavailable { get; private set; }

        public static OriginalSource Resolve(string spec)
        {
            var s = new OriginalSource();
            var reasons = new List<string>();
            if (spec == "auto")
            {
                var env = Environment.GetEnvironmentVariable("MOAI_REF_SRC");
                if (!string.IsNullOrEmpty(env) && s.TryFolder(env!, reasons)) return s;
                var mirror = Environment.GetEnvironmentVariable("MOAI_ORIGINAL_GIT") ?? DefaultMirror;
                if (Directory.Exists(mirror) && s.TryClone(mirror, shallow: false, reasons)) return s;
                if (!Directory.Exists(mirror)) reasons.Add("no mirror at " + mirror);
                if (s.TryClone("https://github.com/" + Repository + ".git", shallow: true, reasons)) return s;
            }
            else if (spec.Contains("://", StringComparison.Ordinal))
            {
                if (s.TryClone(spec, shallow: true, reasons)) return s;
            }
            else if (s.TryFolder(spec, reasons) || (Directory.Exists(spec) && s.TryClone(spec, shallow: false, reasons))) return s;
            s.Unavailable = string.Join("; ", reasons);
            return s;
        }

        private bool TryFolder(string dir, List<string> reasons)
        {
            foreach (var src in new[] { dir, Path.Combine(dir, "src") })
            {
                if (File.Exists(Path.Combine(src, PatternsDir, "storage.py")) && File.Exists(Path.Combine(src, PatternsDir, "schema.py")))
                {
                    SrcDir = Path.GetFullPath(src);
                    var commit = Git(dir, TimeSpan.FromSeconds(20), "rev-parse", "--short", "HEAD");
                    Description = SrcDir + (commit.exit == 0 ? " (commit " + commit.output.Trim() + ")" : "");
                    return true;
                }
            }
            reasons.Add("no " + PatternsDir + "/storage.py under " + dir);
            return false;
        }

        private bool TryClone(string source, bool shallow, List<string> reasons)
        {
            var temp = Path.Combine(Path.GetTempPath(), "moai-original-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            var args = new List<string> { "clone", "--quiet", "--no-checkout" };
            if (shallow) args.AddRange(new[] { "--depth", "1" });
            args.Add(source);
            args.Add(temp);
            var clone = Git(null, TimeSpan.FromSeconds(180), args.ToArray());
            if (clone.exit == 0 && Git(temp, TimeSpan.FromSeconds(60), "checkout", "--quiet", "HEAD", "--", "src/" + PatternsDir).exit == 0)
            {
                _temp = temp;
                SrcDir = Path.Combine(temp, "src");
                var commit = Git(temp, TimeSpan.FromSeconds(20), "log", "-1", "--format=%h %cs");
                Description = Repository + " " + commit.output.Trim() + ", cloned from " + source + " into a temporary folder";
                return true;
            }
            reasons.Add("cloning " + source + " failed: " + clone.output.Trim());
            Delete(temp);
            return false;
        }

        private static (int exit, string output) Git(string? dir, TimeSpan timeout, params string[] args)
        {
            try
            {
                var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                if (dir != null) { psi.ArgumentList.Add("-C"); psi.ArgumentList.Add(dir); }
                foreach (var a in args) psi.ArgumentList.Add(a);
                psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
                using var p = Process.Start(psi)!;
                var err = p.StandardError.ReadToEndAsync();
                var output = p.StandardOutput.ReadToEndAsync();
                if (!p.WaitForExit((int)timeout.TotalMilliseconds)) { p.Kill(entireProcessTree: true); return (-1, "timed out"); }
                return (p.ExitCode, p.ExitCode == 0 ? output.Result : err.Result);
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is InvalidOperationException)
            {
                return (-1, "git unavailable: " + e.Message);
            }
        }

        private static void Delete(string dir)
        {
            try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        public void Dispose()
        {
            if (_temp != null) Delete(_temp);
            _temp = null;
        }
    }
}
