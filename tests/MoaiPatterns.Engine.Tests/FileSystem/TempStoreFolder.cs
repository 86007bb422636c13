using System;
using System.IO;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>A fresh folder under the temp directory, deleted afterwards.</summary>
    public sealed class TempStoreFolder : IDisposable
    {
        public TempStoreFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "moai-fs-" + Guid.NewGuid().ToString("N"));
        }

        /// <summary>The store root (not created until a store or a builder creates it).</summary>
        public string Path { get; }

        public string File(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

        public void Dispose()
        {
            try { if (Directory.Exists(Path)) Directory.Delete(Path, true); }
            catch (IOException) { }
        }
    }
}
