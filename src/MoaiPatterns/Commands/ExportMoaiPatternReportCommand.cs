using System;
using System.IO;
using System.Management.Automation;
using MoaiPatterns.Analysis;
using MoaiPatterns.Report;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Export-MoaiPatternReport: one self-contained HTML file (inline style and SVG charts, nothing loaded from
    /// anywhere) with the statistics of the patterns the Find filters select, as Measure-MoaiPattern computes them.
    /// </summary>
    [Cmdlet(VerbsData.Export, "MoaiPatternReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportMoaiPatternReportCommand : AnalysisCmdlet
    {
        /// <summary>The HTML file to write; relative to the PowerShell location.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>The width of the periods of the time charts (UTC); by default the finest of Day, Week, Month that gives at most 120 periods.</summary>
        [Parameter]
        public AnalysisInterval? Interval { get; set; }

        /// <summary>The report's heading and the page title.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; } = HtmlReport.DefaultTitle;

        /// <summary>Do not overwrite an existing file: a terminating NoClobber error instead.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Write the report file (FileInfo) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var fullPath = StoreLocation.ToFullPath(Path, SessionState);
            var filter = Filter();
            if (NoClobber && File.Exists(fullPath)) ThrowTerminatingError(NoClobberError(new PatternFileExistsException(fullPath), fullPath));
            if (!Confirmation.ShouldProcess(this, fullPath, "Write pattern report", out _)) return;
            ReportData? data = null;
            RunEngine(() => data = ReportData.Measure(Engine, filter, Interval, DateTimeOffset.UtcNow));
            if (data == null) return;
            data.Title = Title;
            data.Source = StoreDisplayPath;
            try
            {
                ReportFile.Write(fullPath, HtmlReport.Render(data), NoClobber);
            }
            catch (PatternFileExistsException ex)
            {
                ThrowTerminatingError(NoClobberError(ex, fullPath));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
            {
                var category = ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError;
                var wrapped = new IOException($"Cannot write the report to '{fullPath}': {ex.Message.TrimEnd('.')}. The file was left as it was.", ex);
                ThrowTerminatingError(new ErrorRecord(wrapped, ErrorIds.FileWriteError, category, fullPath));
            }
            WriteVerbose($"Wrote a report of {data.Count} pattern(s) to '{fullPath}'.");
            if (PassThru) WriteObject(ReportFileItem(fullPath));
        }

        /// <summary>The file as Get-Item gives it (with the provider's properties, so it formats as a file does).</summary>
        private object ReportFileItem(string fullPath)
        {
            try
            {
                var items = InvokeProvider.Item.Get(new[] { fullPath }, true, true);
                if (items.Count == 1) return items[0];
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException)) { /* the plain FileInfo then */ }
            return new FileInfo(fullPath);
        }

        private static ErrorRecord NoClobberError(PatternFileExistsException ex, string path) =>
            new ErrorRecord(ex, ErrorIds.NoClobber, ErrorCategory.ResourceExists, path)
            {
                ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Choose another -Path, remove the file, or leave out -NoClobber to overwrite it." },
            };
    }
}
