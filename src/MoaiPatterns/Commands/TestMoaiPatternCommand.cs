using System;
using System.Management.Automation;
using MoaiPatterns.Input;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Commands
{
    /// <summary>Test-MoaiPattern: $true/$false per input, or with -Detailed every violated rule.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "MoaiPattern")]
    [OutputType(typeof(bool))]
    [OutputType(typeof(ValidationResult))]
    public sealed class TestMoaiPatternCommand : PSCmdlet
    {
        /// <summary>A MoaiPattern, a hashtable or PSCustomObject shaped like the seed's dict, or a JSON string.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        public object? InputObject { get; set; }

        /// <summary>Return a ValidationResult (IsValid, Errors with Field/Rule/Message) instead of a bool.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            ValidationResult result;
            if (InputObject == null)
            {
                result = new ValidationResult(new[] { new ValidationError("", ValidationRules.Required, "The input is null: pass a pattern, a hashtable or an object.") });
            }
            else
            {
                try
                {
                    result = PatternInput.Check(PowerShellValues.ToPatternInput(InputObject));
                }
                catch (ArgumentException ex)
                {
                    result = new ValidationResult(new[] { new ValidationError("", ValidationRules.Type, ex.Message) }, InputObject);
                }
            }
            if (Detailed) WriteObject(result);
            else WriteObject(result.IsValid);
        }
    }
}
