using System;
using System.Collections.Generic;
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

        /// <summary>
        /// The median of <paramref name="calls"/> consecutive calls (as ref_bench.py times the original's
        /// queries), with the first call's time apart: it alone may pay JIT compilation and cold caches.
        /// </summary>
        public static double MedianMs<T>(Func<T> func, int calls, out T result, out double firstMs)
        {
            var times = new List<double>(calls);
            result = default!;
            for (var i = 0; i < calls; i++) times.Add(Ms(func, out result));
            firstMs = times[0];
            return Stats.Median(times);
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
