using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace MoaiPatterns.StressWorker
{
    /// <summary>"--name value" options and bare "--flag"s after the command word.</summary>
    public sealed class WorkerArgs
    {
        private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.Ordinal);

        public WorkerArgs(string[] args)
        {
            Command = args.Length > 0 ? args[0] : "";
            for (var i = 1; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException("Unexpected argument " + args[i]);
                var name = args[i].Substring(2);
                var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                _values[name] = hasValue ? args[++i] : "true";
            }
        }

        public string Command { get; }

        public string Store => Required("store");

        public string Prefix => String("prefix", "w");

        public string String(string name, string fallback) => _values.TryGetValue(name, out var v) ? v : fallback;

        public string Required(string name) =>
            _values.TryGetValue(name, out var v) ? v : throw new ArgumentException("--" + name + " is required.");

        public int Int(string name, int fallback) =>
            _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        public DateTimeOffset Time(string name, DateTimeOffset fallback) =>
            _values.TryGetValue(name, out var v) ? DateTimeOffset.Parse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : fallback;

        /// <summary>True while the loop should go on: --until FILE stops when the file appears; --iterations N after N rounds; else forever.</summary>
        public bool KeepGoing(int round)
        {
            // --pause MS between rounds: maintenance as a scheduled task runs it, not in a tight loop.
            if (round > 0 && _values.ContainsKey("pause")) System.Threading.Thread.Sleep(Int("pause", 0));
            if (_values.TryGetValue("until", out var stop)) return !File.Exists(stop);
            if (_values.ContainsKey("iterations")) return round < Int("iterations", 1);
            return _values.ContainsKey("loop") || round == 0;
        }

        public bool Loop => _values.ContainsKey("loop") || _values.ContainsKey("until") || _values.ContainsKey("iterations");
    }
}
