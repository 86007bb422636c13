namespace MoaiPatterns.Report
{
    /// <summary>The report's one inline style sheet: system fonts only (nothing to load), screen and print.</summary>
    internal static class ReportStyle
    {
        public const string Css = @"
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f8fafc;--card:#fff;--blue:#2563eb;--orange:#ea580c;--green:#16a34a;--red:#dc2626;--purple:#7c3aed}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',sans-serif}
header{background:#0f172a;color:#f8fafc;padding:20px 32px}
header h1{margin:0 0 4px;font-size:22px;font-weight:600}
header p{margin:2px 0;color:#cbd5e1;font-size:13px}
main{max-width:1080px;margin:0 auto;padding:16px 24px 32px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
h2{font-size:17px;margin:0 0 4px}
h3{font-size:14px;margin:14px 0 4px;color:var(--muted);font-weight:600}
p.note{color:var(--muted);margin:0 0 10px;font-size:13px}
p.empty{color:var(--muted);font-style:italic}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:0}
.cards div{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.cards dt{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.cards dd{margin:2px 0 0;font-size:clamp(16px,2.2vw,22px);overflow-wrap:anywhere;font-weight:600;font-variant-numeric:tabular-nums}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
@media (max-width:800px){.grid2{grid-template-columns:1fr}}
svg.chart{width:100%;height:auto;display:block;margin:6px 0}
svg .label,svg .value,svg .tick,svg .legend text{font-size:12px;fill:var(--ink)}
svg .tick{fill:var(--muted)}
svg .grid{stroke:var(--line);stroke-width:1}
svg rect.count{fill:var(--blue)} svg rect.error{fill:var(--red)} svg rect.correction{fill:var(--purple)}
svg .series path{fill:none;stroke-width:2.2;stroke-linejoin:round}
svg .p50 path,svg .p50 line{stroke:var(--blue)} svg .p50 circle{fill:var(--blue)}
svg .p95 path,svg .p95 line{stroke:var(--orange);stroke-dasharray:6 3} svg .p95 circle{fill:var(--orange)}
svg .rate path,svg .rate line{stroke:var(--green)} svg .rate circle{fill:var(--green)}
svg .legend line{stroke-width:3}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left;overflow-wrap:anywhere}
thead th{color:var(--muted);font-weight:600;border-bottom:2px solid var(--line)}
tbody tr:nth-child(even){background:#f9fafb}
td.none{color:var(--muted);font-style:italic}
td[data-col=kind],td[data-col=group],td[data-col=explanation]{text-align:left}
td[data-col=explanation]{min-width:40%}
#anomalies-table th,#anomalies-table td{text-align:left}
#anomalies-table td[data-col=value],#anomalies-table td[data-col=expected]{text-align:right}
#anomalies-table tbody th{white-space:nowrap}
#error-groups-table th,#error-groups-table td{text-align:left}
#error-groups-table td[data-col=count]{text-align:right}
#error-groups-table tbody th,#error-groups-table td[data-col=last]{white-space:nowrap;font-family:ui-monospace,monospace;font-size:12px}
#error-groups-table td[data-col=template],#error-groups-table td[data-col=resolutions]{min-width:30%;overflow-wrap:anywhere}
details summary{cursor:pointer;color:var(--muted);font-size:13px}
footer{color:var(--muted);font-size:12px;text-align:center;padding:8px 0 24px}
@page{margin:14mm}
@media print{
 body{background:#fff;font-size:10pt}
 header{background:none;color:#000;padding:0 0 8px;border-bottom:2px solid #000}
 header p{color:#333}
 main{max-width:none;padding:0}
 section{border:none;border-top:1px solid #999;border-radius:0;padding:8px 0;margin:10px 0;break-inside:avoid}
 table{break-inside:auto} tr{break-inside:avoid}
 .cards div{border:1px solid #999}
 details{display:block} details>summary{display:none}
 svg .p95 path{stroke-dasharray:6 3}
}";
    }
}
