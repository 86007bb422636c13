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

    /// <summary>Walks the date folders of a store without reading any pattern.</summary>
    internal static class StoreScanner
    {
        /// <summary>Day folders, newest first (or oldest first), whose date lies within the given bounds (inclusive).</summary>
        public static IEnumerable<DayFolder> DayFolders(string root, bool newestFirst, DateTime? minDate = null, DateTime? maxDate = null)
        {
            foreach (var (year, yearDir) in Children(root, 4, 1, 9999, newestFirst))
            {
                if (minDate != null && year < minDate.Value.Year) continue;
                if (maxDate != null && year > maxDate.Value.Year) continue;
                foreach (var (month, monthDir) in Children(yearDir, 2, 1, 12, newestFirst))
                {
                    if (minDate != null && (year * 12 + month) < (minDate.Value.Year * 12 + minDate.Value.Month)) continue;
                    if (maxDate != null && (year * 12 + month) > (maxDate.Value.Year * 12 + maxDate.Value.Month)) continue;
                    foreach (var (day, dayDir) in Children(monthDir, 2, 1, 31, newestFirst))
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

        /// <summary>Every file in a day folder (for repair: temp leftovers and strays).</summary>
        public static IEnumerable<string> AllFiles(string dayDir)
        {
            try { return Directory.GetFiles(dayDir); }
            catch (DirectoryNotFoundException) { return Array.Empty<string>(); }
        }

        private static List<(int, string)> Children(string dir, int digits, int min, int max, bool descending)
        {
            var list = new List<(int, string)>();
            try
            {
                foreach (var sub in Directory.EnumerateDirectories(dir))
                {
                    if (StoreLayout.TryParseNumber(Path.GetFileName(sub), digits, min, max, out var n)) list.Add((n, sub));
                }
            }
            catch (DirectoryNotFoundException) { }
            list.Sort((a, b) => descending ? b.Item1.CompareTo(a.Item1) : a.Item1.CompareTo(b.Item1));
            return list;
        }
    }
}
