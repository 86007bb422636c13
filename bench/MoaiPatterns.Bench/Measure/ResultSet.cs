using System;
using System.Collections.Generic;
using System.Linq;

namespace MoaiPatterns.Bench.Measure
{
    /// <summary>Everything a benchmark run measured, plus the exactness checks that failed.</summary>
    public sealed class ResultSet
    {
        private readonly Dictionary<string, Measurement> _byKey = new Dictionary<string, Measurement>();

        public List<Measurement> Measurements { get; } = new List<Measurement>();

        /// <summary>A query returned something other than what the rows say it must (the figure is then not a result).</summary>
        public List<string> ExactnessFailures { get; } = new List<string>();

        /// <summary>What was skipped or limited, and why.</summary>
        public List<string> Notes { get; } = new List<string>();

        public void Add(string suite, string backend, int n, string operation, string unit, double value)
        {
            var key = Key(suite, backend, n, operation);
            if (!_byKey.TryGetValue(key, out var m))
            {
                m = new Measurement { Suite = suite, Backend = backend, N = n, Operation = operation, Unit = unit };
                _byKey[key] = m;
                Measurements.Add(m);
            }
            m.Values.Add(value);
        }

        public Measurement? Find(string suite, string backend, int n, string operation) =>
            _byKey.TryGetValue(Key(suite, backend, n, operation), out var m) ? m : null;

        public double? Median(string suite, string backend, int n, string operation) => Find(suite, backend, n, operation)?.Median;

        public void Check(bool ok, string what)
        {
            if (!ok && !ExactnessFailures.Contains(what)) ExactnessFailures.Add(what);
        }

        public IEnumerable<int> Sizes(string suite, string backend) =>
            Measurements.Where(m => m.Suite == suite && m.Backend == backend).Select(m => m.N).Distinct().OrderBy(n => n);

        private static string Key(string suite, string backend, int n, string operation) =>
            suite + "|" + backend + "|" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + operation;
    }
}
