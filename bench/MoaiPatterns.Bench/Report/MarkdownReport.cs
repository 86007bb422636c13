using System;
using System.Globalization;
using System.Linq;
using System.Text;
using MoaiPatterns.Bench.Measure;

namespace MoaiPatterns.Bench.Report
{
    /// <summary>The human-readable results: machine, targets judged, ratios to the baselines, then every figure (median, min–max).</summary>
    public static class MarkdownReport
    {
        public static string Render(ResultSet r, MachineInfo machine, BenchOptions o)
        {
            var sb = new StringBuilder();
            sb.AppendLine("# MoaiPatterns benchmark results" + (o.Quick ? " (--quick smoke run: figures not meaningful)" : ""));
            sb.AppendLine();
            sb.AppendLine($"- Date: {machine.Date:yyyy-MM-dd HH:mm} UTC");
            sb.AppendLine($"- Commit measured: {machine.Commit}");
            sb.AppendLine($"- Machine: {machine.Processors} processors; {machine.Os}; {machine.Dotnet}");
            sb.AppendLine($"- Sizes: {string.Join(", ", o.Sizes.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))} (both backends), SQLite also {string.Join(", ", o.SqliteExtraSizes.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))}; {o.Repeat} runs per size{(o.RepeatLarge != null ? $", {o.RepeatLarge} at N ≥ 100,000" : "")}{(o.ExtraRepeat != null ? $", {o.ExtraRepeat} for the SQLite-only sizes" : "")}, fresh store per run; cmdlets up to N={o.CmdletMax:N0}");
            sb.AppendLine();
            sb.AppendLine("```text");
            sb.AppendLine(machine.Memory);
            sb.AppendLine(machine.Disk);
            sb.AppendLine("```");
            sb.AppendLine();

            sb.AppendLine("## Targets (issue 5), judged from this run's medians");
            sb.AppendLine();
            sb.AppendLine("| operation | original at N=10,000 | target | measured (median) | verdict |");
            sb.AppendLine("|---|---|---|---|---|");
            foreach (var t in Targets.Evaluate(r, o.Quick)) sb.AppendLine($"| {t.Operation} | {t.Original} | {t.Target} | {t.Measured} | **{t.Status}** |");
            sb.AppendLine();

            sb.AppendLine("## Bulk save against the raw baselines (same rows; time ÷ baseline time, 1.00 = the practical limit)");
            sb.AppendLine();
            sb.AppendLine("| backend | N | ours | baseline | ratio |");
            sb.AppendLine("|---|---:|---|---|---:|");
            foreach (var x in Ratios.Compute(r)) sb.AppendLine($"| {x.Backend} | {x.N:N0} | {x.What} | {x.Baseline} | {x.Value.ToString("0.00", CultureInfo.InvariantCulture)}× |");
            sb.AppendLine();

            foreach (var suite in new[] { "engine", "cmdlet", "baseline", "watch" })
            {
                foreach (var backend in new[] { "FileSystem", "Sqlite" })
                {
                    var ms = r.Measurements.Where(m => m.Suite == suite && m.Backend == backend).ToList();
                    if (ms.Count == 0) continue;
                    var sizes = ms.Select(m => m.N).Distinct().OrderBy(n => n).ToList();
                    sb.AppendLine($"## {Title(suite)}: {backend} (median, min–max)");
                    sb.AppendLine();
                    sb.AppendLine("| operation | unit | " + string.Join(" | ", sizes.Select(n => "N=" + n.ToString("N0", CultureInfo.InvariantCulture))) + " |");
                    sb.AppendLine("|---|---|" + string.Concat(sizes.Select(_ => "---:|")));
                    foreach (var op in ms.Select(m => m.Operation).Distinct())
                    {
                        var unit = ms.First(m => m.Operation == op).Unit;
                        var cells = sizes.Select(n => ms.FirstOrDefault(m => m.N == n && m.Operation == op) is { } m ? Cell(m) : "–");
                        sb.AppendLine($"| {op} | {unit} | {string.Join(" | ", cells)} |");
                    }
                    sb.AppendLine();
                }
            }

            sb.AppendLine("## Exactness");
            sb.AppendLine();
            if (r.ExactnessFailures.Count == 0) sb.AppendLine("Every timed query returned exactly what the rows say it must (ids and order for First 100 by type and by tags; counts elsewhere).");
            else foreach (var f in r.ExactnessFailures) sb.AppendLine("- NOT EXACT / FAILED: " + f);
            sb.AppendLine();
            sb.AppendLine("## Notes");
            sb.AppendLine();
            foreach (var n in r.Notes) sb.AppendLine("- " + n);
            return sb.ToString();
        }

        private static string Title(string suite) =>
            suite == "watch" ? "Watch (a writer process and a watcher process)" : suite == "engine" ? "Engine API (Core + Storage)" : suite == "cmdlet" ? "Cmdlets in the hosted engine (System.Management.Automation 7.6.9)" : "Raw baselines";

        private static string Cell(Measurement m) => m.Values.Count == 1 ? Format(m.Median, m.Unit) : $"{Format(m.Median, m.Unit)} ({Format(m.Min, m.Unit)}–{Format(m.Max, m.Unit)})";

        private static string Format(double v, string unit)
        {
            if (double.IsNaN(v)) return "failed";
            switch (unit)
            {
                case "bytes": return (v / 1048576).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
                case "patterns/s": case "patterns": return v.ToString("N0", CultureInfo.InvariantCulture);
                case "MB": return v.ToString("0.0", CultureInfo.InvariantCulture);
                default: return v < 1 ? v.ToString("0.000", CultureInfo.InvariantCulture) : v < 100 ? v.ToString("0.0", CultureInfo.InvariantCulture) : v.ToString("N0", CultureInfo.InvariantCulture);
            }
        }
    }
}
