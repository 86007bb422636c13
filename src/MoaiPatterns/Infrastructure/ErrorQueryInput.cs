using System;
using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;
using MoaiPatterns.Input;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Commands
{
    /// <summary>What Find-MoaiResolution accepts as an error, turned into the data of an ErrorOccurrence.</summary>
    internal static class ErrorQueryInput
    {
        public const string Accepted =
            "an error message string, an ErrorRecord ($_ in a catch block, $Error[0]), an Exception, or an ErrorOccurrence pattern or hashtable (with error_type and error_message)";

        // "FileNotFoundError: [Errno 2] …" or "System.IO.IOException: …": a leading type name is the error type.
        private static readonly Regex TypePrefix = new Regex(
            @"^\s*(?<type>[A-Za-z_][\w.]*?(?:Error|Exception|Warning|Fault|Failure))\s*:\s*(?<message>.+)$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);

        /// <exception cref="ArgumentException">The input is not an error; the message names what is accepted.</exception>
        public static ErrorOccurrenceData ToErrorData(object? input)
        {
            var raw = PowerShellValues.Unwrap(input);
            switch (raw)
            {
                case null:
                    throw NotAnError("null");
                case string s:
                    if (string.IsNullOrWhiteSpace(s)) throw NotAnError("an empty string");
                    var m = TypePrefix.Match(s);
                    return m.Success
                        ? new ErrorOccurrenceData { ErrorType = m.Groups["type"].Value, ErrorMessage = m.Groups["message"].Value.Trim() }
                        : new ErrorOccurrenceData { ErrorType = "", ErrorMessage = s.Trim() };
                case ErrorRecord _:
                case Exception _:
                    return Validated(PatternInput.CreateValidated(PatternType.ErrorOccurrence, ErrorRecordShape.ToData(raw)), raw);
                case MoaiPattern pattern:
                    return pattern.Data as ErrorOccurrenceData ?? throw NotAnError("a " + pattern.PatternType + " pattern");
                case IDictionary _:
                case PSObject _:
                    return FromBag(input!);
                default:
                    throw NotAnError(raw is IEnumerable ? "a collection (" + raw.GetType().Name + ")" : raw.GetType().FullName + " '" + raw + "'");
            }
        }

        private static ErrorOccurrenceData FromBag(object input)
        {
            var plain = PowerShellValues.ToPatternInput(input);
            var isPattern = plain is IDictionary d && (d.Contains("pattern_type") || d.Contains("PatternType") || d.Contains("data") || d.Contains("Data"));
            try
            {
                var valid = isPattern
                    ? PatternArguments.ToValidated(input)
                    : PatternInput.CreateValidated(PatternType.ErrorOccurrence, plain);
                return Validated(valid, input);
            }
            catch (InvalidPatternException ex)
            {
                throw new ArgumentException("The input is not a valid error: " + ex.Message + " Find-MoaiResolution accepts " + Accepted + ".", ex);
            }
        }

        private static ErrorOccurrenceData Validated(ValidatedPattern valid, object input) =>
            valid.Pattern.Data as ErrorOccurrenceData ?? throw NotAnError("a " + valid.Pattern.PatternType + " pattern");

        private static ArgumentException NotAnError(string what) =>
            new ArgumentException("Find-MoaiResolution needs an error, not " + what + ". It accepts " + Accepted + ".");
    }
}
