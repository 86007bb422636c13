namespace MoaiPatterns
{
    /// <summary>Where a store keeps its patterns.</summary>
    public enum StoreBackend
    {
        /// <summary>A folder of <c>YYYY/MM/DD/*.json</c> files (the seed's layout).</summary>
        FileSystem,
        /// <summary>A SQLite database file holding the seed's <c>patterns</c> table.</summary>
        Sqlite,
        /// <summary>A schema (default <c>moai</c>) in a PostgreSQL database: a team's shared store.</summary>
        PostgreSql,
    }
}
