using System.IO;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Tests.Contract
{
    public sealed class FileSystemContractTests : PatternStoreContractTests
    {
        protected override IPatternStore CreateStore(string tempDir) =>
            PatternStores.Open(Path.Combine(tempDir, "patterns"), StoreBackend.FileSystem, create: true);

        protected override IPatternStore Reopen(IPatternStore store) =>
            PatternStores.Open(store.Location, StoreBackend.FileSystem, create: false);
    }
}
