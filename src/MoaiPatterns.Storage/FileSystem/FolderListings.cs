using System;
using System.Collections.Generic;
using System.IO;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// The pattern file names of day folders a store's queries have listed, kept while each folder is unchanged:
    /// a directory's modification time moves whenever an entry is created, removed or renamed in it, so one stat
    /// replaces a listing of hundreds of names. A listing is kept only when the folder had been still for
    /// <see cref="QuietBefore"/> when it was taken (the "racy" rule: on a file system whose timestamps are coarse, a
    /// change in the same tick as the listing would otherwise leave the time unchanged and the change unseen).
    /// Bounded: past <see cref="MaxFolders"/> folders it starts over.
    /// </summary>
    internal sealed class FolderListings
    {
        public static readonly TimeSpan QuietBefore = TimeSpan.FromSeconds(2);
        public const int MaxFolders = 512;

        private sealed class Listing
        {
            public long MtimeTicks;
            public List<string> Names = new List<string>();
            public List<string> Strays = new List<string>();
        }

        private readonly Dictionary<string, Listing> _byFolder = new Dictionary<string, Listing>(StringComparer.Ordinal);
        private readonly object _lock = new object();

        /// <summary>The folder's pattern file names (and, into <paramref name="strays"/>, its other .json files), as a fresh listing would give them.</summary>
        public List<string> PatternFileNames(string folder, List<string> strays)
        {
            var before = MtimeTicks(folder);
            lock (_lock)
            {
                if (before != 0 && _byFolder.TryGetValue(folder, out var kept) && kept.MtimeTicks == before)
                {
                    strays.AddRange(kept.Strays);
                    return new List<string>(kept.Names);
                }
            }
            var listedAt = DateTime.UtcNow.Ticks;
            var found = new List<string>();
            var names = StoreScanner.PatternFileNames(folder, found);
            strays.AddRange(found);
            var after = MtimeTicks(folder);
            lock (_lock)
            {
                if (before != 0 && after == before && listedAt - before >= QuietBefore.Ticks)
                {
                    if (_byFolder.Count >= MaxFolders) _byFolder.Clear();
                    _byFolder[folder] = new Listing { MtimeTicks = before, Names = new List<string>(names), Strays = found };
                }
                else _byFolder.Remove(folder);
            }
            return names;
        }

        /// <summary>The folder's last-write time in UTC ticks, or 0 when it cannot be read (never cached then).</summary>
        private static long MtimeTicks(string folder)
        {
            try
            {
                var info = new DirectoryInfo(folder);
                return info.Exists ? info.LastWriteTimeUtc.Ticks : 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return 0; }
        }
    }
}
