using System.Linq;
using System.Text.Json;
using MoaiPatterns.Bench.Measure;

namespace MoaiPatterns.Bench.Report
{
    /// <summary>The machine-readable results: every measurement with its per-run values and median/min/max, and the targets judged.</summary>
    public static class ResultsJson
    {
        public static string Render(ResultSet results, MachineInfo machine, BenchOptions options) =>
            JsonSerializer.Serialize(new
            {
                machine,
                options = new { options.CommandLine, options.Sizes, options.SqliteExtraSizes, options.Repeat, options.ExtraRepeat, options.RepeatLarge, options.CmdletMax, options.OneCall, options.Lookups, options.Seed, options.Quick, options.Pwsh, options.Original, options.OriginalRepeat, options.OriginalMax, options.OriginalBudgetSeconds, options.RefBench, options.Python },
                measurements = results.Measurements.Select(m => new { m.Suite, m.Backend, m.N, m.Operation, m.Unit, m.Median, m.Min, m.Max, m.Values }),
                targets = Targets.Evaluate(results, options.Quick),
                ratios = Ratios.Compute(results),
                exactnessFailures = results.ExactnessFailures,
                notes = results.Notes,
            }, Bench.BenchJson.Options);
    }
}
