using System;
using System.Text.Json;
using System.Threading;

namespace MoaiPatterns.Bench.Host
{
    /// <summary>
    /// Child process of the main benchmark: `MoaiPatterns.Bench.Host --module &lt;psd1&gt; --backend &lt;b&gt;
    /// --store &lt;path&gt; --n N --extra S --lookups L --seed X --now-ms T`. Prints one line
    /// "BENCH-RESULT {json}" (see <see cref="HostReport"/>).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            // On 2 cores the engine stalls on a starved thread pool (PLATFORM-NOTES).
            ThreadPool.SetMinThreads(16, 16);
            var report = new CmdletRun(HostArguments.Parse(args)).Execute();
            Console.WriteLine("BENCH-RESULT " + JsonSerializer.Serialize(report, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
            return 0;
        }
    }
}
