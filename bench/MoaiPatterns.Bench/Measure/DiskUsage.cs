using System.IO;

namespace MoaiPatterns.Bench.Measure
{
    public static class DiskUsage
    {
        /// <summary>Bytes of a store: every file under a folder, or a database file with its -wal/-shm/-journal siblings.</summary>
        public static long Of(string path)
        {
            if (Directory.Exists(path))
            {
                long total = 0;
                foreach (var f in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)) total += new FileInfo(f).Length;
                return total;
            }
            long sum = 0;
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                var f = new FileInfo(path + suffix);
                if (f.Exists) sum += f.Length;
            }
            return sum;
        }
    }
}
