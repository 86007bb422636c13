using System;
using System.Diagnostics;

namespace MoaiPatterns.Bench.Measure
{
    public static class Timing
    {
        /// <summary>Milliseconds one action takes, after a collection so garbage from earlier steps is not billed to it.</summary>
        public static double Ms(Action action)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sw = Stopwatch.StartNew();
            action();
            return sw.Elapsed.TotalMilliseconds;
        }

        public static double Ms<T>(Func<T> func, out T result)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sw = Stopwatch.StartNew();
            result = func();
            return sw.Elapsed.TotalMilliseconds;
        }
    }
}
