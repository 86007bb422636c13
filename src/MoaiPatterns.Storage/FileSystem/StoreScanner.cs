using System;
using System.Collections.Generic;
using System.IO;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>One YYYY/MM/DD folder and the date its name says.</summary>
    internal readonly struct DayFolder
    {
        public DayFolder(DateTime date, string fullPath)
        {
            Date = date;
            FullPath = fullPath;
        }

        /// <summary>Midnight of the folder's date (UTC for our writes, the writer's local clock for the original's).</summary>
        public DateTime Date { get; }

        public string FullPath { get; }

        /// <summary>
        /// The earliest UTC instant a pattern in this folder can have: the original filed by the
        /// timestamp's own clock (offsets -12:00..+14:00), so allow a whole day either side.
        /// </summary>
        public long MinUnixMs => ToUnixMs(Date.AddDays(-1));

        /// <summary>Every pattern in this folder is strictly before this UTC instant.</summary>
        public long MaxUnixMsExclusive => ToUnixMs(Date.AddDays(2));

        private static long ToUnixMs(DateTime utcMidnight) =>
            new DateTimeOffset(DateTime.SpecifyKind(utcMidnight, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
    }

    /// <summary>
    /// The one walker of a store's folders, used by every operation: it never follows a symbolic link or
    /// junction (at any level: year, month, day folder, or a file where it checks files), so nothing outside
    /// the store is ever read, deleted or compressed through one. Pattern files in the hot listing are not
    /// stat-ed one by one; the reader refuses a linked file when it opens it (O_NOFOLLOW on Linux).
    /// </summary>
    internal static class StoreScanner
    {
        /// <summary>
        /// Day folders, newest first (or oldest first), whose date lies within the given bounds (inclusive).
        /// A date folder (year, month or day) that is a link is skipped; <c>links</c>, when given, collects its path.
        /// </summary>
        public static IEnumerable<DayFolder> DayFolders(string root, bool newestFirst, DateTime? minDate = null, DateTime? maxDate = null, List<string>? links = null)
        {
            foreach (var (year, yearDir) in Children(root, 4, 1, 9999, newestFirst, links))
            {
                if (minDate != null && year < minDate.Value.Year) continue;
                if (maxDate != null && year > maxDate.Value.Year) continue;
                foreach (var (month, monthDir) in Children(yearDir, 2, 1, 12, newestFirst, links))
                {
                    if (minDate != null && (year * 12 + month) < (minDate.Value.Year * 12 + minDate.Value.Month)) continue;
                    if (maxDate != null && (year * 12 + month) > (maxDate.Value.Year * 12 + maxDate.Value.Month)) continue;
                    foreach (var (day, dayDir) in Children(monthDir, 2, 1, 31, newestFirst, links))
                    {
                        if (day > DateTime.DaysInMonth(year, month)) continue;
                        var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
                        if (minDate != null && date < minDate.Value) continue;
                        if (maxDate != null && date > maxDate.Value) continue;
                        yield return new DayFolder(date, dayDir);
                    }
                }
            }
        }

        /// <summary>Names of the pattern files (.json / .json.gz with a pattern-type prefix) in one folder.</summary>
        public static List<string> PatternFileNames(string dayDir)
        {
            var names = new List<string>();
            try
            {
                foreach (var path in Directory.EnumerateFiles(dayDir))
                {
                    var name = Path.GetFileName(path);
                    if (StoreLayout.IsPatternFileName(name)) names.Add(name);
                }
            }
            catch (DirectoryNotFoundException) { }
            return names;
        }

        /// <summary>
        /// As <see cref="PatternFileNames(string)"/>, and in the same directory listing collects into
        /// <paramref name="strays"/> the .json / .json.gz files without a pattern-type prefix (named by hand or another tool).
        /// </summary>
        public static List<string> PatternFileNames(string dayDir, List<string> strays)
        {
            var names = new List<string>();
            try
            {
                foreach (var path in Directory.EnumerateFiles(dayDir))
                {
                    var name = Path.GetFileName(path);
                    if (StoreLayout.IsPatternFileName(name)) names.Add(name);
                    else if (StoreLayout.IsJsonFileName(name)) strays.Add(name);
                }
            }
            catch (DirectoryNotFoundException) { }
            return names;
        }

        /// <summary>
        /// For maintenance that deletes or renames by name without reading (retention, Repair): the pattern
        /// files of one folder, each checked not to be a link (one lstat per file); links go to <paramref name="links"/>
        /// (file names), .json files not named like patterns to <paramref name="strays"/> when given.
        /// </summary>
        public static List<string> CheckedPatternFileNames(string dayDir, List<string> links, List<string>? strays = null)
        {
            var names = new List<string>();
            try
            {
                foreach (var file in new DirectoryInfo(dayDir).EnumerateFiles())
                {
                    var name = file.Name;
                    var pattern = StoreLayout.IsPatternFileName(name);
                    if (!pattern && (strays == null || !StoreLayout.IsJsonFileName(name))) continue;
                    if (IsLink(file)) links.Add(name);
                    else if (pattern) names.Add(name);
                    else strays!.Add(name);
                }
            }
            catch (DirectoryNotFoundException) { }
            return names;
        }

        /// <summary>
        /// Every file under <paramref name="root"/> (any depth) that is not a link, without entering linked folders:
        /// for the store's size and leftover temp files. Folders that vanish or cannot be listed are skipped.
        /// </summary>
        public static IEnumerable<FileInfo> AllFiles(string root)
        {
            var pending = new Stack<DirectoryInfo>();
            pending.Push(new DirectoryInfo(root));
            while (pending.Count > 0)
            {
                var dir = pending.Pop();
                var entries = new List<FileSystemInfo>();
                try { entries.AddRange(dir.EnumerateFileSystemInfos()); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException) { continue; }
                foreach (var entry in entries)
                {
                    if (IsLink(entry)) continue;
                    if (entry is DirectoryInfo sub) pending.Push(sub);
                    else if (entry is FileInfo file) yield return file;
                }
            }
        }

        /// <summary>True when the entry is a symbolic link or junction (a reparse point); false when it vanished.</summary>
        public static bool IsLink(FileSystemInfo entry)
        {
            try { return (entry.Attributes & FileAttributes.ReparsePoint) != 0; }
            catch (IOException) { return false; }
        }

        /// <summary>True when the path itself (not what it points to) is a symbolic link or junction; false when it does not exist.</summary>
        public static bool IsLink(string path)
        {
            try { return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0; }
            catch (FileNotFoundException) { return false; }
            catch (DirectoryNotFoundException) { return false; }
        }

        private static List<(int, string)> Children(string dir, int digits, int min, int max, bool descending, List<string>? links)
        {
            var list = new List<(int, string)>();
            try
            {
                foreach (var sub in Directory.EnumerateDirectories(dir))
                {
                    if (!StoreLayout.TryParseNumber(Path.GetFileName(sub), digits, min, max, out var n)) continue;
                    // One stat per date folder (a few hundred a year), never per file: a linked folder is not entered.
                    if (IsLink(sub)) { links?.Add(sub); continue; }
                    list.Add((n, sub));
                }
            }
            catch (DirectoryNotFoundException) { }
            list.Sort((a, b) => descending ? b.Item1.CompareTo(a.Item1) : a.Item1.CompareTo(b.Item1));
            return list;
        }
    }
}
