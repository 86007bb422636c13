using System;
using System.Globalization;
using System.IO;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// Where pattern files live: <c>YYYY/MM/DD/&lt;type&gt;_&lt;yyyyMMdd_HHmmss&gt;_&lt;id&gt;.json[.gz]</c>.
    /// New writes use the UTC date and the full id; the original used the timestamp's own local
    /// clock and the first 8 characters of the id, so readers accept both.
    /// </summary>
    internal sealed class StoreLayout
    {
        public const string JsonExtension = ".json";
        public const string GzipExtension = ".json.gz";
        /// <summary>Private folder for the journal, lock, temp files and quarantine (not a date folder).</summary>
        public const string PrivateFolder = ".moai";

        public StoreLayout(string root)
        {
            Root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            RootWithSeparator = Root + Path.DirectorySeparatorChar;
        }

        public string Root { get; }

        private string RootWithSeparator { get; }

        public string PrivateDir => Path.Combine(Root, PrivateFolder);
        public string TempDir => Path.Combine(PrivateDir, "tmp");
        public string QuarantineDir => Path.Combine(PrivateDir, "quarantine");
        /// <summary>The original's index: written by this module's writers only (see <see cref="FileSystemIndex"/>), never by a reader.</summary>
        public string IndexPath => Path.Combine(Root, "index.json");
        /// <summary>This module's own snapshot of the index (index.json's format; no .json extension, so the original's file scans skip it).</summary>
        public string SnapshotPath => Path.Combine(PrivateDir, "index.snapshot");
        public string JournalPath => Path.Combine(PrivateDir, "index.journal");
        /// <summary>The journal the last checkpoint replaced (for change feeds that lagged; see FileSystemIndex).</summary>
        public string PreviousJournalPath => Path.Combine(PrivateDir, "index.journal.prev");
        public string LockPath => Path.Combine(PrivateDir, "index.lock");

        /// <summary>Folders below the root checked not to be links during this command (cleared by <see cref="ForgetCheckedFolders"/>).</summary>
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _realFolders =
            new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>Creates a folder inside the store (owner-only), refusing to go through a link.</summary>
        /// <exception cref="LinkRefusedException">A folder on the way is a link.</exception>
        public void EnsureFolder(string fullDir) => FileOps.EnsureStoreDirectory(Root, fullDir);

        /// <summary>
        /// As <see cref="TryFullPath"/>, and no folder between the root and the file is a symbolic link or junction
        /// (each checked once per command): for paths that come from an index rather than from the walker.
        /// The file itself is not checked here: the reader refuses a linked file, and deleting one unlinks the link only.
        /// </summary>
        public bool TryRealPath(string relativePath, out string full)
        {
            if (!TryFullPath(relativePath, out full)) return false;
            var end = RootWithSeparator.Length;
            while (true)
            {
                var next = full.IndexOf(Path.DirectorySeparatorChar, end);
                if (next < 0) return true;
                var folder = full.Substring(0, next);
                if (!_realFolders.ContainsKey(folder))
                {
                    if (StoreScanner.IsLink(folder)) return false;
                    _realFolders[folder] = true;
                }
                end = next + 1;
            }
        }

        /// <summary>Forgets which folders were checked (and created): the next command checks them again.</summary>
        public void ForgetCheckedFolders()
        {
            _realFolders.Clear();
            FileOps.ForgetDirectories(Root);
        }

        /// <summary>The relative path ('/' separated) a new write of this pattern goes to.</summary>
        public static string RelativePathFor(MoaiPattern pattern)
        {
            EnsureSafeId(pattern.PatternId);
            var utc = pattern.Timestamp.UtcDateTime;
            return utc.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture) + "/"
                + pattern.PatternType.ToWireName() + "_" + utc.ToString("yyyyMMdd'_'HHmmss", CultureInfo.InvariantCulture)
                + "_" + pattern.PatternId + JsonExtension;
        }

        /// <summary>Full path of a relative store path; throws when it would leave the store root.</summary>
        public string FullPath(string relativePath)
        {
            if (!TryFullPath(relativePath, out var full))
                throw new InvalidOperationException($"The path '{relativePath}' would leave the store '{Root}'; refused.");
            return full;
        }

        public bool TryFullPath(string relativePath, out string full)
        {
            full = "";
            if (string.IsNullOrEmpty(relativePath) || relativePath.IndexOf('\0') >= 0 || Path.IsPathRooted(relativePath)) return false;
            string candidate;
            try { candidate = Path.GetFullPath(Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar))); }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException) { return false; }
            if (!candidate.StartsWith(RootWithSeparator, StringComparison.Ordinal)) return false;
            full = candidate;
            return true;
        }

        /// <summary>The relative '/'-separated path of a full path inside the store.</summary>
        public string RelativePath(string fullPath) =>
            fullPath.Substring(RootWithSeparator.Length).Replace(Path.DirectorySeparatorChar, '/');

        /// <summary>Defence in depth behind validation: an id that could address another file is refused.</summary>
        public static void EnsureSafeId(string? id)
        {
            if (IsSafeId(id)) return;
            throw new InvalidPatternException(new[]
            {
                new ValidationError("pattern_id", ValidationRules.PatternId,
                    "must be 1-128 characters of letters, digits, '-', '_' or '.', and not '.' or '..'."),
            }, id);
        }

        /// <summary>
        /// True for a relative path of plain segments ([A-Za-z0-9._-], none "." or "..") joined by '/':
        /// certainly inside the root, so the costly <see cref="TryFullPath"/> check can be skipped.
        /// </summary>
        public static bool IsPlainRelativePath(string path)
        {
            if (string.IsNullOrEmpty(path)) return false;
            var segmentStart = 0;
            for (var i = 0; i <= path.Length; i++)
            {
                var c = i < path.Length ? path[i] : '/';
                if (c == '/')
                {
                    var len = i - segmentStart;
                    if (len == 0 || (len == 1 && path[segmentStart] == '.') || (len == 2 && path[segmentStart] == '.' && path[segmentStart + 1] == '.')) return false;
                    segmentStart = i + 1;
                    continue;
                }
                var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok) return false;
            }
            return true;
        }

        public static bool IsSafeId(string? id)
        {
            if (string.IsNullOrEmpty(id) || id!.Length > PatternValidator.MaxPatternIdLength || id == "." || id == "..") return false;
            foreach (var c in id)
            {
                var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok) return false;
            }
            return true;
        }

        public static bool IsPatternFileName(string name) =>
            (name.EndsWith(JsonExtension, StringComparison.Ordinal) || name.EndsWith(GzipExtension, StringComparison.Ordinal))
            && TryParseType(name, out _);

        /// <summary>A .json / .json.gz file, whatever its name: a pattern file, or one named by hand or another tool.</summary>
        public static bool IsJsonFileName(string name) =>
            name.EndsWith(JsonExtension, StringComparison.Ordinal) || name.EndsWith(GzipExtension, StringComparison.Ordinal);

        /// <summary>
        /// Splits <c>&lt;type&gt;_&lt;yyyyMMdd_HHmmss&gt;_&lt;id part&gt;.json[.gz]</c>; false for any other name.
        /// The id part is the whole id (our writes) or its first 8 characters (the original's).
        /// </summary>
        public static bool TryParseCanonicalName(string name, out PatternType type, out string idPart)
        {
            idPart = "";
            if (!IsJsonFileName(name) || !TryParseType(name, out type)) { type = default; return false; }
            var stem = name.Substring(0, name.Length - (IsGzip(name) ? GzipExtension.Length : JsonExtension.Length));
            var at = type.ToWireName().Length + 1;
            // yyyyMMdd_HHmmss_ is 16 characters, then at least one of the id.
            if (stem.Length < at + 17 || stem[at + 8] != '_' || stem[at + 15] != '_') return false;
            for (var i = 0; i < 15; i++)
                if (i != 8 && (stem[at + i] < '0' || stem[at + i] > '9')) return false;
            idPart = stem.Substring(at + 16);
            return true;
        }

        /// <summary>True when a canonical file name says this pattern's type and id (or the original's id prefix).</summary>
        public static bool NameAgrees(PatternType nameType, string idPart, MoaiPattern pattern) =>
            nameType == pattern.PatternType
            && (idPart == pattern.PatternId || (idPart.Length >= 8 && pattern.PatternId.StartsWith(idPart, StringComparison.Ordinal)));

        public static bool IsGzip(string path) => path.EndsWith(GzipExtension, StringComparison.Ordinal);

        /// <summary>The .json / .json.gz twin of a path (a compressed copy or its original).</summary>
        public static string Twin(string path) =>
            IsGzip(path) ? path.Substring(0, path.Length - 3) : path + ".gz";

        /// <summary>The pattern type a file name starts with, so a query can rule a file out before reading it.</summary>
        public static bool TryParseType(string fileName, out PatternType type)
        {
            for (var i = 0; i < PatternTypeNames.All.Length; i++)
            {
                var wire = PatternTypeNames.All[i];
                if (fileName.Length > wire.Length && fileName[wire.Length] == '_' && fileName.StartsWith(wire, StringComparison.Ordinal))
                {
                    type = (PatternType)i;
                    return true;
                }
            }
            type = default;
            return false;
        }

        /// <summary>A date folder name: year (4 digits), month or day (2 digits).</summary>
        public static bool TryParseNumber(string name, int digits, int min, int max, out int value)
        {
            value = 0;
            if (name.Length != digits) return false;
            foreach (var c in name)
            {
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            return value >= min && value <= max;
        }
    }
}
