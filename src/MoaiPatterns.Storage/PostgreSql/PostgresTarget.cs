using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using MoaiPatterns.Stores;
using Npgsql;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// Where a PostgreSQL store is: the Npgsql connection settings plus the schema holding its tables.
    /// Built from an address (<c>postgresql://[user[:password]@]host[:port]/database[?schema=name]</c>, also
    /// <c>postgres://</c>) or an Npgsql connection string. <see cref="Location"/> is what users see: it never
    /// holds a password. Npgsql itself falls back to PGPASSWORD and the pgpass file when no password is given.
    /// </summary>
    internal sealed class PostgresTarget
    {
        public const string DefaultSchema = "moai";

        private PostgresTarget(NpgsqlConnectionStringBuilder builder, string schema)
        {
            Builder = builder;
            Schema = schema;
            Location = BuildLocation(builder, schema);
        }

        public NpgsqlConnectionStringBuilder Builder { get; }

        public string Schema { get; }

        /// <summary>The schema as a quoted SQL identifier.</summary>
        public string QuotedSchema => "\"" + Schema.Replace("\"", "\"\"") + "\"";

        /// <summary><c>postgresql://user@host:port/database?schema=name</c>, without a password.</summary>
        public string Location { get; }

        public static bool IsAddress(string? text) =>
            text != null && (text.TrimStart().StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
                || text.TrimStart().StartsWith("postgres://", StringComparison.OrdinalIgnoreCase));

        /// <summary>Parses an address; a user and password given separately (a PSCredential) win over the address's.</summary>
        /// <exception cref="NotAPatternStoreException">The address cannot be read; the message never repeats a password.</exception>
        public static PostgresTarget FromAddress(string address, string? user = null, string? password = null)
        {
            var text = address.Trim();
            var shown = Redacted(text);
            var rest = text.Substring(text.IndexOf("://", StringComparison.Ordinal) + 3);
            var b = NewBuilder();
            string? schema = null;
            var q = rest.IndexOf('?');
            if (q >= 0)
            {
                foreach (var pair in rest.Substring(q + 1).Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=');
                    var key = Decode(eq < 0 ? pair : pair.Substring(0, eq), shown);
                    var value = eq < 0 ? "" : Decode(pair.Substring(eq + 1), shown);
                    switch (key.ToLowerInvariant())
                    {
                        case "schema": schema = value; break;
                        case "sslmode": b["SSL Mode"] = value; break;
                        case "application_name": b.ApplicationName = value; break;
                        case "connect_timeout": b.Timeout = ParseInt(value, key, shown); break;
                        default:
                            throw Bad(shown, $"the option '{key}' is not known (known: schema, sslmode, application_name, connect_timeout)");
                    }
                }
                rest = rest.Substring(0, q);
            }
            // The authority ends at the first '/' after the last '@', so a password may hold '/' or '@' unescaped.
            var lastAt = rest.LastIndexOf('@');
            var slash = rest.IndexOf('/', lastAt + 1);
            if (slash < 0 || slash == rest.Length - 1) throw Bad(shown, "it names no database (postgresql://host/database)");
            var database = Decode(rest.Substring(slash + 1), shown);
            var authority = rest.Substring(0, slash);
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                var userInfo = authority.Substring(0, at);
                authority = authority.Substring(at + 1);
                var colon = userInfo.IndexOf(':');
                b.Username = Decode(colon < 0 ? userInfo : userInfo.Substring(0, colon), shown);
                if (colon >= 0) b.Password = Decode(userInfo.Substring(colon + 1), shown);
            }
            string host = authority;
            if (authority.StartsWith("[", StringComparison.Ordinal))
            {
                var close = authority.IndexOf(']');
                if (close < 0) throw Bad(shown, "an IPv6 host must be closed with ']'");
                host = authority.Substring(1, close - 1);
                var after = authority.Substring(close + 1);
                if (after.StartsWith(":", StringComparison.Ordinal)) b.Port = ParsePort(after.Substring(1), shown);
                else if (after.Length > 0) throw Bad(shown, "unexpected text after the host");
            }
            else
            {
                var colon = authority.LastIndexOf(':');
                if (colon >= 0)
                {
                    host = authority.Substring(0, colon);
                    b.Port = ParsePort(authority.Substring(colon + 1), shown);
                }
            }
            host = Decode(host, shown);
            if (host.Length == 0) throw Bad(shown, "it names no host (postgresql://host/database)");
            b.Host = host;
            b.Database = database;
            return Finish(b, schema, user, password, shown);
        }

        /// <summary>An Npgsql connection string (Host=…;Database=…); <paramref name="schema"/> overrides a <c>Search Path</c>-free default.</summary>
        public static PostgresTarget FromConnectionString(string connectionString, string? user = null, string? password = null, string? schema = null)
        {
            NpgsqlConnectionStringBuilder b;
            try
            {
                b = NewBuilder();
                b.ConnectionString = connectionString;
            }
            catch (ArgumentException e)
            {
                // Npgsql's message names the bad keyword, never a value.
                throw new NotAPatternStoreException("(connection string)", "is not a valid Npgsql connection string: " + e.Message,
                    "Pass Host=…;Database=…;Username=… (see README, \"A team's shared store\").");
            }
            if (string.IsNullOrEmpty(b.Host)) b.Host = Environment.GetEnvironmentVariable("PGHOST") ?? "localhost";
            if (string.IsNullOrEmpty(b.Database)) b.Database = Environment.GetEnvironmentVariable("PGDATABASE");
            // The schema: as given, else the first of Search Path, else moai.
            if (schema == null && !string.IsNullOrEmpty(b.SearchPath)) schema = b.SearchPath!.Split(',')[0].Trim().Trim('"');
            return Finish(b, schema, user, password, BuildLocation(b, schema ?? DefaultSchema));
        }

        private static PostgresTarget Finish(NpgsqlConnectionStringBuilder b, string? schema, string? user, string? password, string shown)
        {
            if (!string.IsNullOrEmpty(user)) b.Username = user;
            if (password != null) b.Password = password;
            if (string.IsNullOrEmpty(b.Database)) throw Bad(shown, "it names no database");
            schema ??= DefaultSchema;
            if (schema.Length == 0 || Encoding.UTF8.GetByteCount(schema) > 63 || schema.IndexOf('\0') >= 0)
                throw Bad(shown, "the schema name must be 1 to 63 bytes with no NUL character");
            return new PostgresTarget(b, schema);
        }

        /// <summary>The settings the module needs whatever the user passed: prepared statements kept, no reset round trip.</summary>
        private static NpgsqlConnectionStringBuilder NewBuilder() => new NpgsqlConnectionStringBuilder
        {
            MaxAutoPrepare = 32,
            AutoPrepareMinUsages = 2,
            NoResetOnClose = true,
            // The store object is what Get-MoaiPatternStore prints; the connection string must never carry the password back.
            PersistSecurityInfo = false,
        };

        private static string BuildLocation(NpgsqlConnectionStringBuilder b, string schema)
        {
            var sb = new StringBuilder("postgresql://");
            if (!string.IsNullOrEmpty(b.Username)) sb.Append(Uri.EscapeDataString(b.Username!)).Append('@');
            var host = b.Host ?? "";
            sb.Append(host.IndexOf(':') >= 0 && !host.StartsWith("[", StringComparison.Ordinal) ? "[" + host + "]" : host);
            sb.Append(':').Append(b.Port.ToString(CultureInfo.InvariantCulture));
            sb.Append('/').Append(Uri.EscapeDataString(b.Database ?? ""));
            sb.Append("?schema=").Append(Uri.EscapeDataString(schema));
            return sb.ToString();
        }

        /// <summary>An address with any password removed, for messages about an address that could not be read.</summary>
        public static string Redacted(string address)
        {
            var start = address.IndexOf("://", StringComparison.Ordinal);
            if (start < 0) return address;
            var q = address.IndexOf('?', start);
            var main = q < 0 ? address : address.Substring(0, q);
            var at = main.LastIndexOf('@');
            if (at < start) return address;
            var colon = main.IndexOf(':', start + 3);
            if (colon < 0 || colon > at) return address;
            return address.Substring(0, colon + 1) + "****" + address.Substring(at);
        }

        private static string Decode(string s, string shown)
        {
            try { return Uri.UnescapeDataString(s); }
            catch (UriFormatException) { throw Bad(shown, "it holds a malformed %-escape"); }
        }

        private static int ParsePort(string s, string shown) =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0 && port < 65536
                ? port : throw Bad(shown, "the port must be a number from 1 to 65535");

        private static int ParseInt(string s, string key, string shown) =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Bad(shown, $"'{key}' must be a whole number");

        private static NotAPatternStoreException Bad(string shown, string problem) =>
            new NotAPatternStoreException(shown, "is not a usable PostgreSQL address: " + problem + ".",
                "Write it as postgresql://[user@]host[:port]/database[?schema=name], or use Open-MoaiPatternStore -ConnectionString.");

        /// <summary>Every address key a test or a user may need to know exists (for documentation tests).</summary>
        public static IReadOnlyList<string> AddressOptions { get; } = new[] { "schema", "sslmode", "application_name", "connect_timeout" };
    }
}
