using System;
using System.Management.Automation;
using MoaiPatterns.Input;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Commands
{
    /// <summary>New-MoaiPattern: builds an unsaved, validated pattern (new GUID id, UTC now unless given).</summary>
    [Cmdlet(VerbsCommon.New, "MoaiPattern", DefaultParameterSetName = FieldsSet)]
    [OutputType(typeof(MoaiPattern))]
    public sealed class NewMoaiPatternCommand : PSCmdlet
    {
        public const string FieldsSet = "Fields";
        public const string ErrorSet = "Error";

        /// <summary>An ErrorRecord or Exception (e.g. <c>$_</c> in a catch block) to turn into an ErrorOccurrence pattern.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ErrorSet)]
        [ValidateNotNull]
        public object ErrorRecord { get; set; } = null!;

        /// <summary>How the error was resolved (data.resolution), for -ErrorRecord.</summary>
        [Parameter(ParameterSetName = ErrorSet)]
        [ValidateNotNullOrEmpty]
        public string? Resolution { get; set; }

        /// <summary>The pattern type: an enum name or the seed's name (task_completion …).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = FieldsSet)]
        [PatternTypeTransformation]
        public PatternType Type { get; set; }

        /// <summary>The type-specific fields, as a hashtable or object with snake_case or PascalCase keys.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = FieldsSet)]
        [ValidateNotNull]
        public object Data { get; set; } = null!;

        /// <summary>Where and for whom the pattern was recorded (project_name, session_id, environment …).</summary>
        [Parameter]
        public object? Context { get; set; }

        /// <summary>Tags, stored in context.tags (added to any tags -Context already has).</summary>
        [Parameter]
        public string[]? Tag { get; set; }

        /// <summary>The pattern id; default: a new GUID.</summary>
        [Parameter]
        [Alias("PatternId")]
        public string? Id { get; set; }

        /// <summary>When it happened; default: now (UTC).</summary>
        [Parameter]
        public DateTimeOffset? Timestamp { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ErrorSet)
            {
                var raw = PowerShellValues.Unwrap(ErrorRecord);
                if (!ErrorRecordShape.IsError(raw))
                {
                    WriteError(new System.Management.Automation.ErrorRecord(new ArgumentException(
                        "-ErrorRecord takes an ErrorRecord ($_ in a catch block, $Error[0]) or an Exception, not " + raw!.GetType().FullName + "."),
                        ErrorIds.NotAnError, ErrorCategory.InvalidArgument, ErrorRecord));
                    return;
                }
                var data = ErrorRecordShape.ToData(raw!);
                if (Resolution != null) data["resolution"] = Resolution;
                Data = data;
                Type = PatternType.ErrorOccurrence;
            }
            try
            {
                var pattern = PatternInput.Create(Type, PowerShellValues.ToPlain(Data)!, PowerShellValues.ToPlain(Context), Tag, Id, Timestamp);
                WriteObject(pattern);
            }
            catch (InvalidPatternException ex)
            {
                WriteError(ErrorRecords.InvalidPattern(ex, Data));
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.InvalidArgument(ex.Message, Data));
            }
        }
    }
}
