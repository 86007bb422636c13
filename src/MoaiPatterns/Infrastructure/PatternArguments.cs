using System.Collections;
using MoaiPatterns.Input;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Commands
{
    /// <summary>What a cmdlet taking patterns (-InputObject) does with each item, in one place.</summary>
    internal static class PatternArguments
    {
        /// <summary>
        /// Validated once, through the one way in: a typed pattern as it is, a hashtable converted in one
        /// pass with PSObject values adapted on the way, an ErrorRecord or Exception as an ErrorOccurrence
        /// (<see cref="ErrorRecordShape"/>), other shapes flattened first.
        /// </summary>
        /// <exception cref="InvalidPatternException">The input breaks one or more rules.</exception>
        public static ValidatedPattern ToValidated(object input)
        {
            switch (PowerShellValues.Unwrap(input))
            {
                case MoaiPattern typed: return PatternInput.ToValidated(typed);
                case System.Management.Automation.ErrorRecord _:
                case System.Exception _:
                    return PatternInput.CreateValidated(PatternType.ErrorOccurrence, ErrorRecordShape.ToData(PowerShellValues.Unwrap(input)!));
                case IDictionary dictionary: return PatternInput.ToValidated(dictionary, PowerShellValues.Adapt);
                default: return PatternInput.ToValidated(PowerShellValues.ToPatternInput(input));
            }
        }

        /// <summary>The violation reported for a null item.</summary>
        public static InvalidPatternException NullInput() => new InvalidPatternException(new[]
            { new ValidationError("", ValidationRules.Required, "The input is null: pass a pattern, a hashtable or an object.") });
    }
}
