using System;
using System.Collections.Generic;
using System.Globalization;

namespace MoaiPatterns.Bench.Host
{
    /// <summary>What the main benchmark asks this process to run: one cmdlet run on one fresh store.</summary>
    public sealed class HostArguments
    {
        public string Manifest { get; private set; } = "";
        public string Backend { get; private set; } = "";
        public string StorePath { get; private set; } = "";
        public int N { get; private set; }
        public int Extra { get; private set; }
        public int Lookups { get; private set; }
        public int Seed { get; private set; }
        public DateTimeOffset Now { get; private set; }

        public static HostArguments Parse(string[] args)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2) map[args[i]] = args[i + 1];
            string Get(string name) => map.TryGetValue(name, out var v) ? v : throw new ArgumentException("missing " + name);
            int Int(string name) => int.Parse(Get(name), CultureInfo.InvariantCulture);
            return new HostArguments
            {
                Manifest = Get("--module"),
                Backend = Get("--backend"),
                StorePath = Get("--store"),
                N = Int("--n"),
                Extra = Int("--extra"),
                Lookups = Int("--lookups"),
                Seed = Int("--seed"),
                Now = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Get("--now-ms"), CultureInfo.InvariantCulture)),
            };
        }
    }
}
