using System;
using System.IO;

namespace MoaiPatterns.Module.Tests.Harness
{
    /// <summary>A fresh folder under the system temp directory, deleted on Dispose.</summary>
    public sealed class TempDir : IDisposable
    {
        public string Path { get; }

        public TempDir(string prefix = "moai-test")
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        /// <summary>A path inside the folder (not created).</summary>
        public string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

        public override string ToString() => Path;

        public void Dispose()
        {
            try
            {
                if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
            }
            catch (IOException) { /* a file still open on Windows: leave it to the OS temp cleanup */ }
            catch (UnauthorizedAccessException) { }
        }
    }
}
