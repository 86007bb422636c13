using System.IO;

namespace MoaiPatterns.Bench.Suites
{
    public static class StoreFiles
    {
        /// <summary>Removes a store folder or a database file with its siblings (best effort: a benchmark must not fail on cleanup).</summary>
        public static void Delete(string path)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
                    if (File.Exists(path + suffix)) File.Delete(path + suffix);
            }
            catch (IOException) { }
            catch (System.UnauthorizedAccessException) { }
        }
    }
}
