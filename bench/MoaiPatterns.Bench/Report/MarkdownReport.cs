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
            sb.AppendLine($"- Command: `{o.CommandLine}` (after `dotnet build PatternsModule.sln -c Release`)");
            sb.AppendLine($"- Date: {machine.Date:yyyy-MM-dd HH:mm} UTC");
            sb.AppendLine($"- Commit measured: {machine.Commit}");
            sb.AppendLine($"- Machine: {machine.Cpu}, {machine.Processors} processors; {machine.Os}; {machine.Dotnet}; load average at the end {machine.Load}");
            sb.AppendLine($"- Sizes: {string.Join(", ", o.Sizes.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))} (both backends){(o.SqliteExtraSizes.Count > 0 ? ", SQLite also " + string.Join(", ", o.SqliteExtraSizes.Select(n => n.ToString("N0", CultureInfo.InvariantCulture))) : "")}; {o.Repeat} runs per size{(o.RepeatLarge != null ? $", {o.RepeatLarge} at N ≥ 100,000" : "")}{(o.ExtraRepeat != null ? $", {o.ExtraRepeat} for the SQLite-only sizes" : "")}, fresh store per run; cmdlets up to N={o.CmdletMax:N0}");
            sb.AppendLine();
            sb.AppendLine("```text");
            sb.AppendLine(machine.Memory);
            sb.AppendLine(machine.Disk);
            sb.AppendLine("```");
            sb.AppendLine();

            sb.AppendLine("## Targets (issues 5, 11, 12, 13, 14 and 16), judged from this run's medians");
            sb.AppendLine();
            sb.AppendLine("The original column is measured in this run when it ran (`--original`), else it is the first round's figure, marked so.");
            sb.AppendLine();
            sb.AppendLine("| operation | original at N=10,000 | target | measured (median) | verdict |");
            sb.AppendLine("|---|---|---|---|---|");
            foreach (var t in Targets.Evaluate(r, o.Quick)) sb.AppendLine($"| {Cell(t.Operation)} | {Cell(t.Original)} | {Cell(t.Target)} | {Cell(t.Measured)} | **{t.Status}** |");
            sb.AppendLine();

            sb.AppendLine("## Bulk save against the raw baselines (same rows; time ÷ baseline time, 1.00 = the practical limit)");
            sb.AppendLine();
            sb.AppendLine("| backend | N | ours | baseline | ratio |");
            sb.AppendLine("|---|---:|---|---|---:|");
            foreach (var x in Ratios.Compute(r)) sb.AppendLine($"| {x.Backend} | {x.N:N0} | {x.What} | {x.Baseline} | {x.Value.ToString("0.00", CultureInfo.InvariantCulture)}× |");
            sb.AppendLine();

            var naive = r.Measurements.Where(m => m.Suite == Suites.CmdletBenchmark.Suite && m.Operation == Suites.CmdletBenchmark.SaveOverNaive).OrderBy(m => m.Backend).ThenBy(m => m.N).ToList();
            if (naive.Count > 0)
            {
                sb.AppendLine("## Save-MoaiPattern against the naive log (same pwsh process, same rows)");
                sb.AppendLine();
                sb.AppendLine("The naive log: `$rows | ForEach-Object { $_ | ConvertTo-Json -Compress -Depth 5 } | Set-Content` (one line per row, no index, no durability). Ratio = Save-MoaiPattern's rate ÷ the log's rate, per run (median, min–max); above 1 the store is faster.");
                sb.AppendLine();
                sb.AppendLine("| backend | N | Save-MoaiPattern | naive log | ratio |");
                sb.AppendLine("|---|---:|---:|---:|---:|");
                foreach (var m in naive)
                {
                    var save = r.Find(Suites.CmdletBenchmark.Suite, m.Backend, m.N, Suites.CmdletBenchmark.SaveRate);
                    var log = r.Find(Suites.CmdletBenchmark.Suite, m.Backend, m.N, Suites.CmdletBenchmark.NaiveRate);
                    sb.AppendLine($"| {m.Backend} | {m.N:N0} | {(save == null ? "–" : Cell(save))} /s | {(log == null ? "–" : Cell(log))} /s | {Cell(m)} |");
                }
                sb.AppendLine();
            }

            if (OriginalComparison.Any(r)) OriginalComparison.Render(sb, r);

            foreach (var suite in new[] { "engine", "cmdlet", "baseline", "errors", "watch", "original" })
            {
                foreach (var backend in new[] { "FileSystem", "Sqlite", "PostgreSql" })
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
            if (r.ExactnessFailures.Count == 0) sb.AppendLine("Every timed query of ours returned exactly what the rows say it must (ids and order for First 100 by type and by tags; counts elsewhere).");
            else foreach (var f in r.ExactnessFailures) sb.AppendLine("- NOT EXACT / FAILED: " + f);
            sb.AppendLine();
            sb.AppendLine("## Notes");
            sb.AppendLine();
            foreach (var n in r.Notes) sb.AppendLine("- " + n);
            return sb.ToString();
        }

        private static string Title(string suite) =>
            suite == "watch" ? "Watch (a writer process and a watcher process)" : suite == "engine" ? "Engine API (Core + Storage)" : suite == "cmdlet" ? "Cmdlets in the real pwsh" : suite == "original" ? "The original (Python, ref_bench.py's measurements)"
            : suite == "errors" ? "Find-MoaiResolution engine on N error patterns" : "Raw baselines";

        private static string Cell(Measurement m) => m.Values.Count == 1 ? Format(m.Median, m.Unit) : $"{Format(m.Median, m.Unit)} ({Format(m.Min, m.Unit)}–{Format(m.Max, m.Unit)})";

        private static string Format(double v, string unit)
        {
            if (double.IsNaN(v)) return "failed";
            switch (unit)
            {
                case "bytes": return (v / 1048576).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
                case "patterns/s": case "patterns": return v.ToString("N0", CultureInfo.InvariantCulture);
                case "MB": return v.ToString("0.0", CultureInfo.InvariantCulture);
                case "×": return v.ToString("0.00", CultureInfo.InvariantCulture);
                default: return v < 1 ? v.ToString("0.000", CultureInfo.InvariantCulture) : v < 100 ? v.ToString("0.0", CultureInfo.InvariantCulture) : v.ToString("N0", CultureInfo.InvariantCulture);
            }
        }

        /// <summary>A table cell: a '|' inside it (a pipeline in a target's wording) would end the cell.</summary>
        private static string Cell(string text) => text.Replace("|", "\\|");
    }
}
