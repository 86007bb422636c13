using System;
using System.IO;
using System.Management.Automation;
using MoaiPatterns.Input;
using MoaiPatterns.Otlp;
using MoaiPatterns.Serialization;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Export-MoaiPattern: writes patterns to a JSON Lines file (the seed's JSON, or with -Format Otlp one
    /// OTLP/JSON ExportTraceServiceRequest, one pattern a line; gzipped when -Path ends in .gz) as they arrive, into a temporary file beside the target that is renamed into
    /// place at the end: a failed or stopped export leaves the target as it was. A bad item is a
    /// non-terminating InvalidPattern error and the rest are written.
    /// </summary>
    [Cmdlet(VerbsData.Export, "MoaiPattern", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportMoaiPatternCommand : PSCmdlet, IDisposable
    {
        public const string JsonLinesFormat = "JsonLines";
        public const string OtlpFormat = "Otlp";

        /// <summary>Patterns to export: MoaiPattern objects (from Find-MoaiPattern), or hashtables or PSCustomObjects shaped like the seed's dict.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public object? InputObject { get; set; }

        /// <summary>The file to write; relative to the PowerShell location. A name ending in .gz is gzipped.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>The file format: JsonLines (the seed's JSON, compact, one pattern a line, UTF-8 without BOM), or Otlp (OpenTelemetry traces as OTLP/JSON, one ExportTraceServiceRequest a line).</summary>
        [Parameter]
        [ValidateSet(JsonLinesFormat, OtlpFormat)]
        public string Format { get; set; } = JsonLinesFormat;

        /// <summary>Do not overwrite an existing file: a terminating NoClobber error instead.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Write the exported file (FileInfo) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private string _fullPath = null!;
        private PatternJsonLinesWriter? _writer;
        private long _refused;

        protected override void BeginProcessing()
        {
            _fullPath = StoreLocation.ToFullPath(Path, SessionState);
            if (!Confirmation.ShouldProcess(this, _fullPath, "Export patterns", out _)) return;
            try
            {
                var encode = string.Equals(Format, OtlpFormat, StringComparison.OrdinalIgnoreCase) ? OtlpTraceJson.ToUtf8Bytes : (Func<MoaiPattern, byte[]>?)null;
                _writer = PatternJsonLinesWriter.Create(_fullPath, NoClobber, encode);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
            {
                ThrowTerminatingError(WriteFailure(ex));
            }
        }

        protected override void ProcessRecord()
        {
            if (_writer == null) return; // -WhatIf, or declined
            // -InputObject @($a, $b) is two patterns, as "$a, $b | Export-MoaiPattern" is (one level, as the pipeline unrolls).
            var items = InputObject == null ? null : LanguagePrimitives.GetEnumerable(PowerShellValues.Unwrap(InputObject));
            if (items == null) ExportOne(InputObject);
            else foreach (var item in items) ExportOne(item);
        }

        private void ExportOne(object? input)
        {
            ValidatedPattern pattern;
            try
            {
                pattern = input == null ? throw PatternArguments.NullInput() : PatternArguments.ToValidated(input);
            }
            catch (InvalidPatternException ex)
            {
                _refused++;
                WriteError(ErrorRecords.InvalidPattern(ex, input));
                return;
            }
            catch (ArgumentException ex)
            {
                _refused++;
                WriteError(ErrorRecords.InvalidArgument(ex.Message, input));
                return;
            }
            try
            {
                _writer!.Write(pattern);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Abandon();
                ThrowTerminatingError(WriteFailure(ex));
            }
        }

        protected override void EndProcessing()
        {
            var writer = _writer;
            if (writer == null) return;
            try
            {
                writer.Commit(overwrite: !NoClobber);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Abandon();
                ThrowTerminatingError(WriteFailure(ex));
            }
            WriteVerbose($"Exported {writer.Count} pattern(s) to '{_fullPath}'" + (_refused > 0 ? $"; {_refused} input(s) were not valid patterns and were left out." : "."));
            _writer = null;
            if (PassThru) WriteObject(ExportedFile());
        }

        /// <summary>The file as Get-Item gives it (with the provider's properties, so it formats as a file does).</summary>
        private object ExportedFile()
        {
            try
            {
                var items = InvokeProvider.Item.Get(new[] { _fullPath }, true, true);
                if (items.Count == 1) return items[0];
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException)) { /* the plain FileInfo then */ }
            return new FileInfo(_fullPath);
        }

        /// <summary>Stopped, failed or disposed before the end: the temporary file goes, the target stays as it was.</summary>
        public void Dispose() => Abandon();

        private void Abandon()
        {
            var writer = _writer;
            _writer = null;
            writer?.Dispose();
        }

        private ErrorRecord WriteFailure(Exception ex)
        {
            if (ex is PatternFileExistsException exists)
            {
                return new ErrorRecord(exists, ErrorIds.NoClobber, ErrorCategory.ResourceExists, _fullPath)
                {
                    ErrorDetails = new ErrorDetails(exists.Message)
                    {
                        RecommendedAction = "Choose another -Path, remove the file, or leave out -NoClobber to overwrite it.",
                    },
                };
            }
            var category = ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError;
            var wrapped = new IOException($"Cannot export patterns to '{_fullPath}': {ex.Message.TrimEnd('.')}. The file was left as it was.", ex);
            return new ErrorRecord(wrapped, ErrorIds.FileWriteError, category, _fullPath);
        }
    }
}
