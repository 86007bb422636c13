using System;
using System.IO;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>A fresh store location per test: a folder (filesystem) or a .db file (SQLite) under a temp folder, or
    /// a schema of its own on the shared test PostgreSQL cluster ("postgresql"; the folder still holds stop files).</summary>
    public sealed class TempStore : IDisposable
    {
        public TempStore(string backend)
        {
            Folder = Path.Combine(Path.GetTempPath(), "moai-rel-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            Backend = backend == "sqlite" ? StoreBackend.Sqlite : backend == "postgresql" ? StoreBackend.PostgreSql : StoreBackend.FileSystem;
            Path_ = Backend == StoreBackend.Sqlite ? System.IO.Path.Combine(Folder, "patterns.db")
                : Backend == StoreBackend.PostgreSql ? global::MoaiPatterns.Tests.Postgres.PostgresTestCluster.Shared.Address(global::MoaiPatterns.Tests.Postgres.PostgresTestCluster.NewSchema("rel"))
                : System.IO.Path.Combine(Folder, "store");
        }

        public string Folder { get; }

        /// <summary>The store's path, passed to workers as --store.</summary>
        public string Path_ { get; }

        public StoreBackend Backend { get; }

        public IPatternStore Open(bool create = true) => PatternStores.Open(Path_, Backend, create);

        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
