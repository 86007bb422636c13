using System;
using System.IO;
using System.Text;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Report
{
    /// <summary>Writes the report beside its target under a temporary name and renames it into place: never half written.</summary>
    public static class ReportFile
    {
        /// <exception cref="PatternFileExistsException"><paramref name="noClobber"/> and the file exists.</exception>
        public static void Write(string path, string html, bool noClobber)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (Directory.Exists(path)) throw new IOException($"'{path}' is a folder; give the path of a file to write the report to.");
            if (noClobber && File.Exists(path)) throw new PatternFileExistsException(path);
            var folder = Path.GetDirectoryName(path);
            if (string.IsNullOrEmpty(folder)) folder = ".";
            var temp = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
                {
                    var bytes = new UTF8Encoding(false).GetBytes(html);
                    file.Write(bytes, 0, bytes.Length);
                    file.Flush(flushToDisk: true);
                }
                if (File.Exists(path))
                {
                    if (noClobber) throw new PatternFileExistsException(path);
                    File.Replace(temp, path, destinationBackupFileName: null);
                }
                else File.Move(temp, path);
            }
            finally
            {
                try { if (File.Exists(temp)) File.Delete(temp); } catch (Exception) { /* best effort */ }
            }
        }
    }
}
