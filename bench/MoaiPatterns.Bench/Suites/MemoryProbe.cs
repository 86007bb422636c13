using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using MoaiPatterns.Query;
using MoaiPatterns.Storage;

namespace MoaiPatterns.Bench.Suites
{
    /// <summary>
    /// Peak memory of a streaming Find over a whole store, measured in a fresh child process (this
    /// program with <see cref="Verb"/>) so nothing the benchmark itself holds is counted.
    /// </summary>
    public static class MemoryProbe
    {
        public const string Verb = "--child-memory-find";

        public sealed class Result
        {
            public double PeakWorkingSetMB { get; set; }
            public double WorkingSetAfterOpenMB { get; set; }
            public long Count { get; set; }
            public double Ms { get; set; }
        }

        public static Result Run(StoreBackend backend, string path)
        {
            var json = ChildProcess.RunDll(typeof(MemoryProbe).Assembly.Location, new[] { Verb, backend.ToString(), path });
            return JsonSerializer.Deserialize<Result>(json)!;
        }

        /// <summary>The child's side: open, enumerate everything newest first (streamed, counted), report the peak.</summary>
        public static int ChildMain(string[] args)
        {
            var backend = (StoreBackend)Enum.Parse(typeof(StoreBackend), args[1]);
            using var store = PatternStores.Open(args[2], backend);
            store.GetInfo();
            var self = Process.GetCurrentProcess();
            self.Refresh();
            var afterOpen = self.WorkingSet64;
            var sw = Stopwatch.StartNew();
            long count = store.Find(PatternQuery.All).LongCount();
            sw.Stop();
            self.Refresh();
            var result = new Result
            {
                PeakWorkingSetMB = self.PeakWorkingSet64 / 1048576.0,
                WorkingSetAfterOpenMB = afterOpen / 1048576.0,
                Count = count,
                Ms = sw.Elapsed.TotalMilliseconds,
            };
            Console.WriteLine(ChildProcess.ResultMarker + JsonSerializer.Serialize(result));
            return 0;
        }
    }
}
