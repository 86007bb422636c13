using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using MoaiPatterns.Input;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Serialization
{
    /// <summary>One pattern read from a pattern file: the validated pattern, or why its line was refused.</summary>
    public sealed class PatternFileEntry
    {
        internal PatternFileEntry(ValidatedPattern pattern, long lineNumber)
        {
            Pattern = pattern;
            LineNumber = lineNumber;
        }

        internal PatternFileEntry(InvalidPatternLineException error, string? text)
        {
            Error = error;
            LineNumber = error.LineNumber;
            Text = text;
        }

        /// <summary>The pattern, validated through <see cref="PatternInput"/>; null when <see cref="Error"/> is set.</summary>
        public ValidatedPattern? Pattern { get; }

        /// <summary>Why the line (or array item) is not a pattern; null when <see cref="Pattern"/> is set.</summary>
        public InvalidPatternLineException? Error { get; }

        /// <summary>The 1-based line on which the pattern starts (after decompression).</summary>
        public long LineNumber { get; }

        /// <summary>The refused line's text when it was read whole (not for a line over the size cap); null for a pattern.</summary>
        public string? Text { get; }
    }

    /// <summary>A line (or array item) of a pattern file that is not a valid pattern; the message names the file and the line.</summary>
    public sealed class InvalidPatternLineException : Exception
    {
        public InvalidPatternLineException(string? filePath, long lineNumber, long? itemNumber, InvalidPatternException inner)
            : base(Where(filePath, lineNumber, itemNumber) + ": " + inner.Message, inner)
        {
            FilePath = filePath;
            LineNumber = lineNumber;
            ItemNumber = itemNumber;
            Errors = inner.Errors;
            PatternId = inner.PatternId;
        }

        /// <summary>The file, or null for a stream read without a name.</summary>
        public string? FilePath { get; }

        /// <summary>The 1-based line on which the refused pattern starts.</summary>
        public long LineNumber { get; }

        /// <summary>In a file holding one JSON array: the 1-based position of the item; null in JSON Lines.</summary>
        public long? ItemNumber { get; }

        public IReadOnlyList<ValidationError> Errors { get; }

        public string? PatternId { get; }

        private static string Where(string? filePath, long line, long? item)
        {
            var at = item == null
                ? "Line " + line.ToString(CultureInfo.InvariantCulture)
                : "Item " + item.Value.ToString(CultureInfo.InvariantCulture) + " (line " + line.ToString(CultureInfo.InvariantCulture) + ")";
            return filePath == null ? at : at + " of '" + filePath + "'";
        }
    }

    /// <summary>A pattern file cannot be read at all, or not past a point (bad gzip data, a broken JSON array).</summary>
    public sealed class PatternFileReadException : IOException
    {
        public PatternFileReadException(string? filePath, string message, Exception? inner = null)
            : base((filePath == null ? "The pattern file" : "The pattern file '" + filePath + "'") + " " + message, inner)
        {
            FilePath = filePath;
        }

        public string? FilePath { get; }
    }

    /// <summary>The export target exists and was not to be overwritten.</summary>
    public sealed class PatternFileExistsException : IOException
    {
        public PatternFileExistsException(string filePath)
            : base($"The file '{filePath}' already exists and is not to be overwritten.")
        {
            FilePath = filePath;
        }

        public string FilePath { get; }
    }
}
