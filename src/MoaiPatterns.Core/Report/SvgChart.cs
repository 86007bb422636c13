using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MoaiPatterns.Report
{
    /// <summary>One bar of a bar chart: a label, the value drawn, and the text shown beside it.</summary>
    internal sealed class Bar
    {
        public Bar(string label, double value, string text) { Label = label; Value = value; Text = text; }
        public string Label { get; }
        public double Value { get; }
        public string Text { get; }
    }

    /// <summary>One line of a line chart: a value per period (null = no value: the line breaks).</summary>
    internal sealed class Series
    {
        public Series(string name, double?[] values, string cssClass) { Name = name; Values = values; CssClass = cssClass; }
        public string Name { get; }
        public double?[] Values { get; }
        public string CssClass { get; }
    }

    /// <summary>
    /// Inline SVG charts drawn here, no script: each has a &lt;title&gt; and a &lt;desc&gt; (its text alternative, with the
    /// figures also in a table beside it), scales with the page (viewBox), and carries its values as data- attributes.
    /// </summary>
    internal static class SvgChart
    {
        private const double Width = 720;

        /// <summary>Horizontal bars, one row per item, longest first as given.</summary>
        public static string Bars(string id, string title, string desc, IReadOnlyList<Bar> bars, string cssClass)
        {
            const double labelWidth = 190, textWidth = 90, row = 26, top = 8;
            var height = top * 2 + Math.Max(1, bars.Count) * row;
            var max = bars.Count == 0 ? 1 : Math.Max(bars.Max(b => b.Value), 1e-9);
            var plot = Width - labelWidth - textWidth;
            var sb = Open(id, title, desc, height, "bars");
            for (var i = 0; i < bars.Count; i++)
            {
                var b = bars[i];
                var y = top + i * row;
                var w = Math.Max(b.Value > 0 ? 1.5 : 0, plot * b.Value / max);
                sb.Append("<g class=\"bar\" data-label=\"").Append(Html.Escape(b.Label)).Append("\" data-value=\"").Append(Html.N(b.Value)).Append("\">");
                sb.Append("<title>").Append(Html.Escape(b.Label)).Append(": ").Append(Html.Escape(b.Text)).Append("</title>");
                sb.Append("<text class=\"label\" x=\"").Append(Html.N(labelWidth - 8)).Append("\" y=\"").Append(Html.N(y + row / 2 + 4)).Append("\" text-anchor=\"end\">")
                  .Append(Html.Escape(Html.Shorten(b.Label, 26))).Append("</text>");
                sb.Append("<rect class=\"").Append(cssClass).Append("\" x=\"").Append(Html.N(labelWidth)).Append("\" y=\"").Append(Html.N(y + 4))
                  .Append("\" width=\"").Append(Html.N(w)).Append("\" height=\"").Append(Html.N(row - 8)).Append("\" rx=\"2\"/>");
                sb.Append("<text class=\"value\" x=\"").Append(Html.N(labelWidth + w + 6)).Append("\" y=\"").Append(Html.N(y + row / 2 + 4)).Append("\">")
                  .Append(Html.Escape(b.Text)).Append("</text></g>");
            }
            return sb.Append("</svg>").ToString();
        }

        /// <summary>Lines over periods with a y axis from 0 (to <paramref name="yMax"/> when given) and a legend.</summary>
        public static string Lines(string id, string title, string desc, IReadOnlyList<string> periods, IReadOnlyList<Series> series, Func<double, string> format, double? yMax = null)
        {
            const double height = 240, left = 70, right = 48, top = 30, bottom = 30;
            var plotW = Width - left - right;
            var plotH = height - top - bottom;
            var values = series.SelectMany(s => s.Values).Where(v => v != null).Select(v => v!.Value).ToList();
            var top0 = values.Count == 0 ? 1 : values.Max();
            var tickStep = yMax != null ? yMax.Value / 4 : NiceStep(top0 / 4);
            var max = yMax ?? Math.Max(tickStep, Math.Ceiling(top0 / tickStep) * tickStep);
            var ticks = (int)Math.Round(max / tickStep);
            var n = periods.Count;
            double X(int i) => left + (n <= 1 ? plotW / 2 : plotW * i / (n - 1));
            double Y(double v) => top + plotH - plotH * Math.Min(v, max) / max;

            var sb = Open(id, title, desc, height, "lines");
            // Grid and y ticks.
            for (var t = 0; t <= ticks; t++)
            {
                var v = tickStep * t;
                var y = Y(v);
                sb.Append("<line class=\"grid\" x1=\"").Append(Html.N(left)).Append("\" x2=\"").Append(Html.N(Width - right)).Append("\" y1=\"").Append(Html.N(y)).Append("\" y2=\"").Append(Html.N(y)).Append("\"/>");
                sb.Append("<text class=\"tick\" x=\"").Append(Html.N(left - 6)).Append("\" y=\"").Append(Html.N(y + 4)).Append("\" text-anchor=\"end\">").Append(Html.Escape(format(v))).Append("</text>");
            }
            // X labels: at most 6, evenly spread, the first and the last always among them.
            var m = Math.Min(5, n - 1);
            for (var k = 0; k <= m; k++)
            {
                var i = m == 0 ? 0 : (int)Math.Round((double)k * (n - 1) / m);
                // Centred under their points; the margins leave room for half a label at either end.
                XLabel(sb, X(i), height - bottom + 18, periods[i], "middle");
            }
            foreach (var s in series)
            {
                var path = new StringBuilder();
                var pen = false;
                for (var i = 0; i < n; i++)
                {
                    var v = i < s.Values.Length ? s.Values[i] : null;
                    if (v == null) { pen = false; continue; }
                    path.Append(pen ? " L" : " M").Append(Html.N(X(i))).Append(',').Append(Html.N(Y(v.Value)));
                    pen = true;
                }
                sb.Append("<g class=\"series ").Append(s.CssClass).Append("\" data-series=\"").Append(Html.Escape(s.Name)).Append("\">");
                if (path.Length > 0) sb.Append("<path d=\"").Append(path.ToString().Trim()).Append("\"/>");
                // Past HtmlReport.MaxPeriodRows periods only the line is drawn: a point each would make the file large.
                for (var i = 0; i < n && n <= HtmlReport.MaxPeriodRows; i++)
                {
                    var v = i < s.Values.Length ? s.Values[i] : null;
                    if (v == null) continue;
                    // Points carry the values (data-value) and a tooltip; drawn visibly only when there are few.
                    sb.Append("<circle cx=\"").Append(Html.N(X(i))).Append("\" cy=\"").Append(Html.N(Y(v.Value))).Append("\" r=\"").Append(n <= 40 ? "3" : "1.2")
                      .Append("\" data-period=\"").Append(Html.Escape(periods[i])).Append("\" data-value=\"").Append(Html.N(v.Value)).Append("\"><title>")
                      .Append(Html.Escape(s.Name + ", " + periods[i] + ": " + format(v.Value))).Append("</title></circle>");
                }
                sb.Append("</g>");
            }
            // Legend, top left, one entry per series.
            var lx = left;
            foreach (var s in series)
            {
                sb.Append("<g class=\"legend ").Append(s.CssClass).Append("\"><line x1=\"").Append(Html.N(lx)).Append("\" x2=\"").Append(Html.N(lx + 18)).Append("\" y1=\"14\" y2=\"14\"/>")
                  .Append("<text x=\"").Append(Html.N(lx + 24)).Append("\" y=\"18\">").Append(Html.Escape(s.Name)).Append("</text></g>");
                lx += 40 + s.Name.Length * 7.5;
            }
            return sb.Append("</svg>").ToString();
        }

        private static void XLabel(StringBuilder sb, double x, double y, string text, string anchor) =>
            sb.Append("<text class=\"tick\" x=\"").Append(Html.N(x)).Append("\" y=\"").Append(Html.N(y)).Append("\" text-anchor=\"").Append(anchor).Append("\">").Append(Html.Escape(text)).Append("</text>");

        private static StringBuilder Open(string id, string title, string desc, double height, string kind)
        {
            var sb = new StringBuilder(4096);
            // Inline SVG in HTML needs no xmlns (the HTML parser puts it in the SVG namespace): the file names no address at all.
            sb.Append("<svg class=\"chart ").Append(kind).Append("\" id=\"").Append(id).Append("\" viewBox=\"0 0 ").Append(Html.N(Width)).Append(' ').Append(Html.N(height))
              .Append("\" role=\"img\" aria-labelledby=\"").Append(id).Append("-title ").Append(id).Append("-desc\">");
            sb.Append("<title id=\"").Append(id).Append("-title\">").Append(Html.Escape(title)).Append("</title>");
            sb.Append("<desc id=\"").Append(id).Append("-desc\">").Append(Html.Escape(desc)).Append("</desc>");
            return sb;
        }

        /// <summary>A round tick step at or above <paramref name="v"/>: 1, 2, 2.5 or 5 times a power of ten.</summary>
        internal static double NiceStep(double v)
        {
            if (v <= 0) return 1;
            var p = Math.Pow(10, Math.Floor(Math.Log10(v)));
            foreach (var m in new[] { 1, 2, 2.5, 5, 10 }) if (m * p >= v) return m * p;
            return 10 * p;
        }
    }
}
