using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Import-MoaiPattern: reads pattern files (.jsonl, .jsonl.gz, or one JSON array of patterns) and writes
    /// each valid pattern to the pipeline as it is read. A bad line is a non-terminating InvalidPattern error
    /// naming the file and the line, and the lines after it are still read.
    /// </summary>
    [Cmdlet(VerbsData.Import, "MoaiPattern")]
    [OutputType(typeof(MoaiPattern))]
    public sealed class ImportMoaiPatternCommand : PSCmdlet
    {
        /// <summary>The files to read; relative to the PowerShell location; wildcards allowed. Also from the pipeline (Get-ChildItem output, by FullName).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = null!;

        protected override void ProcessRecord()
        {
            foreach (var path in Path)
            {
                foreach (var file in Resolve(path)) ImportFile(file);
            }
        }

        /// <summary>A file that exists as named, else the wildcard's matches; a FileNotFound error when there is none.</summary>
        private IEnumerable<string> Resolve(string path)
        {
            var full = StoreLocation.ToFullPath(path, SessionState);
            if (File.Exists(full)) return new[] { full };
            if (Directory.Exists(full))
            {
                WriteError(ErrorRecords.InvalidArgument($"'{full}' is a folder; give pattern files (Get-ChildItem '{full}' -Filter *.jsonl | Import-MoaiPattern).", path));
                return Array.Empty<string>();
            }
            if (WildcardPattern.ContainsWildcardCharacters(path))
            {
                var found = new List<string>();
                try
                {
                    foreach (var p in SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider))
                        if (provider.Name == "FileSystem" && File.Exists(p)) found.Add(p);
                }
                catch (ItemNotFoundException) { }
                if (found.Count > 0) return found;
            }
            var ex = new ItemNotFoundException($"Cannot find the pattern file '{full}'.");
            WriteError(new ErrorRecord(ex, ErrorIds.FileNotFound, ErrorCategory.ObjectNotFound, path));
            return Array.Empty<string>();
        }

        private void ImportFile(string file)
        {
            long imported = 0, refused = 0;
            using (var entries = PatternJsonLines.Read(file).GetEnumerator())
            {
                while (true)
                {
                    // Only reading is guarded: what the pipeline does with an object is its own affair.
                    PatternFileEntry entry;
                    try
                    {
                        if (!entries.MoveNext()) break;
                        entry = entries.Current;
                    }
                    catch (FileNotFoundException ex)
                    {
                        WriteError(new ErrorRecord(new ItemNotFoundException($"Cannot find the pattern file '{file}'.", ex), ErrorIds.FileNotFound, ErrorCategory.ObjectNotFound, file));
                        return;
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        var category = ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ReadError;
                        var error = ex is PatternFileReadException ? ex : new IOException($"Cannot read the pattern file '{file}': {ex.Message}", ex);
                        WriteError(new ErrorRecord(error, ErrorIds.FileReadError, category, file));
                        break;
                    }
                    if (entry.Pattern != null)
                    {
                        imported++;
                        WriteObject(entry.Pattern.Pattern);
                    }
                    else
                    {
                        refused++;
                        WriteError(ErrorRecords.InvalidPatternLine(entry.Error!, entry.Text));
                    }
                }
            }
            WriteVerbose($"Imported {imported} pattern(s) from '{file}'" + (refused > 0 ? $"; {refused} line(s) were not valid patterns." : "."));
        }
    }
}
