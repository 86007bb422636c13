using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MoaiPatterns.Analysis;
using MoaiPatterns.Query;
using MoaiPatterns.Report;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Analysis;
using MoaiPatterns.Tests.Differential;
using Xunit;

namespace MoaiPatterns.Tests.Report
{
    /// <summary>
    /// The HTML report over real stores of each backend: its numbers are Measure's, it is self-contained, every text
    /// from patterns is escaped, its SVG is well formed, and an empty selection gives a page that says so.
    /// </summary>
    public sealed class HtmlReportTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "moai-report-" + Guid.NewGuid().ToString("N"));
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        public HtmlReportTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        public static IEnumerable<object[]> BackendNames() => BackendDifferentialTests.Backends.Keys.Select(b => new object[] { b });

        private IPatternStore Store(string backend, IEnumerable<MoaiPattern> patterns)
        {
            var store = BackendDifferentialTests.Backends[backend](_dir);
            using (var w = store.OpenWriter()) foreach (var p in patterns) w.Add(p);
            return store;
        }

        private static List<MoaiPattern> Generated(int n) => Enumerable.Range(0, n).Select(new AnalysisPatterns(21).Pattern).ToList();

        /// <summary>data-value of a cell, by table, row key and column.</summary>
        private static string? Cell(string html, string table, string key, string column)
        {
            var t = Regex.Match(html, "<table id=\"" + table + "\">.*?</table>", RegexOptions.Singleline).Value;
            var row = Regex.Match(t, "<tr data-key=\"" + Regex.Escape(key) + "\">.*?</tr>", RegexOptions.Singleline).Value;
            var cell = Regex.Match(row, "<td data-col=\"" + column + "\" data-value=\"([^\"]*)\"");
            return cell.Success ? cell.Groups[1].Value : null;
        }

        /// <summary>The name of every attribute of every tag, read in sequence (a value's text is never taken for a name).</summary>
        private static IEnumerable<string> AttributeNames(string html)
        {
            var names = new List<string>();
            foreach (Match tag in Regex.Matches(html, "<[a-zA-Z][a-zA-Z0-9]*((?:\\s+[^\\s=/>]+(?:=\"[^\"]*\")?)*)\\s*/?>"))
            {
                foreach (Match attr in Regex.Matches(tag.Groups[1].Value, "\\G\\s+([^\\s=/>]+)(?:=\"[^\"]*\")?")) names.Add(attr.Groups[1].Value.ToLowerInvariant());
            }
            Assert.Contains("data-value", names);
            return names;
        }

        private static string Exact(double? v) => v == null ? "" : v.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

        [Theory]
        [MemberData(nameof(BackendNames))]
        public void Its_numbers_are_the_analysis_engines(string backend)
        {
            using var store = Store(backend, Generated(600));
            var filter = new PatternQuery();
            var data = ReportData.Measure(store, filter, AnalysisInterval.Week, Now);
            var html = HtmlReport.Render(data);

            var overall = store.Measure(new MeasureQuery(filter)).Single();
            Assert.Equal(overall.Count, data.Count);
            Assert.Contains($"data-stat=\"p95\" data-value=\"{overall.DurationP95}\"", html);
            Assert.Contains($"data-stat=\"success-rate\" data-value=\"{Exact(overall.SuccessRate)}\"", html);

            foreach (var s in store.Measure(new MeasureQuery(filter, new[] { AnalysisKey.Type })))
            {
                var type = s.KeyValue(AnalysisKey.Type)!;
                Assert.Equal(s.Count.ToString(), Cell(html, "types-table", type, "count"));
                Assert.Equal(s.DurationP50?.ToString(), Cell(html, "types-table", type, "p50"));
            }
            var agents = store.Measure(new MeasureQuery(filter, new[] { AnalysisKey.Agent })).Where(s => s.KeyValue(AnalysisKey.Agent) != null).ToList();
            Assert.NotEmpty(agents);
            foreach (var s in agents)
            {
                var agent = s.KeyValue(AnalysisKey.Agent)!;
                Assert.Equal(s.Count.ToString(), Cell(html, "agents-table", agent, "count"));
                Assert.Equal(Exact(s.SuccessRate), Cell(html, "agents-table", agent, "success-rate") ?? "");
                Assert.Equal(s.DurationP95?.ToString(), Cell(html, "agents-table", agent, "p95"));
                Assert.Equal(s.TokensUsed.ToString(), Cell(html, "agents-table", agent, "tokens"));
            }
            var weeks = store.Measure(new MeasureQuery(filter, null, AnalysisInterval.Week));
            Assert.Equal(weeks.Count, Regex.Matches(Regex.Match(html, "<table id=\"over-time-table\">.*?</table>", RegexOptions.Singleline).Value, "<tr data-key").Count);
            foreach (var s in weeks)
            {
                var key = s.Period!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
                Assert.Equal(s.Count.ToString(), Cell(html, "over-time-table", key, "count"));
                Assert.Equal(s.DurationP50?.ToString(), Cell(html, "over-time-table", key, "p50"));
            }
            Assert.Equal(MoaiPatterns.Analysis.Anomalies.AnomalyDetectors.Detect(store, filter).Select(a => a.Explanation), data.Anomalies.Select(a => a.Explanation));
            var corrections = store.Measure(new MeasureQuery(new PatternQuery { Types = new[] { PatternType.UserCorrection } }, new[] { AnalysisKey.CorrectionType }));
            foreach (var s in corrections.Where(c => c.KeyValue(AnalysisKey.CorrectionType) != null))
                Assert.Equal(s.Count.ToString(), Cell(html, "corrections-table", s.KeyValue(AnalysisKey.CorrectionType)!, "count"));
        }

        [Fact]
        public void The_interval_is_chosen_from_the_range_when_not_given()
        {
            var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            MoaiPattern At(int day) => new MoaiPattern("p" + day, PatternType.TaskCompletion, t0.AddDays(day), new TaskCompletionData { TaskType = "t", Agent = "a", DurationMs = 5, Success = true });
            using (var shortStore = Store("Sqlite", Enumerable.Range(0, 30).Select(At)))
                Assert.Equal(AnalysisInterval.Day, ReportData.Measure(shortStore, new PatternQuery(), null, Now).Interval);
            Directory.Delete(_dir, true);
            Directory.CreateDirectory(_dir);
            using (var longStore = Store("Sqlite", Enumerable.Range(0, 400).Select(d => At(d * 2))))
                Assert.Equal(AnalysisInterval.Week, ReportData.Measure(longStore, new PatternQuery(), null, Now).Interval);
        }

        private static readonly string[] Hostile =
        {
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "' onmouseover='alert(3)", "</svg><script>x</script>", "a&b \u0001 \U0001F99C",
        };

        private static IEnumerable<MoaiPattern> HostilePatterns()
        {
            var t = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
            var i = 0;
            foreach (var h in Hostile)
            {
                i++;
                yield return new MoaiPattern("e" + i, PatternType.ErrorOccurrence, t.AddHours(i), new ErrorOccurrenceData { ErrorType = h, ErrorMessage = h });
                yield return new MoaiPattern("t" + i, PatternType.TaskCompletion, t.AddHours(i), new TaskCompletionData { TaskType = h, Agent = h, DurationMs = 10 * i, Success = i % 2 == 0 });
                yield return new MoaiPattern("c" + i, PatternType.UserCorrection, t.AddHours(i), new UserCorrectionData { OriginalOutput = h, CorrectedOutput = h, CorrectionType = h, Agent = h, Severity = "minor" });
            }
        }

        [Theory]
        [MemberData(nameof(BackendNames))]
        public void Its_error_groups_are_Group_MoaiErrors_with_their_fixes(string backend)
        {
            var t0 = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
            MoaiPattern Error(int i, string message, string? fix) => new MoaiPattern("err-" + i, PatternType.ErrorOccurrence, t0.AddMinutes(i),
                new ErrorOccurrenceData { ErrorType = "TimeoutError", ErrorMessage = message, Resolution = fix, AutoResolved = fix == null ? (bool?)null : i % 2 == 0 });
            var patterns = new List<MoaiPattern>();
            for (var i = 0; i < 6; i++) patterns.Add(Error(i, $"request to /api/v{i} timed out after {100 + i} ms", i < 4 ? "raise the <b>timeout</b> to 30 s" : null));
            patterns.Add(Error(10, "disk 'sda1' is full", null));
            patterns.AddRange(Generated(40).Where(p => p.PatternType != PatternType.ErrorOccurrence));
            using var store = Store(backend, patterns);

            var html = HtmlReport.Render(ReportData.Measure(store, new PatternQuery(), null, Now));
            var expected = MoaiPatterns.Errors.ErrorGrouper.Group(store, new PatternQuery());
            Assert.Equal(2, expected.Count);
            var section = Regex.Match(html, "<section id=\"error-groups\">.*?</section>", RegexOptions.Singleline).Value;
            foreach (var g in expected)
                Assert.Equal(g.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Cell(section, "error-groups-table", g.Signature, "count"));
            // The largest group first, with its fix shown (escaped) and how often it was used and automatic.
            Assert.True(section.IndexOf(expected[0].Signature, StringComparison.Ordinal) < section.IndexOf(expected[1].Signature, StringComparison.Ordinal));
            Assert.Contains("raise the &lt;b&gt;timeout&lt;/b&gt; to 30 s (4, 2 auto)", section);
            Assert.Contains("none recorded", section);
            Assert.DoesNotContain("<b>", section);
        }

        [Fact]
        public void Text_from_patterns_is_escaped_and_the_svg_is_well_formed()
        {
            using var store = Store("Sqlite", HostilePatterns());
            var data = ReportData.Measure(store, new PatternQuery(), null, Now);
            data.Title = "<b>Title</b> & co";
            var html = HtmlReport.Render(data);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
            Assert.Contains("<title>&lt;b&gt;Title&lt;/b&gt; &amp; co</title>", html);
            // Every attribute is a known, harmless one (no event handler got in through a value).
            foreach (var name in AttributeNames(html)) Assert.DoesNotMatch("^on", name);
            // Each chart parses as XML: nothing a pattern held broke out of its element.
            var svgs = Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline);
            Assert.True(svgs.Count >= 4, $"{svgs.Count} charts");
            foreach (Match svg in svgs) XDocument.Parse(svg.Value);
            Assert.Equal("1", Cell(html, "errors-table", "&lt;script&gt;alert(1)&lt;/script&gt;", "count"));
            Assert.Equal("2", Cell(html, "agents-table", "&lt;script&gt;alert(1)&lt;/script&gt;", "count"));
        }

        [Fact]
        public void The_report_loads_nothing_from_anywhere()
        {
            using var store = Store("FileSystem", Generated(200).Concat(HostilePatterns()));
            var html = HtmlReport.Render(ReportData.Measure(store, new PatternQuery(), null, Now));
            Assert.DoesNotMatch("(?i)(https?|ftp|file|data|javascript):", html.Replace("http-equiv", ""));
            Assert.DoesNotContain("url(", html);
            Assert.DoesNotContain("@import", html);
            Assert.DoesNotContain("<link", html);
            Assert.DoesNotContain("<script", html);
            foreach (var name in AttributeNames(html))
                Assert.DoesNotContain(name, new[] { "src", "href", "xlink:href", "srcset", "action", "poster", "background" });
            Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"", html);
            Assert.Contains("@media print", html);
        }

        [Theory]
        [MemberData(nameof(BackendNames))]
        public void No_patterns_gives_a_page_that_says_so(string backend)
        {
            using var store = Store(backend, Generated(50));
            foreach (var filter in new[] { new PatternQuery { Agent = "nobody-at-all" }, new PatternQuery { Before = new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero) } })
            {
                var data = ReportData.Measure(store, filter, null, Now);
                Assert.Equal(0, data.Count);
                var html = HtmlReport.Render(data);
                Assert.Contains("<section id=\"no-patterns\">", html);
                Assert.Contains("No pattern matches", html);
                Assert.DoesNotContain("<svg", html);
                Assert.EndsWith("</html>\n", html);
            }
        }

        [Fact]
        public void A_filter_without_errors_or_corrections_says_so_instead_of_an_empty_chart()
        {
            using var store = Store("Sqlite", Generated(100));
            var html = HtmlReport.Render(ReportData.Measure(store, new PatternQuery { Types = new[] { PatternType.TaskCompletion } }, null, Now));
            Assert.Contains("Error occurrences are not in this selection.", html);
            Assert.Contains("User corrections are not in this selection.", html);
            Assert.DoesNotContain("id=\"chart-errors\"", html);
        }

        [Fact]
        public void The_file_is_replaced_whole_and_NoClobber_keeps_it()
        {
            var path = Path.Combine(_dir, "r.html");
            ReportFile.Write(path, "one", noClobber: false);
            ReportFile.Write(path, "two", noClobber: false);
            Assert.Equal("two", File.ReadAllText(path));
            Assert.Throws<MoaiPatterns.Serialization.PatternFileExistsException>(() => ReportFile.Write(path, "three", noClobber: true));
            Assert.Equal("two", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(_dir, "*r.html*"));
        }
    }
}
