using System;
using System.IO;
using System.Management.Automation;
using MoaiPatterns.Serialization;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Commands
{
    /// <summary>Builds the module's ErrorRecords so every cmdlet reports the same failure the same way.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord InvalidPattern(InvalidPatternException ex, object? input) =>
            new ErrorRecord(ex, ErrorIds.InvalidPattern, ErrorCategory.InvalidData, input)
            {
                ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = "Fix the fields named in the message (Test-MoaiPattern -Detailed lists every problem), then save again.",
                },
            };

        /// <summary>A line of a pattern file that is no valid pattern; the target is the line's text (null for one over the size cap).</summary>
        public static ErrorRecord InvalidPatternLine(InvalidPatternLineException ex, string? lineText) =>
            new ErrorRecord(ex, ErrorIds.InvalidPattern, ErrorCategory.InvalidData, lineText)
            {
                ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = "Fix or remove the line named in the message (Test-MoaiPattern -Detailed on its text lists every problem); the other lines were imported.",
                },
            };

        public static ErrorRecord PatternNotFound(string id, string storePath)
        {
            var ex = new ItemNotFoundException($"No pattern with id '{id}' exists in the store '{storePath}'. Use Find-MoaiPattern to list the patterns it holds.");
            return new ErrorRecord(ex, ErrorIds.PatternNotFound, ErrorCategory.ObjectNotFound, id);
        }

        // The engine's messages say what happened; what to do next names cmdlets, so it is added here.
        public static ErrorRecord StoreNotFound(StoreNotFoundException ex) =>
            WithAdvice(new ErrorRecord(ex, ErrorIds.StoreNotFound, ErrorCategory.ObjectNotFound, ex.StorePath), ex,
                PatternStores.IsAddress(ex.StorePath)
                    ? "Check the database and schema in the address; saving a pattern creates the schema and its tables, never the database."
                    : "Save a pattern there to create it, or pass -Store with the path of an existing store.");

        public static ErrorRecord StoreCorrupt(StoreCorruptException ex) => StoreCorrupt(ex, ErrorCategory.InvalidData);

        public static ErrorRecord StoreRemoved(StoreRemovedException ex) =>
            WithAdvice(new ErrorRecord(ex, ErrorIds.StoreRemoved, ErrorCategory.ResourceUnavailable, ex.StorePath), ex,
                "Check where the store went (Get-MoaiPatternStore), then watch it at its new path.");

        private static ErrorRecord StoreCorrupt(StoreCorruptException ex, ErrorCategory category) =>
            WithAdvice(new ErrorRecord(ex, ErrorIds.StoreCorrupt, category, ex.StorePath), ex,
                $"Run Repair-MoaiPatternStore -Store '{ex.StorePath}' -WhatIf to see what can be recovered.");

        private static ErrorRecord WithAdvice(ErrorRecord record, Exception ex, string advice)
        {
            record.ErrorDetails = new ErrorDetails(ex.Message.TrimEnd() + " " + advice) { RecommendedAction = advice };
            return record;
        }

        /// <summary>-Store names something that is no store at all (a CSV file): the argument is wrong, nothing needs repair.</summary>
        public static ErrorRecord NotAPatternStore(NotAPatternStoreException ex) =>
            new ErrorRecord(ex, ErrorIds.NotAPatternStore, ErrorCategory.InvalidArgument, ex.StorePath)
            {
                ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = "Pass the folder of a filesystem store or a SQLite database file as -Store.",
                },
            };

        /// <summary>An I/O or access failure that makes the store unusable for this call.</summary>
        public static ErrorRecord StoreUnreadable(Exception ex, string storePath)
        {
            var wrapped = new StoreCorruptException(storePath, ex.Message.TrimEnd('.') + ".", ex);
            var category = ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ReadError;
            return StoreCorrupt(wrapped, category);
        }

        public static ErrorRecord StoreAccess(StoreAccessException ex)
        {
            switch (ex.Failure)
            {
                case StoreFailure.ReadOnly: return new ErrorRecord(ex, ErrorIds.StoreReadOnly, ErrorCategory.PermissionDenied, ex.StorePath);
                case StoreFailure.Busy: return new ErrorRecord(ex, ErrorIds.StoreBusy, ErrorCategory.ResourceBusy, ex.StorePath);
                case StoreFailure.Full: return new ErrorRecord(ex, ErrorIds.StoreFull, ErrorCategory.WriteError, ex.StorePath);
                case StoreFailure.Unreachable: return new ErrorRecord(ex, ErrorIds.StoreUnreachable, ErrorCategory.ConnectionError, ex.StorePath);
                case StoreFailure.AuthenticationFailed: return new ErrorRecord(ex, ErrorIds.StoreAuthenticationFailed, ErrorCategory.AuthenticationError, ex.StorePath);
                case StoreFailure.PermissionDenied: return new ErrorRecord(ex, ErrorIds.StorePermissionDenied, ErrorCategory.PermissionDenied, ex.StorePath);
                default: return new ErrorRecord(ex, ErrorIds.StoreIOError, ErrorCategory.WriteError, ex.StorePath);
            }
        }

        public static ErrorRecord CorruptPatternFile(CorruptPatternFileException ex) =>
            WithAdvice(new ErrorRecord(ex, ErrorIds.CorruptPatternFile, ErrorCategory.ReadError, ex.FilePath), ex,
                "Repair-MoaiPatternStore can move it aside.");

        public static ErrorRecord InvalidArgument(string message, object? target) =>
            new ErrorRecord(new ArgumentException(message), ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, target);

        /// <summary>Maps an engine exception to its ErrorRecord; null when it is not one of ours.</summary>
        public static ErrorRecord? FromStoreException(Exception ex, string storePath)
        {
            switch (ex)
            {
                case StoreNotFoundException nf: return StoreNotFound(nf);
                case StoreRemovedException sr: return StoreRemoved(sr);
                case StoreCorruptException sc: return StoreCorrupt(sc);
                case StoreAccessException sa: return StoreAccess(sa);
                case NotAPatternStoreException nps: return NotAPatternStore(nps);
                case IOException _:
                case UnauthorizedAccessException _:
                    return StoreUnreadable(ex, storePath);
                default: return null;
            }
        }
    }
}
