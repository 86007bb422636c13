using System;
using System.IO;

namespace MoaiPatterns.Module.Tests.Harness
{
    /// <summary>
    /// Entry point of the test assembly run as a program: `dotnet MoaiPatterns.Module.Tests.dll
    /// --run-script &lt;script.ps1&gt; &lt;manifest.psd1&gt;` runs one script in a new process, for
    /// tests that need a process the module has never been loaded into.
    /// Exit code 0 when the script ran without errors, 1 otherwise. Output lines go to stdout, errors to stderr.
    /// </summary>
    public static class ScriptRunnerProgram
    {
        public static int Main(string[] args)
        {
            if (args.Length != 3 || args[0] != "--run-script")
            {
                Console.Error.WriteLine("usage: MoaiPatterns.Module.Tests --run-script <script.ps1> <manifest.psd1>");
                return 2;
            }
            using var home = new TempDir("moai-pwsh-home");
            PowerShellFixture.PrepareProcess(home.Path);
            var result = new HostedPowerShell(Path.GetFullPath(args[2])).Run(File.ReadAllText(args[1]), new PsRunOptions { NonInteractive = true });
            foreach (var item in result.Output) Console.Out.WriteLine(item?.ToString());
            // For a person exploring the module: what Out-Default and warnings rendered.
            if (Environment.GetEnvironmentVariable("MOAI_RUNNER_SHOW_HOST") == "1") Console.Out.Write(result.HostText);
            if (!result.Succeeded) Console.Error.WriteLine(result.Describe());
            return result.Succeeded ? 0 : 1;
        }
    }
}
