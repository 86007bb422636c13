using System;
using System.Management.Automation;
using MoaiPatterns.Input;
using MoaiPatterns.Stores;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Save-MoaiPattern: upserts patterns. A pipeline uses one writer, opened with the first valid pattern
    /// (so a call that saves nothing creates no store), to the end (batched commits); a bad item is a
    /// non-terminating InvalidPattern error and the rest carry on; whatever was added is committed even
    /// after Ctrl+C or a terminating error. An array given to -InputObject is saved item by item, as the
    /// pipeline would. ShouldProcess per pattern, ConfirmImpact Low: it never asks unless -Confirm.
    /// </summary>
    [Cmdlet(VerbsData.Save, "MoaiPattern", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(MoaiPattern))]
    public sealed class SaveMoaiPatternCommand : StoreCmdlet
    {
        public const string InputObjectSet = "InputObject";
        public const string FieldsSet = "Fields";
        private const int ProgressEvery = 1000;
        private const int ProgressActivityId = 7301;

        /// <summary>Patterns to save: MoaiPattern objects, hashtables or PSCustomObjects shaped like the seed's dict, or JSON strings.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [AllowNull]
        [AllowEmptyCollection]
        public object? InputObject { get; set; }

        /// <summary>The pattern type of a new pattern built from -Data.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FieldsSet)]
        [PatternTypeTransformation]
        public PatternType Type { get; set; }

        /// <summary>The type-specific fields of a new pattern.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FieldsSet)]
        [ValidateNotNull]
        public object Data { get; set; } = null!;

        /// <summary>The context of a new pattern.</summary>
        [Parameter(ParameterSetName = FieldsSet)]
        public object? Context { get; set; }

        /// <summary>Tags of a new pattern, or tags added to each piped pattern (e.g. <c>catch { $_ | Save-MoaiPattern -Tag nightly }</c>).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string[]? Tag { get; set; }

        /// <summary>How the error was resolved: set on each ErrorOccurrence saved (pipe a saved error back to record its fix later).</summary>
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateNotNullOrEmpty]
        public string? Resolution { get; set; }

        /// <summary>Whether the error was resolved without a person (data.auto_resolved).</summary>
        [Parameter(ParameterSetName = InputObjectSet)]
        public SwitchParameter AutoResolved { get; set; }

        /// <summary>Milliseconds it took to resolve the error (data.resolution_time_ms).</summary>
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateRange(0, long.MaxValue)]
        public long ResolutionTimeMs { get; set; }

        /// <summary>Write each saved pattern to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override bool CreatesStore => true;

        private readonly object _writerLock = new object();
        private IPatternWriter? _writer;
        private bool _writerClosed;
        private long _added;
        private ProgressRecord? _progress;
        private bool _mayAsk;

        protected override void BeginProcessing()
        {
            _mayAsk = Confirmation.MayAsk(this, ConfirmImpact.Low);
            if (ParameterSetName == InputObjectSet)
                _amendment = new PatternAmendment
                {
                    Tags = Tag, Resolution = Resolution,
                    AutoResolved = MyInvocation.BoundParameters.ContainsKey(nameof(AutoResolved)) ? AutoResolved.IsPresent : (bool?)null,
                    ResolutionTimeMs = MyInvocation.BoundParameters.ContainsKey(nameof(ResolutionTimeMs)) ? ResolutionTimeMs : (long?)null,
                };
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == FieldsSet)
            {
                ValidatedPattern built;
                try
                {
                    built = PatternInput.CreateValidated(Type, PowerShellValues.ToPlain(Data)!, PowerShellValues.ToPlain(Context), Tag, null, null);
                }
                catch (InvalidPatternException ex)
                {
                    WriteError(ErrorRecords.InvalidPattern(ex, Data));
                    return;
                }
                Add(built, Data);
                return;
            }

            // -InputObject @($a, $b) is two patterns, as "$a, $b | Save-MoaiPattern" is (one level, as the pipeline unrolls).
            var items = InputObject == null ? null : LanguagePrimitives.GetEnumerable(PowerShellValues.Unwrap(InputObject));
            if (items == null) SaveOne(InputObject);
            else foreach (var item in items) SaveOne(item);
        }

        private void SaveOne(object? input)
        {
            if (input == null)
            {
                WriteError(ErrorRecords.InvalidPattern(PatternArguments.NullInput(), null));
                return;
            }

            ValidatedPattern pattern;
            try
            {
                pattern = ToValidated(input);
            }
            catch (InvalidPatternException ex)
            {
                WriteError(ErrorRecords.InvalidPattern(ex, input));
                return;
            }
            catch (ArgumentException ex) when (_amendment.ChangesResolution && !(ex is PSArgumentException))
            {
                WriteError(new ErrorRecord(ex, ErrorIds.NotAnError, ErrorCategory.InvalidArgument, input));
                return;
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.InvalidArgument(ex.Message, input));
                return;
            }
            Add(pattern, input);
        }

        /// <summary>Validated once (<see cref="PatternArguments.ToValidated"/>) before the store is opened: nothing valid, no store. The writer trusts what it is given.
        /// An ErrorRecord or Exception becomes an ErrorOccurrence (<see cref="ErrorRecordShape"/>); -Tag and -Resolution amend each input.</summary>
        private ValidatedPattern ToValidated(object input) => _amendment.Apply(PatternArguments.ToValidated(input));

        private PatternAmendment _amendment = new PatternAmendment();

        private void Add(ValidatedPattern valid, object? original)
        {
            var pattern = valid.Pattern;
            if (_mayAsk && !Confirmation.ShouldProcess(this, $"pattern {pattern.PatternId} ({pattern.PatternType}: {pattern.Summary}) in {StoreDisplayPath}", "Save pattern", out _))
                return;

            var rejected = false;
            RunEngine(() =>
            {
                try
                {
                    lock (_writerLock)
                    {
                        if (_writer == null)
                        {
                            if (_writerClosed) throw new PipelineStoppedException();
                            _writer = Engine.OpenWriter();
                        }
                        _writer.Add(valid);
                    }
                }
                catch (InvalidPatternException ex)
                {
                    rejected = true;
                    WriteError(ErrorRecords.InvalidPattern(ex, original));
                }
            });
            if (rejected) return;
            _added++;
            if (_added % ProgressEvery == 0)
            {
                _progress ??= new ProgressRecord(ProgressActivityId, "Saving patterns", "Saving to " + StoreDisplayPath);
                _progress.StatusDescription = $"{_added:N0} patterns saved to {StoreDisplayPath}";
                WriteProgress(_progress);
            }
            // The written object now lives in this store (a typed input may still be remembered from another).
            if (PassThru) WriteObject(PatternOrigins.Remember(pattern, CurrentStore));
        }

        protected override void EndProcessing()
        {
            RunEngine(() => CloseWriter(throwOnError: true));
            if (_progress != null)
            {
                _progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(_progress);
            }
            WriteVerbose($"Saved {_added} pattern(s) to {StoreDisplayPath}.");
            base.EndProcessing();
        }

        /// <summary>Ctrl+C: commit what was added; the lock keeps the pipeline thread out of the writer meanwhile.</summary>
        protected override void StopProcessing() => CloseWriter(throwOnError: false);

        protected override void OnDispose() => CloseWriter(throwOnError: false);

        private void CloseWriter(bool throwOnError)
        {
            lock (_writerLock)
            {
                var writer = _writer;
                _writer = null;
                _writerClosed = true;
                if (writer == null) return;
                try
                {
                    writer.Flush();
                }
                catch (Exception) when (!throwOnError)
                {
                    // Stopping or already failing: Dispose still commits what it can.
                }
                finally
                {
                    try { writer.Dispose(); } catch (Exception) when (!throwOnError) { }
                }
            }
        }
    }
}
