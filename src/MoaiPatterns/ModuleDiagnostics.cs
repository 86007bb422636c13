using MoaiPatterns.Storage;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Support diagnostics reachable from a script: <c>[MoaiPatterns.Commands.ModuleDiagnostics]::TestSqlite($path)</c>
    /// proves the module's SQLite (managed and native) loads in the current host.
    /// </summary>
    public static class ModuleDiagnostics
    {
        /// <summary>Runs a real SQLite round trip at <paramref name="path"/>; returns sqlite_version().</summary>
        public static string TestSqlite(string path)
        {
            return StorageDiagnostics.SqliteSelfTest(path);
        }
    }
}
