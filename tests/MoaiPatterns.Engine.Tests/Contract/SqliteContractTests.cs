using System.IO;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Tests.Contract
{
    /// <summary>The contract suite against the SQLite backend.</summary>
    public sealed class SqliteContractTests : PatternStoreContractTests
    {
        protected override IPatternStore CreateStore(string tempDir) =>
            PatternStores.Open(Path.Combine(tempDir, "patterns.db"), StoreBackend.Sqlite, create: true);

        protected override IPatternStore Reopen(IPatternStore store) =>
            PatternStores.Open(store.Location, StoreBackend.Sqlite, create: false);
    }
}
