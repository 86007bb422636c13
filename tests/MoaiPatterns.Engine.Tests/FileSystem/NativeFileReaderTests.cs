using System;
using System.IO;
using MoaiPatterns.Storage.FileSystem;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>The Linux open/read/close path reads what FileStream would, and fails the same ways.</summary>
    public sealed class NativeFileReaderTests : IDisposable
    {
        private readonly TempStoreFolder _folder = new TempStoreFolder();

        public NativeFileReaderTests() => Directory.CreateDirectory(_folder.Path);

        public void Dispose() => _folder.Dispose();

        [Fact]
        public void ReadsSmallAndLargeFilesWhole()
        {
            if (!NativeFileReader.IsAvailable) return; // FileStream is used elsewhere
            var random = new Random(5);
            foreach (var size in new[] { 0, 1, 700, 64 * 1024, 64 * 1024 + 1, 300_000 })
            {
                var bytes = new byte[size];
                random.NextBytes(bytes);
                var path = _folder.File("f" + size + " é.json");
                File.WriteAllBytes(path, bytes);
                Assert.Equal(bytes, NativeFileReader.ReadAll(path));
                Assert.Equal(bytes, PatternFileReader.ReadBytes(path));
            }
        }

        [Fact]
        public void MissingFilesAreNullAndFoldersAreIOErrors()
        {
            if (!NativeFileReader.IsAvailable) return;
            Assert.Null(NativeFileReader.ReadAll(_folder.File("nope.json")));
            Assert.Null(NativeFileReader.ReadAll(_folder.File("no/such/dir.json")));
            Assert.Throws<IOException>(() => NativeFileReader.ReadAll(_folder.Path));
        }
    }
}
