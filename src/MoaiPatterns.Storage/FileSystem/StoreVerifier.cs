using System;
using System.Collections.Generic;
using System.IO;
using MoaiPatterns.Serialization;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>What is wrong with one file found by <see cref="StoreVerifier"/>.</summary>
    internal enum FileFindingKind
    {
        /// <summary>Not a readable pattern (truncated, garbage, bad gzip, too large, unsafe id): quarantine it.</summary>
        Unreadable,
        /// <summary>A readable pattern whose canonical name says another type or id: quarantine it.</summary>
        NameMismatch,
        /// <summary>Name and content agree, but the index files another id at this path: re-index it.</summary>
        IndexMismatch,
        /// <summary>A readable pattern in a .json file not named like a pattern file: rename it to its canonical name.</summary>
        Misnamed,
        /// <summary>A symbolic link or junction where a pattern file would be: reported, never read, moved or deleted.</summary>
        Link,
        /// <summary>The index's facts for this file disagree with it (edited by hand or by another program): re-index it.</summary>
        FactsStale,
        /// <summary>The index has no facts for this file (the original's or an earlier release's entry): not a problem; re-indexed to fill them.</summary>
        FactsMissing,
    }

    /// <summary>One file Repair must act on.</summary>
    internal sealed class FileFinding
    {
        public FileFinding(FileFindingKind kind, string relativePath, string problem, IndexEntry? canonical = null, string? patternId = null)
        {
            Kind = kind;
            RelativePath = relativePath;
            Problem = problem;
            Canonical = canonical;
            PatternId = patternId;
        }

        public FileFindingKind Kind { get; }
        public string RelativePath { get; }
        public string Problem { get; }
        /// <summary>For <see cref="FileFindingKind.Misnamed"/>: the pattern's entry at its canonical path.</summary>
        public IndexEntry? Canonical { get; }
        public string? PatternId { get; }
    }

    /// <summary>
    /// Repair's full check: reads and parses every .json / .json.gz file in the date folders, one at a
    /// time (only findings are kept, never patterns), and says which files are unreadable, misnamed or
    /// disagree with their name or the index. Open/Find/Get never do this; they trust names and the index.
    /// </summary>
    internal static class StoreVerifier
    {
        /// <param name="layout">The store.</param>
        /// <param name="index">The index as it stands.</param>
        /// <param name="linkedFolders">Collects the date folders that are links (not entered).</param>
        public static List<FileFinding> Scan(StoreLayout layout, FileSystemIndex index, List<string> linkedFolders)
        {
            var findings = new List<FileFinding>();
            var strays = new List<string>();
            var links = new List<string>();
            foreach (var day in StoreScanner.DayFolders(layout.Root, newestFirst: false, links: linkedFolders))
            {
                strays.Clear();
                links.Clear();
                var prefix = layout.RelativePath(day.FullPath) + "/";
                var names = StoreScanner.CheckedPatternFileNames(day.FullPath, links, strays);
                names.AddRange(strays);
                foreach (var name in links)
                    findings.Add(new FileFinding(FileFindingKind.Link, prefix + name, LinkRefusedException.Describe(Path.Combine(day.FullPath, name)) + ". Replace it with the file itself, or remove it."));
                foreach (var name in names)
                {
                    var finding = Check(layout, index, prefix + name);
                    if (finding != null) findings.Add(finding);
                }
            }
            return findings;
        }

        /// <summary>Reads one file; null when it is gone or is a good pattern file.</summary>
        public static FileFinding? Check(StoreLayout layout, FileSystemIndex index, string rel)
        {
            var full = layout.FullPath(rel);
            var name = rel.Substring(rel.LastIndexOf('/') + 1);
            MoaiPattern pattern;
            try
            {
                var bytes = PatternFileReader.ReadBytes(full);
                if (bytes == null) return null;
                pattern = PatternJson.Parse(bytes);
            }
            catch (LinkRefusedException)
            {
                return new FileFinding(FileFindingKind.Link, rel, LinkRefusedException.Describe(full) + ". Replace it with the file itself, or remove it.");
            }
            catch (Exception e) when (PatternFileReader.IsReadFailure(e))
            {
                return new FileFinding(FileFindingKind.Unreadable, rel, $"'{full}' is not a readable pattern ({e.Message}).");
            }
            if (!StoreLayout.IsSafeId(pattern.PatternId))
                return new FileFinding(FileFindingKind.Unreadable, rel, $"'{full}' holds an unsafe pattern id.");
            var indexedId = index.IdAt(rel) ?? index.IdAt(StoreLayout.Twin(rel));
            if (!StoreLayout.TryParseCanonicalName(name, out var nameType, out var idPart))
            {
                var target = StoreLayout.RelativePathFor(pattern) + (StoreLayout.IsGzip(name) ? ".gz" : ""); // keeps its compression
                var canonical = IndexEntry.For(pattern, target);
                return new FileFinding(FileFindingKind.Misnamed, rel,
                    $"'{full}' is not named like a pattern file ('<type>_<yyyyMMdd_HHmmss>_<id>.json'); it holds pattern '{pattern.PatternId}'.",
                    canonical, pattern.PatternId);
            }
            if (!StoreLayout.NameAgrees(nameType, idPart, pattern))
            {
                var by = indexedId != null && indexedId != pattern.PatternId ? $"the index and its name say '{indexedId}'" : $"its name says '{idPart}' ({nameType.ToWireName()})";
                return new FileFinding(FileFindingKind.NameMismatch, rel,
                    $"'{full}' holds pattern '{pattern.PatternId}' ({pattern.PatternType.ToWireName()}), but {by}.", null, pattern.PatternId);
            }
            if (indexedId != null && indexedId != pattern.PatternId)
                return new FileFinding(FileFindingKind.IndexMismatch, rel,
                    $"Index entry '{indexedId}' points to '{full}', which holds pattern '{pattern.PatternId}'.", null, pattern.PatternId);
            var entry = indexedId == null ? null : index.Find(indexedId);
            if (entry == null) return null; // not indexed: the rebuild reads it anyway
            if (entry.Facts == null)
                return new FileFinding(FileFindingKind.FactsMissing, rel, $"Index entry '{indexedId}' has no query keys.", null, pattern.PatternId);
            if (!IndexFacts.Same(entry.Facts, Analysis.PatternFacts.Of(pattern)))
                return new FileFinding(FileFindingKind.FactsStale, rel,
                    $"The index's query keys for pattern '{pattern.PatternId}' disagree with '{full}' (the file was changed outside this module).", null, pattern.PatternId);
            return null;
        }
    }
}
