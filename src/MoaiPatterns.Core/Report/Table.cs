using System.Text;

namespace MoaiPatterns.Report
{
    /// <summary>A table of the report: a header row, then rows keyed (data-key) with cells that carry their exact value (data-value).</summary>
    internal sealed class Table
    {
        private readonly StringBuilder _sb = new StringBuilder();
        private bool _open;

        public Table(string id, params string[] headers)
        {
            _sb.Append("<table id=\"").Append(id).Append("\"><thead><tr>");
            foreach (var h in headers) _sb.Append("<th scope=\"col\">").Append(Html.Escape(h)).Append("</th>");
            _sb.Append("</tr></thead><tbody>");
        }

        /// <summary>Starts a row: <paramref name="key"/> is the exact group value (absent for the no-value group), <paramref name="label"/> what is shown.</summary>
        public Table Row(string? key, string label, bool none = false)
        {
            if (_open) _sb.Append("</tr>");
            _sb.Append("<tr");
            if (key != null) _sb.Append(" data-key=\"").Append(Html.Escape(key)).Append('"');
            _sb.Append("><th scope=\"row\"").Append(none ? " class=\"none\"" : "").Append('>').Append(Html.Escape(label)).Append("</th>");
            _open = true;
            return this;
        }

        public Table Cell(string column, string text, double? value)
        {
            _sb.Append("<td data-col=\"").Append(column).Append('"');
            if (value != null) _sb.Append(" data-value=\"").Append(Html.Exact(value.Value)).Append('"');
            _sb.Append('>').Append(Html.Escape(text)).Append("</td>");
            return this;
        }

        public string ToHtml()
        {
            if (_open) _sb.Append("</tr>");
            _open = false;
            return _sb.Append("</tbody></table>\n").ToString();
        }
    }
}
