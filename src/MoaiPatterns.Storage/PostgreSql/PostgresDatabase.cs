using System;
using System.Collections.Generic;
using System.Globalization;
using MoaiPatterns.Stores;
using Npgsql;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// The connections of one store: Npgsql's pool for its connection string, one held connection
    /// for saves and lookups (opened on first use, returned to the pool by <see cref="Release"/>), and a fresh
    /// one for each streamed Find, so a pipeline may write to the store it is reading. The first open creates or
    /// upgrades the tables (<see cref="PostgresMigrator"/>).
    /// </summary>
    internal sealed class PostgresDatabase : IDisposable
    {
        private readonly string _connectionString;
        private readonly bool _create;
        private NpgsqlConnection? _connection;
        private bool _schemaChecked;

        public PostgresDatabase(PostgresTarget target, bool create)
        {
            Target = target;
            _create = create;
            // Plain pooled connections by connection string (NpgsqlDataSource derives from a type the netstandard2.0
            // build of Npgsql defines itself, which a newer runtime's Npgsql does not: it would break the tests' host).
            _connectionString = target.Builder.ConnectionString;
        }

        public PostgresTarget Target { get; }

        public string Location => Target.Location;

        /// <summary>The quoted schema, for SQL text.</summary>
        public string S => Target.QuotedSchema;

        public List<StoreWarning> Warnings { get; } = new List<StoreWarning>();

        /// <summary>The held connection, opened (and the schema checked) on first use.</summary>
        public NpgsqlConnection Connection
        {
            get
            {
                if (_connection != null && _connection.State == System.Data.ConnectionState.Open) return _connection;
                _connection?.Dispose();
                _connection = null;
                var c = OpenNew();
                try
                {
                    EnsureSchema(c);
                }
                catch
                {
                    c.Dispose();
                    throw;
                }
                _connection = c;
                return c;
            }
        }

        /// <summary>A connection of its own (for a streamed read, or a feed, which names itself); the caller disposes it.</summary>
        public NpgsqlConnection OpenExtra(string? applicationName = null)
        {
            var c = OpenNew(applicationName);
            try
            {
                EnsureSchema(c);
                return c;
            }
            catch
            {
                c.Dispose();
                throw;
            }
        }

        /// <summary>The address's application_name (or MoaiPatterns) followed by <paramref name="suffix"/>, so a DBA can tell the connections apart.</summary>
        private string WithApplicationName(string suffix)
        {
            var b = new NpgsqlConnectionStringBuilder(_connectionString);
            b.ApplicationName = (string.IsNullOrEmpty(b.ApplicationName) ? "MoaiPatterns" : b.ApplicationName) + " " + suffix;
            return b.ConnectionString;
        }

        private NpgsqlConnection OpenNew(string? applicationName = null)
        {
            var c = new NpgsqlConnection(applicationName == null ? _connectionString : WithApplicationName(applicationName));
            try
            {
                c.Open();
                return c;
            }
            catch
            {
                c.Dispose();
                throw;
            }
        }

        private void EnsureSchema(NpgsqlConnection c)
        {
            if (_schemaChecked) return;
            PostgresMigrator.Ensure(c, Target, _create);
            _schemaChecked = true;
        }

        public NpgsqlCommand Command(string sql, NpgsqlConnection? connection = null) =>
            new NpgsqlCommand(sql.Replace("{s}", S), connection ?? Connection);

        public long Scalar(string sql, params (string Name, object Value)[] parameters)
        {
            using var cmd = Command(sql);
            foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
            var v = cmd.ExecuteScalar();
            return v == null || v is DBNull ? 0 : Convert.ToInt64(v, CultureInfo.InvariantCulture);
        }

        /// <summary>A statement without the default 30 s limit: retention, VACUUM, ANALYZE and repair scale with the store.</summary>
        public int Exec(string sql, params (string Name, object Value)[] parameters)
        {
            using var cmd = Command(sql);
            cmd.CommandTimeout = 0;
            foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
            return cmd.ExecuteNonQuery();
        }

        /// <summary>Returns the held connection to the pool (no server locks are held between commands).</summary>
        public void Release()
        {
            _connection?.Dispose();
            _connection = null;
        }

        public void Dispose()
        {
            Release();
        }
    }
}
