using System;
using System.Collections.Generic;
using System.IO;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>What a rebuild of the index from the files found.</summary>
    internal sealed class RebuildReport
    {
        public Dictionary<string, IndexEntry> Map { get; } = new Dictionary<string, IndexEntry>(StringComparer.Ordinal);
        public List<string> Problems { get; } = new List<string>();
        /// <summary>Relative paths of files that could not be read as patterns.</summary>
        public List<string> Unreadable { get; } = new List<string>();
        /// <summary>Relative paths of second copies of a pattern (e.g. .json beside its .json.gz).</summary>
        public List<string> Duplicates { get; } = new List<string>();
        /// <summary>Relative paths of pattern files that are symbolic links (never read).</summary>
        public List<string> Links { get; } = new List<string>();
        /// <summary>The warning for each unreadable or linked file, by relative path.</summary>
        public Dictionary<string, StoreWarning> Failures { get; } = new Dictionary<string, StoreWarning>(StringComparer.Ordinal);
    }

    /// <summary>
    /// Rebuilds the index from the pattern files, using an old index (e.g. the original's index.json)
    /// as a hint so only files it does not account for are read. Stale entries (.json gzipped since
    /// to .json.gz) are resolved.
    /// </summary>
    internal static class IndexRebuilder
    {
        /// <param name="layout">The store.</param>
        /// <param name="hint">An old index whose entries are taken without reading their files.</param>
        /// <param name="exclude">Files Repair already reported and moves aside: treated as absent, index entries to them dropped.</param>
        /// <param name="distrust">Files whose index entry is wrong: read instead of taking the index's word.</param>
        public static RebuildReport Rebuild(StoreLayout layout, IReadOnlyDictionary<string, IndexEntry>? hint,
            ISet<string>? exclude = null, ISet<string>? distrust = null)
        {
            var report = new RebuildReport();
            var files = new HashSet<string>(StringComparer.Ordinal);
            var ordered = new List<string>();
            foreach (var day in StoreScanner.DayFolders(layout.Root, newestFirst: false))
            {
                var prefix = layout.RelativePath(day.FullPath) + "/";
                foreach (var name in StoreScanner.PatternFileNames(day.FullPath))
                {
                    if (exclude != null && exclude.Contains(prefix + name)) continue;
                    files.Add(prefix + name);
                    ordered.Add(prefix + name);
                }
            }

            var claimed = new HashSet<string>(StringComparer.Ordinal);
            if (hint != null)
            {
                foreach (var kv in hint)
                {
                    var entry = kv.Value;
                    if (IsListed(exclude, entry.Path) || IsListed(distrust, entry.Path)) continue; // reported by Repair's check
                    string? path = files.Contains(entry.Path) ? entry.Path
                        : files.Contains(StoreLayout.Twin(entry.Path)) ? StoreLayout.Twin(entry.Path) : null;
                    if (path == null)
                    {
                        report.Problems.Add($"Index entry '{kv.Key}' points to '{entry.Path}', which does not exist.");
                        continue;
                    }
                    if (!claimed.Add(path)) continue;
                    if (path != entry.Path) report.Problems.Add($"Index entry '{kv.Key}' points to '{entry.Path}'; the file is now '{path}'.");
                    report.Map[kv.Key] = entry.WithPath(path);
                }
            }

            foreach (var rel in ordered)
            {
                if (claimed.Contains(rel)) continue;
                var full = layout.FullPath(rel);
                MoaiPattern pattern;
                try
                {
                    var bytes = PatternFileReader.ReadBytes(full);
                    if (bytes == null) continue;
                    pattern = PatternJson.Parse(bytes);
                }
                catch (Exception e) when (PatternFileReader.IsReadFailure(e))
                {
                    report.Failures[rel] = PatternFileReader.Unreadable(full, e);
                    if (e is LinkRefusedException)
                    {
                        report.Links.Add(rel);
                        report.Problems.Add(LinkRefusedException.Describe(full) + ".");
                    }
                    else
                    {
                        report.Unreadable.Add(rel);
                        report.Problems.Add($"'{full}' is not a readable pattern ({e.Message}).");
                    }
                    continue;
                }
                if (!StoreLayout.IsSafeId(pattern.PatternId))
                {
                    report.Failures[rel] = new StoreWarning(full, new CorruptPatternFileException(full, "it holds an unsafe pattern id").Message);
                    report.Unreadable.Add(rel);
                    report.Problems.Add($"'{full}' holds an unsafe pattern id.");
                    continue;
                }
                if (report.Map.TryGetValue(pattern.PatternId, out var existing))
                {
                    report.Duplicates.Add(rel);
                    report.Problems.Add($"'{full}' is a second copy of pattern '{pattern.PatternId}' (kept: '{existing.Path}').");
                    continue;
                }
                if (hint != null) report.Problems.Add($"'{full}' was missing from the index.");
                report.Map[pattern.PatternId] = IndexEntry.For(pattern, rel);
            }
            return report;
        }

        private static bool IsListed(ISet<string>? set, string rel) =>
            set != null && (set.Contains(rel) || set.Contains(StoreLayout.Twin(rel)));
    }
}
