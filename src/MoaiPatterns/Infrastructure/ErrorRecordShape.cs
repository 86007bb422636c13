using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// An ErrorRecord or Exception as the data of an ErrorOccurrence pattern (the seed's snake_case fields):
    /// error_type (the exception's full type name), error_message, stack_trace (the script stack trace, else
    /// the .NET one), file_path and line_number (where the script failed), function_name (the innermost
    /// script function), and, as extra fields the seed allows, command (the command that failed), error_id
    /// (FullyQualifiedErrorId) and category. Save-MoaiPattern, New-MoaiPattern and Find-MoaiResolution all
    /// read errors through this one conversion.
    /// </summary>
    internal static class ErrorRecordShape
    {
        // "at Get-Thing, /path/x.ps1: line 3" — the first frame names the innermost function.
        private static readonly Regex FirstFrame = new Regex(@"^\s*at\s+(?<fn>[^,\r\n]+),", RegexOptions.CultureInvariant);

        // "script:Invoke-Step" is the function Invoke-Step defined in script scope.
        private static readonly Regex ScopePrefix = new Regex(@"^(?:script|global|local|private):", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public static bool IsError(object? raw) => raw is ErrorRecord || raw is Exception;

        public static Dictionary<string, object?> ToData(object raw)
        {
            switch (raw)
            {
                case ErrorRecord record: return FromRecord(record);
                case IContainsErrorRecord carrier when carrier.ErrorRecord != null && carrier.ErrorRecord.InvocationInfo != null:
                    return FromRecord(carrier.ErrorRecord);
                case Exception ex: return FromException(ex);
                default: throw new ArgumentException("not an error", nameof(raw));
            }
        }

        private static Dictionary<string, object?> FromException(Exception ex)
        {
            var d = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["error_type"] = ex.GetType().FullName ?? ex.GetType().Name,
                ["error_message"] = Message(ex),
            };
            if (!string.IsNullOrWhiteSpace(ex.StackTrace)) d["stack_trace"] = ex.StackTrace!.Trim();
            return d;
        }

        private static Dictionary<string, object?> FromRecord(ErrorRecord record)
        {
            var ex = record.Exception;
            var d = ex != null ? FromException(ex) : new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["error_type"] = "ErrorRecord",
                ["error_message"] = record.ToString(),
            };
            var message = record.ErrorDetails?.Message;
            if (!string.IsNullOrWhiteSpace(message)) d["error_message"] = message!.Trim();
            var stack = record.ScriptStackTrace;
            if (!string.IsNullOrWhiteSpace(stack))
            {
                d["stack_trace"] = stack.Trim();
                var frame = FirstFrame.Match(stack);
                if (frame.Success)
                {
                    var fn = ScopePrefix.Replace(frame.Groups["fn"].Value.Trim(), "");
                    if (fn.Length > 0 && fn != "<ScriptBlock>") d["function_name"] = fn;
                }
            }
            var at = record.InvocationInfo;
            if (at != null)
            {
                if (!string.IsNullOrEmpty(at.ScriptName)) d["file_path"] = at.ScriptName;
                if (at.ScriptLineNumber > 0) d["line_number"] = (long)at.ScriptLineNumber;
                var command = at.MyCommand?.Name;
                if (!string.IsNullOrEmpty(command)) d["command"] = command;
            }
            if (!string.IsNullOrEmpty(record.FullyQualifiedErrorId)) d["error_id"] = record.FullyQualifiedErrorId;
            d["category"] = record.CategoryInfo.Category.ToString();
            return d;
        }

        private static string Message(Exception ex)
        {
            var m = ex.Message;
            return string.IsNullOrWhiteSpace(m) ? ex.GetType().Name : m.Trim();
        }
    }
}
