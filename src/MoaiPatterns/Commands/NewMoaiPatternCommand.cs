using System;
using System.Management.Automation;
using MoaiPatterns.Input;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Commands
{
    /// <summary>New-MoaiPattern: builds an unsaved, validated pattern (new GUID id, UTC now unless given).</summary>
    [Cmdlet(VerbsCommon.New, "MoaiPattern")]
    [OutputType(typeof(MoaiPattern))]
    public sealed class NewMoaiPatternCommand : PSCmdlet
    {
        /// <summary>The pattern type: an enum name or the seed's name (task_completion …).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [PatternTypeTransformation]
        public PatternType Type { get; set; }

        /// <summary>The type-specific fields, as a hashtable or object with snake_case or PascalCase keys.</summary>
        [Parameter(Mandatory = true, Position = 1)]
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
