using System;
using System.IO;
using System.Threading;
using MoaiPatterns.Bench.Report;
using MoaiPatterns.Bench.Suites;

namespace MoaiPatterns.Bench
{
    /// <summary>
    /// `dotnet run -c Release --project bench/MoaiPatterns.Bench -- [options]` (see <see cref="BenchOptions.Usage"/>).
    /// Exit 0 when everything ran and every query was exact, 1 otherwise, 2 on bad arguments.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == MemoryProbe.Verb) return MemoryProbe.ChildMain(args);
            if (args.Length > 0 && (args[0] == WatchBenchmark.WatcherVerb || args[0] == WatchBenchmark.WriterVerb)) return WatchBenchmark.ChildMain(args);
            BenchOptions options;
            try { options = BenchOptions.Parse(args); }
            catch (BenchOptions.HelpRequested) { Console.WriteLine(BenchOptions.Usage); return 0; }
            catch (Exception e) when (e is ArgumentException || e is FormatException) { Console.Error.WriteLine(e.Message); Console.Error.WriteLine(BenchOptions.Usage); return 2; }

            ThreadPool.SetMinThreads(16, 16);
            var repo = RepoPaths.FindRoot();
            var outDir = Path.GetFullPath(options.Out ?? (options.Quick ? Path.Combine(Path.GetTempPath(), "moai-bench-quick") : Path.Combine(repo, "bench", "results")));
            Directory.CreateDirectory(outDir);
            var started = DateTimeOffset.UtcNow;
            string markdown = "";
            // Written after every size, so a run cut short still leaves what it measured.
            void Write(Measure.ResultSet r)
            {
                var machine = MachineInfo.Collect(repo);
                machine.Date = started;
                markdown = MarkdownReport.Render(r, machine, options);
                var stamp = started.ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture) + (options.Quick ? "-quick" : "");
                var json = ResultsJson.Render(r, machine, options);
                foreach (var name in new[] { "results", "results-" + stamp })
                {
                    File.WriteAllText(Path.Combine(outDir, name + ".json"), json);
                    File.WriteAllText(Path.Combine(outDir, name + ".md"), markdown);
                }
            }
            var results = new BenchRunner(options).Run(Console.Out, Write);
            Write(results);
            Console.WriteLine(markdown);
            Console.WriteLine("Written: " + Path.Combine(outDir, "results.json") + " and results.md");
            foreach (var f in results.ExactnessFailures) Console.Error.WriteLine("NOT EXACT / FAILED: " + f);
            return results.ExactnessFailures.Count == 0 ? 0 : 1;
        }
    }
}
