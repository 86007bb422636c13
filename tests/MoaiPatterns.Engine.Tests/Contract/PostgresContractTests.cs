using MoaiPatterns.Storage;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Postgres;

namespace MoaiPatterns.Tests.Contract
{
    /// <summary>The contract suite against the PostgreSQL backend: a real server (the shared test cluster), a schema per store.</summary>
    public sealed class PostgresContractTests : PatternStoreContractTests
    {
        protected override IPatternStore CreateStore(string tempDir) =>
            PatternStores.Open(PostgresTestCluster.Shared.Address(PostgresTestCluster.NewSchema("contract")), StoreBackend.PostgreSql, create: true);

        // Location carries no password; the cluster's password comes back through the credential parameter.
        protected override IPatternStore Reopen(IPatternStore store) =>
            PatternStores.OpenPostgreSql(store.Location, PostgresTestCluster.Shared.User, PostgresTestCluster.Shared.Password, null, create: false);
    }
}
