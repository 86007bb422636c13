using System;
using System.Globalization;
using MoaiPatterns.Stores;
using Npgsql;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// Creates the store's schema and tables on first use and upgrades them in place: one transaction under a
    /// transaction-scoped advisory lock keyed by the schema, so two processes opening a new store at once
    /// neither collide nor see half a schema. The version lives in <c>moai_schema</c>.
    /// </summary>
    internal static class PostgresMigrator
    {
        public static void Ensure(NpgsqlConnection c, PostgresTarget target, bool create)
        {
            // CREATE … IF NOT EXISTS checks the backend's catalog cache, which taking an advisory lock does not
            // refresh: a process that waited for another's migration may still try to create what now exists.
            // Its transaction then fails whole and the next attempt sees the committed schema.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    EnsureOnce(c, target, create);
                    return;
                }
                catch (PostgresException e) when (attempt < 5 && (e.SqlState == PostgresErrorCodes.UniqueViolation
                    || e.SqlState == PostgresErrorCodes.DuplicateSchema || e.SqlState == PostgresErrorCodes.DuplicateTable
                    || e.SqlState == PostgresErrorCodes.DuplicateObject || e.SqlState == PostgresErrorCodes.UndefinedTable))
                {
                    System.Threading.Thread.Sleep(10 * attempt);
                }
            }
        }

        private static void EnsureOnce(NpgsqlConnection c, PostgresTarget target, bool create)
        {
            var version = ReadVersion(c, target);
            if (version == PostgresSchema.CurrentVersion) return;
            if (version > PostgresSchema.CurrentVersion)
                throw new StoreCorruptException(target.Location,
                    $"its tables are at schema version {version}, newer than this module's {PostgresSchema.CurrentVersion}; update the module.");
            if (version == 0 && !create) throw new StoreNotFoundException(target.Location);
            using var tx = c.BeginTransaction();
            Exec(c, "SELECT pg_advisory_xact_lock(hashtextextended(@k, 0))", ("k", "moai-patterns:" + target.Schema));
            version = ReadVersion(c, target);  // another process may have done it while we waited
            if (version < PostgresSchema.CurrentVersion)
            {
                var s = target.QuotedSchema;
                Exec(c, "CREATE SCHEMA IF NOT EXISTS " + s);
                Exec(c, "CREATE TABLE IF NOT EXISTS " + s + ".moai_schema (key text PRIMARY KEY, value text NOT NULL)");
                if (version < 1) Exec(c, string.Format(CultureInfo.InvariantCulture, PostgresSchema.Version1Ddl, s));
                if (version < 2)
                {
                    Exec(c, string.Format(CultureInfo.InvariantCulture, PostgresSchema.Version2Ddl, s));
                    // The change feed's log; rows already stored are not logged: a feed follows saves from the upgrade on.
                    Exec(c, string.Format(CultureInfo.InvariantCulture, PostgresChangeLog.Ddl, s));
                    // A version 1 store's rows get their facts from their exact JSON text, in this transaction.
                    if (version == 1) PostgresFactsBackfill.Run(c, s, target.Location);
                }
                // Later versions: if (version < 3) …, each in this same transaction.
                Exec(c, "INSERT INTO " + s + ".moai_schema (key, value) VALUES ('version', @v) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    ("v", PostgresSchema.CurrentVersion.ToString(CultureInfo.InvariantCulture)));
            }
            tx.Commit();
        }

        /// <summary>The recorded version; 0 when the store's tables do not exist yet.</summary>
        public static int ReadVersion(NpgsqlConnection c, PostgresTarget target)
        {
            // A query on the catalog tables reads them with this statement's snapshot (to_regclass would use the cache).
            using (var probe = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = @s AND c.relname = 'moai_schema')", c))
            {
                probe.Parameters.AddWithValue("s", target.Schema);
                if (!(bool)probe.ExecuteScalar()!) return 0;
            }
            using var cmd = new NpgsqlCommand("SELECT value FROM " + target.QuotedSchema + ".moai_schema WHERE key = 'version'", c);
            var v = cmd.ExecuteScalar() as string;
            return v != null && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }

        private static void Exec(NpgsqlConnection c, string sql, params (string Name, object Value)[] parameters)
        {
            using var cmd = new NpgsqlCommand(sql, c);
            foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
            cmd.ExecuteNonQuery();
        }
    }
}
