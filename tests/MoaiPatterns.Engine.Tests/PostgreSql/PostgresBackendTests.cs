using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Storage;
using MoaiPatterns.Storage.PostgreSql;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Contract;
using MoaiPatterns.Tests.Postgres;
using Npgsql;
using Xunit;

namespace MoaiPatterns.Tests.PostgreSql
{
    /// <summary>What only the PostgreSQL backend has: addresses, credentials, server errors, the schema's life, exact JSON beside jsonb, repair.</summary>
    public sealed class PostgresBackendTests : IDisposable
    {
        private static PostgresTestCluster Cluster => PostgresTestCluster.Shared;

        private readonly System.Collections.Generic.List<IPatternStore> _opened = new System.Collections.Generic.List<IPatternStore>();

        public void Dispose()
        {
            foreach (var s in _opened) s.Dispose();
        }

        private IPatternStore Open(string schema, bool create = true) => Track(PatternStores.Open(Cluster.Address(schema), create: create));

        private IPatternStore Track(IPatternStore s) { _opened.Add(s); return s; }

        private static object? Sql(string sql)
        {
            using var c = new NpgsqlConnection(Cluster.ConnectionString());
            c.Open();
            using var cmd = new NpgsqlCommand(sql, c);
            return cmd.ExecuteScalar();
        }

        [Theory]
        [InlineData("postgresql://ann:s3cr%40t@db.example.org:6543/team?schema=agents", "ann", "s3cr@t", "db.example.org", 6543, "team", "agents")]
        [InlineData("postgres://db.example.org/team", null, null, "db.example.org", 5432, "team", "moai")]
        [InlineData("POSTGRESQL://bob@[::1]:5433/x%20y", "bob", null, "::1", 5433, "x y", "moai")]
        public void Addresses_parse_and_their_location_never_holds_the_password(string address, string? user, string? password, string host, int port, string db, string schema)
        {
            var t = PostgresTarget.FromAddress(address);
            Assert.Equal(user, t.Builder.Username);
            Assert.Equal(password, t.Builder.Password);
            Assert.Equal(host, t.Builder.Host);
            Assert.Equal(port, t.Builder.Port);
            Assert.Equal(db, t.Builder.Database);
            Assert.Equal(schema, t.Schema);
            Assert.DoesNotContain("s3cr", t.Location);
            Assert.StartsWith("postgresql://", t.Location);
            Assert.EndsWith("?schema=" + schema, t.Location);
        }

        [Theory]
        [InlineData("postgresql://ann:hunter2@host")]
        [InlineData("postgresql://ann:hunter2@host:99999/db")]
        [InlineData("postgresql://ann:hunter2@host/db?sslcert=x")]
        [InlineData("postgresql://ann:hunter2@host/db?schema=")]
        public void A_bad_address_is_NotAPatternStore_and_its_message_hides_the_password(string address)
        {
            var e = Assert.Throws<NotAPatternStoreException>(() => PatternStores.Open(address, create: true));
            Assert.DoesNotContain("hunter2", e.Message);
            Assert.DoesNotContain("hunter2", e.StorePath);
            Assert.Contains("ann:****@host", e.Message);
        }

        [Fact]
        public void Wrong_password_is_AuthenticationFailed_and_never_echoes_it()
        {
            var address = $"postgresql://{Cluster.User}:Wrong-Pa55word@{Cluster.Host}:{Cluster.Port}/postgres";
            var e = Assert.Throws<StoreAccessException>(() => PatternStores.Open(address, create: true));
            Assert.Equal(StoreFailure.AuthenticationFailed, e.Failure);
            Assert.DoesNotContain("Wrong-Pa55word", e.ToString());
        }

        [Fact]
        public void No_server_on_the_port_is_Unreachable()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var e = Assert.Throws<StoreAccessException>(() => PatternStores.Open($"postgresql://u:TopSecret9@127.0.0.1:{port}/db?connect_timeout=5", create: true));
            Assert.Equal(StoreFailure.Unreachable, e.Failure);
            Assert.DoesNotContain("TopSecret9", e.ToString());
        }

        [Fact]
        public void A_missing_database_is_StoreNotFound()
        {
            var e = Assert.Throws<StoreNotFoundException>(() => PatternStores.Open(Cluster.Address("moai", database: "no_such_db"), create: true));
            Assert.Contains("does not exist", e.Message);
            Assert.DoesNotContain(Cluster.Password, e.ToString());
        }

        [Fact]
        public void A_user_without_CREATE_is_PermissionDenied_and_a_missing_schema_for_reading_is_StoreNotFound()
        {
            var role = "limited_" + Guid.NewGuid().ToString("N").Substring(0, 8);
            Sql($"CREATE ROLE {role} LOGIN PASSWORD 'Limited-Pw-1'");
            var address = $"postgresql://{role}:Limited-Pw-1@{Cluster.Host}:{Cluster.Port}/postgres?schema={PostgresTestCluster.NewSchema()}";
            var e = Assert.Throws<StoreAccessException>(() => PatternStores.Open(address, create: true));
            Assert.Equal(StoreFailure.PermissionDenied, e.Failure);
            Assert.DoesNotContain("Limited-Pw-1", e.ToString());
            Assert.Throws<StoreNotFoundException>(() => PatternStores.Open(address, create: false));
        }

        [Fact]
        public void PGPASSWORD_and_a_pgpass_file_supply_the_password()
        {
            var schema = PostgresTestCluster.NewSchema();
            var bare = Cluster.Address(schema, withPassword: false);
            var old = Environment.GetEnvironmentVariable("PGPASSWORD");
            var pgpass = Path.Combine(Path.GetTempPath(), "moai-pgpass-" + Guid.NewGuid().ToString("N"));
            try
            {
                Environment.SetEnvironmentVariable("PGPASSWORD", Cluster.Password);
                using (var s = PatternStores.Open(bare, create: true)) s.Save(TestPatterns.Make(1));
                Environment.SetEnvironmentVariable("PGPASSWORD", null);
                File.WriteAllText(pgpass, $"{Cluster.Host}:{Cluster.Port}:*:{Cluster.User}:{Cluster.Password}\n");
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(pgpass, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                var t = PostgresTarget.FromAddress(bare);
                t.Builder.Passfile = pgpass;
                using var again = PostgresPatternStore_Open(t);
                Assert.NotNull(again.Get(TestPatterns.Id(1)));
            }
            finally
            {
                Environment.SetEnvironmentVariable("PGPASSWORD", old);
                File.Delete(pgpass);
            }
        }

        private static IPatternStore PostgresPatternStore_Open(PostgresTarget t) => typeof(PostgresPatternStore)
            .GetMethod("Open", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .Invoke(null, new object[] { t, false }) as IPatternStore ?? throw new InvalidOperationException();

        [Fact]
        public void Many_processes_opening_a_new_store_at_once_create_it_once()
        {
            for (var round = 0; round < 4; round++)
            {
                var schema = PostgresTestCluster.NewSchema("race");
                using var start = new System.Threading.Barrier(10);
                var tasks = Enumerable.Range(0, 10).Select(i => Task.Factory.StartNew(() =>
                {
                    start.SignalAndWait();
                    using var s = PatternStores.Open(Cluster.Address(schema), create: true);
                    s.Save(TestPatterns.Make(i));
                }, TaskCreationOptions.LongRunning)).ToArray();
                Task.WaitAll(tasks);
                Assert.Equal(PostgresSchema.CurrentVersion.ToString(), Sql($"SELECT value FROM {schema}.moai_schema WHERE key = 'version'"));
                Assert.Equal(10, Open(schema).Count(PatternQuery.All));
            }
        }

        [Fact]
        public void A_store_from_a_newer_module_is_refused_as_corrupt_not_changed()
        {
            var schema = PostgresTestCluster.NewSchema();
            Open(schema).Save(TestPatterns.Make(1));
            Sql($"UPDATE {schema}.moai_schema SET value = '{PostgresSchema.CurrentVersion + 1}' WHERE key = 'version'");
            Assert.Throws<StoreCorruptException>(() => PatternStores.Open(Cluster.Address(schema), create: true));
            Assert.Equal((PostgresSchema.CurrentVersion + 1).ToString(), Sql($"SELECT value FROM {schema}.moai_schema WHERE key = 'version'"));
        }

        [Fact]
        public void The_JSON_text_comes_back_exactly_while_jsonb_serves_SQL()
        {
            // Key order jsonb would sort, float forms it would rewrite, a \u0000 escape it cannot hold at all.
            const string json = "{\"pattern_id\":\"exact-1\",\"pattern_type\":\"task_completion\",\"timestamp\":\"2025-06-01T10:00:00.123456+05:30\","
                + "\"data\":{\"task_type\":\"t\",\"agent\":\"a\",\"duration_ms\":5,\"success\":true,\"zeta\":1.0,\"alpha\":1e5,\"coverage_percent\":50.50,\"big\":12345678901234567890},"
                + "\"context\":{\"tags\":[\"B\",\"a\"],\"zz\":{\"y\":1,\"x\":2}},\"version\":\"1.0\"}";
            var nan = "{\"pattern_id\":\"exact-2\",\"pattern_type\":\"task_completion\",\"timestamp\":\"2025-06-01T10:00:00Z\",\"data\":{\"task_type\":\"t\\u0000x\",\"agent\":\"a\",\"success\":true,\"duration_ms\":5},\"context\":{},\"version\":\"1.0\"}";
            var schema = PostgresTestCluster.NewSchema();
            var store = Open(schema);
            foreach (var text in new[] { json, nan })
            {
                var p = PatternJson.Parse(text);
                store.Save(p);
                var back = Track(PatternStores.OpenPostgreSql(store.Location, Cluster.User, Cluster.Password, null, false)).Get(p.PatternId)!;
                Assert.Equal(PatternJson.ToJson(p, false), PatternJson.ToJson(back, false));
            }
            Assert.Equal(true, Sql($"SELECT data IS NULL AND data_text LIKE '%u0000x%' FROM {schema}.patterns WHERE pattern_id = 'exact-2'"));
            Assert.Equal("100000", Sql($"SELECT data->>'alpha' FROM {schema}.patterns WHERE pattern_id = 'exact-1'"));
            Assert.Equal(true, Sql($"SELECT (data->>'success')::boolean FROM {schema}.patterns WHERE pattern_id = 'exact-1'"));
        }

        [Fact]
        public void Repair_recomputes_derived_columns_someone_changed_by_hand()
        {
            var schema = PostgresTestCluster.NewSchema();
            var store = Open(schema);
            for (var i = 0; i < 30; i++) store.Save(TestPatterns.Make(i));
            var tagged = new PatternQuery { Tags = new[] { "AUTH" } };
            var expected = store.Find(tagged).Select(p => p.PatternId).ToList();
            Assert.NotEmpty(expected);
            Sql($"UPDATE {schema}.patterns SET tags = '{{}}', agent_norm = 'x', words = '{{}}', timestamp_ms = 0 WHERE pattern_id IN ('{TestPatterns.Id(3)}', '{TestPatterns.Id(4)}')");
            Sql($"DELETE FROM {schema}.pattern_tag_names");
            Assert.True(store.Find(tagged).Count() < expected.Count || !store.Repair(whatIf: true).Healthy);
            var check = store.Repair(whatIf: true);
            Assert.False(check.Healthy);
            Assert.Contains(check.Problems, x => x.Contains("2 pattern(s)"));
            var fixedUp = store.Repair();
            Assert.False(fixedUp.Healthy);
            Assert.True(store.Repair(whatIf: true).Healthy);
            Assert.Equal(expected, store.Find(tagged).Select(p => p.PatternId).ToList());
            Assert.NotEmpty(store.SuggestTags("a", 10));
        }

        [Fact]
        public void Hostile_values_in_every_field_and_query_are_stored_verbatim_never_executed()
        {
            var evil = new[] { "'; DROP TABLE patterns; --", "\") OR 1=1 --", "$1", "%_\\", "ab\u0000cd", "{}[],\"", "') ON CONFLICT DO NOTHING; --" };
            var schema = PostgresTestCluster.NewSchema("evil\"; DROP SCHEMA public; --");
            var store = Open(schema);
            var i = 0;
            foreach (var e in evil.Where(x => x.IndexOf('\0') < 0))
            {
                var p = TestPatterns.Make(i++, tags: new[] { e });
                var d = (TaskCompletionData)TestPatterns.DataFor(PatternType.TaskCompletion, 0);
                d.Agent = e;
                d.TaskType = e;
                // Ids are refused by validation unless letters, digits, '-', '_', '.': the hostile text goes everywhere else.
                store.Save(new MoaiPattern("id-" + i, PatternType.TaskCompletion, p.Timestamp, d, p.Context));
            }
            foreach (var e in evil)
            {
                Assert.Equal(e.IndexOf('\0') < 0 ? 1 : 0, store.Count(new PatternQuery { Tags = new[] { e } }));
                Assert.Equal(e.IndexOf('\0') < 0 ? 1 : 0, store.Find(new PatternQuery { Agent = e }).Count());
                store.Find(new PatternQuery { Text = e }).ToList();
                Assert.Null(store.Get(e));
                Assert.False(store.Remove(e));
                store.SuggestTags(e, 5);
                store.SuggestAgents(e, 5);
                store.SuggestIds(e, 5);
            }
            Assert.Equal(evil.Length - 1, store.Count(PatternQuery.All));
            Assert.Equal(1L, Sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'public'"));
            // U+0000 cannot be PostgreSQL text: a pattern carrying it in a key is refused whole, nothing written.
            var bad = (TaskCompletionData)TestPatterns.DataFor(PatternType.TaskCompletion, 0);
            bad.Agent = "a\u0000b";
            Assert.Throws<StoreAccessException>(() => store.Save(new MoaiPattern("nul-agent", PatternType.TaskCompletion, TestPatterns.Base, bad, new PatternContext())));
            Assert.Null(store.Get("nul-agent"));
        }
    }
}
