using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using MoaiPatterns.Bench.Measure;
using MoaiPatterns.Bench.Suites;
using O = MoaiPatterns.Bench.Suites.OriginalBenchmark;

namespace MoaiPatterns.Bench.Report
{
    /// <summary>
    /// Ours beside the original, measured in the same run on the same rows: which of our figures
    /// answers which of ref_bench.py's, and how the two differ when they do not measure the same thing.
    /// </summary>
    public static class OriginalComparison
    {
        private sealed class Pair
        {
            public Pair(string ourSuite, string ourOp, string originalOp, bool higherIsBetter, string note, string? onlyBackend = null)
            {
                OurSuite = ourSuite; OurOp = ourOp; OriginalOp = originalOp; HigherIsBetter = higherIsBetter; Note = note; OnlyBackend = onlyBackend;
            }
            public string? OnlyBackend { get; }
            public string OurSuite { get; }
            public string OurOp { get; }
            public string OriginalOp { get; }
            public bool HigherIsBetter { get; }
            public string Note { get; }
        }

        private const string E = EngineBenchmark.Suite;
        private const string C = CmdletBenchmark.Suite;

        private static readonly Pair[] Pairs =
        {
            new Pair(E, Ratios.EngineBulk + " rate", O.SaveLoopRate, true, "ours: one writer for N; the original has no bulk save, so N save() calls (one commit, or one index rewrite, each)"),
            new Pair(C, CmdletBenchmark.SaveRate, O.SaveLoopRate, true, "ours: `$rows | Save-MoaiPattern` in pwsh"),
            new Pair(E, "save, one call each (", O.SaveAtN, false, "ours: the one-call saves (1,000) into the store of N; the original: its last 200 saves on the way to N"),
            new Pair(C, "Save-MoaiPattern, one call each (", O.SaveAtN, false, "ours: 1,000 `Save-MoaiPattern` calls in a pwsh `foreach` into the store of N"),
            new Pair(E, "load by id", O.Load, false, "the same number of random saved ids (1,000 in a full run)"),
            new Pair(C, "Get-MoaiPattern, one call per id (per id)", O.Load, false, "ours: one cmdlet call per id in pwsh (SQLite opens and closes the file per call); the original: a method call on an open store"),
            new Pair(E, "Find by type, First 100", O.ByType, false, "ours: task_completion; the original: median over the 4 types × 3"),
            new Pair(E, "Find by two tags, First 100", O.ByTags, false, "security + database; the original: median of 3"),
            new Pair(E, "Find by date range (last 7 days), all", O.Date, false, "ours: every match; the original: at most 1,000 (ref_bench's limit), median of 3"),
            new Pair(E, "RemoveOlderThan(90 days)", O.Retention, false, "ours on N + the one-call saves; the original on the N it saved"),
            new Pair(E, "Compress(30 days)", O.Compress, false, "the original decides by file time (ref_bench ages the files, untimed)", "FileSystem"),
            new Pair(E, "bytes on disk", O.Bytes, false, "right after the N saves"),
        };

        public static bool Any(ResultSet r) => r.Measurements.Any(m => m.Suite == O.Suite);

        public static void Render(StringBuilder sb, ResultSet r)
        {
            sb.AppendLine("## Side by side with the original (same run, same rows)");
            sb.AppendLine();
            sb.AppendLine("The original Python implementation ran in this run on the same sizes, by `ref_bench.py`'s own measuring code, fed the bench's rows (see the notes for its commit, Python and budget). \"ours vs original\" is the original's time ÷ ours (or our rate ÷ its rate): above 1 we are faster.");
            sb.AppendLine();
            sb.AppendLine("How the two workloads differ, and what was done about it:");
            sb.AppendLine("- Same rows for both: the same N patterns (ids, types, payloads, tags, timestamps), saved in the same order. The original gets each timestamp as naive local time (the same instant): it compares stored times with naive `datetime.now()`, and an offset makes its filesystem query and retention raise `TypeError`. ref_bench's own generator (uuid ids, longer stack traces and code, chronological arrival, five tag pairs) is not used.");
            sb.AppendLine("- These rows are smaller than ref_bench's own (two-line stack traces, one-line code, a context of project, environment and tags only, where ref_bench adds session, user, git and metadata fields): both sides write fewer bytes than with ref_bench's generator.");
            sb.AppendLine("- Durability differs: our filesystem saves are flushed to disk before they return, the original's are not (no fsync), so on the filesystem it is timed doing less. On SQLite ours runs in WAL mode with `synchronous = NORMAL` (a commit survives a process crash, the last ones may be lost on power loss), the original with SQLite's defaults (rollback journal, `synchronous = FULL`: an fsync per commit, hence per save).");
            sb.AppendLine("- The two-tag query is ours (security + database) for both. The original's SQLite applies tags after its `LIMIT`, so it returns fewer than it should: the returned/expected counts are shown.");
            sb.AppendLine("- The original's date query is capped at 1,000 results by ref_bench; where the 7-day window holds more, its figure is for fewer results than ours. Its windows (7, 30, 90 days) start at the moment it runs, ours at the bench's start: the counts differ by the patterns of those few minutes.");
            sb.AppendLine("- Queries are timed alike: our type, tag, date and text queries are the median of 3 consecutive calls (the first call is also listed apart, in the engine tables), the original's are ref_bench's medians of 3 (by type: of 12, over the 4 types; ours: task_completion). Our cmdlet queries are single calls.");
            sb.AppendLine("- The original has no bulk save and no compression for SQLite (its `compress_old_files` returns at once): those rows compare our bulk save with its loop of `save()`, and compression is compared on the filesystem only.");
            sb.AppendLine("- The original's save phase stops after the time budget (`--original-budget`): its later figures are then on a smaller store (see the notes).");
            sb.AppendLine();
            foreach (var backend in new[] { "FileSystem", "Sqlite" })
            {
                var sizes = r.Measurements.Where(m => m.Suite == O.Suite && m.Backend == backend).Select(m => m.N).Distinct().OrderBy(n => n).ToList();
                if (sizes.Count == 0) continue;
                sb.AppendLine($"### {backend}");
                sb.AppendLine();
                sb.AppendLine("| operation | N | ours | original | ours vs original | note |");
                sb.AppendLine("|---|---:|---:|---:|---:|---|");
                foreach (var p in Pairs.Where(p => p.OnlyBackend == null || p.OnlyBackend == backend))
                    foreach (var n in sizes)
                    {
                        var ours = r.Find(p.OurSuite, backend, n, p.OurOp)
                            ?? r.Measurements.FirstOrDefault(m => m.Suite == p.OurSuite && m.Backend == backend && m.N == n && m.Operation.StartsWith(p.OurOp, StringComparison.Ordinal) && p.OurOp.EndsWith("(", StringComparison.Ordinal));
                        var orig = r.Find(O.Suite, backend, n, p.OriginalOp);
                        if (ours == null || orig == null) continue;
                        var label = (p.OurSuite == C ? "cmdlet: " : "") + ours.Operation;
                        sb.AppendLine($"| {label} | {n:N0} | {Format(ours.Median, ours.Unit)} | {Format(orig.Median, orig.Unit)} | {Times(ours.Median, orig.Median, p.HigherIsBetter, p.OriginalOp == O.Bytes)} | {p.Note}{Exactness(r, backend, n, p.OriginalOp)}{Truncated(r, backend, n)} |");
                    }
                sb.AppendLine();
            }
        }

        /// <summary>The original's figure at N, for the targets table ("measured: …"), or null when it did not run there.</summary>
        public static string? Measured(ResultSet r, string backend, int n, string originalOp)
        {
            var m = r.Find(O.Suite, backend, n, originalOp);
            return m == null ? null : Format(m.Median, m.Unit) + Exactness(r, backend, n, originalOp);
        }

        private static string Exactness(ResultSet r, string backend, int n, string op)
        {
            var got = r.Median(O.Suite, backend, n, op + (op == O.Retention ? ", removed" : O.Returned));
            var want = r.Median(O.Suite, backend, n, op + O.Expected);
            if (got == null || want == null) return "";
            var verb = op == O.Retention ? "removed" : "returned";
            return got.Value == want.Value ? $" ({verb} {got:N0}, right)" : $" (**{verb} {got:N0} of {want:N0}: wrong**)";
        }

        private static string Truncated(ResultSet r, string backend, int n)
        {
            var saved = r.Median(O.Suite, backend, n, O.Saved);
            return saved != null && saved < n ? $"; the original saved only {saved:N0} within its budget" : "";
        }

        private static string Times(double ours, double orig, bool higherIsBetter, bool size)
        {
            if (double.IsNaN(ours) || double.IsNaN(orig) || ours <= 0 || orig <= 0) return "–";
            var x = higherIsBetter ? ours / orig : orig / ours;
            return x >= 1 ? x.ToString(x >= 100 ? "N0" : "0.0", CultureInfo.InvariantCulture) + (size ? "× smaller" : "× faster") : (1 / x).ToString(1 / x >= 100 ? "N0" : "0.0", CultureInfo.InvariantCulture) + (size ? "× larger" : "× slower");
        }

        internal static string Format(double v, string unit)
        {
            if (double.IsNaN(v)) return "failed";
            switch (unit)
            {
                case "bytes": return (v / 1048576).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
                case "patterns/s": return v.ToString("N0", CultureInfo.InvariantCulture) + "/s";
                case "patterns": return v.ToString("N0", CultureInfo.InvariantCulture);
                case "MB": return v.ToString("0.0", CultureInfo.InvariantCulture) + " MB";
                case "×": return v.ToString("0.00", CultureInfo.InvariantCulture) + "×";
                default: return Targets.Ms(v);
            }
        }
    }
}
