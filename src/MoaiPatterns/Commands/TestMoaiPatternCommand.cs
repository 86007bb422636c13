using System;
using System.Management.Automation;
using MoaiPatterns.Input;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Commands
{
    /// <summary>Test-MoaiPattern: $true/$false per input (each item of an array given to -InputObject), or with -Detailed every violated rule.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "MoaiPattern")]
    [OutputType(typeof(bool))]
    [OutputType(typeof(ValidationResult))]
    public sealed class TestMoaiPatternCommand : PSCmdlet
    {
        /// <summary>A MoaiPattern, a hashtable or PSCustomObject shaped like the seed's dict, or a JSON string.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public object? InputObject { get; set; }

        /// <summary>Return a ValidationResult (IsValid, Errors with Field/Rule/Message) instead of a bool.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            // -InputObject @($a, $b) answers once per item, as "$a, $b | Test-MoaiPattern" does.
            var items = InputObject == null ? null : LanguagePrimitives.GetEnumerable(PowerShellValues.Unwrap(InputObject));
            if (items == null) TestOne(InputObject);
            else foreach (var item in items) TestOne(item);
        }

        private void TestOne(object? input)
        {
            ValidationResult result;
            if (input == null)
            {
                result = new ValidationResult(new[] { new ValidationError("", ValidationRules.Required, "The input is null: pass a pattern, a hashtable or an object.") });
            }
            else
            {
                try
                {
                    result = PatternInput.Check(PowerShellValues.ToPatternInput(input));
                }
                catch (ArgumentException ex)
                {
                    result = new ValidationResult(new[] { new ValidationError("", ValidationRules.Type, ex.Message) }, input);
                }
            }
            if (Detailed) WriteObject(result);
            else WriteObject(result.IsValid);
        }
    }
}
