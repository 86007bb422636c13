// Shared by the test projects and the bench (linked as source): a private PostgreSQL cluster started by
// build/pg-cluster.sh on first use, reused by every PostgreSQL test of the process, stopped at exit.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace MoaiPatterns.Tests.Postgres
{
    public sealed class PostgresTestCluster
    {
        private static readonly object Gate = new object();
        private static PostgresTestCluster? shared;
        private static string? failure;

        private PostgresTestCluster(IReadOnlyDictionary<string, string> settings)
        {
            DataDir = settings["PGDATA"];
            Host = settings["PGHOST"];
            Port = int.Parse(settings["PGPORT"], System.Globalization.CultureInfo.InvariantCulture);
            User = settings["PGUSER"];
            Password = settings["PGPASSWORD"];
        }

        public string DataDir { get; }
        public string Host { get; }
        public int Port { get; }
        public string User { get; }
        public string Password { get; }

        /// <summary>The cluster of this process, started on first use; throws with the script's output when it cannot start.</summary>
        public static PostgresTestCluster Shared
        {
            get
            {
                lock (Gate)
                {
                    if (shared != null) return shared;
                    if (failure != null) throw new InvalidOperationException(failure);
                    try
                    {
                        shared = Start();
                    }
                    catch (Exception e)
                    {
                        failure = "Could not start the test PostgreSQL cluster (build/pg-cluster.sh start): " + e.Message;
                        throw new InvalidOperationException(failure, e);
                    }
                    var started = shared;
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => started.Stop();
                    return shared;
                }
            }
        }

        /// <summary>True when initdb/pg_ctl exist (the bench skips PostgreSQL without them; tests fail instead).</summary>
        public static bool BinariesPresent() => Run("bin", out _) == 0;

        /// <summary>An address for a schema of its own: every test class (or store) passes a fresh name.</summary>
        public string Address(string schema, bool withPassword = true, string database = "postgres") =>
            $"postgresql://{User}{(withPassword ? ":" + Password : "")}@{Host}:{Port}/{database}?schema={schema}";

        /// <summary>An Npgsql connection string for raw SQL in tests.</summary>
        public string ConnectionString(string database = "postgres") =>
            $"Host={Host};Port={Port};Username={User};Password={Password};Database={database};Pooling=false";

        /// <summary>A schema name nobody else uses.</summary>
        public static string NewSchema(string prefix = "t") => prefix + "_" + Guid.NewGuid().ToString("N").Substring(0, 16);

        public static string RepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "PatternsModule.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("PatternsModule.sln not found above " + AppContext.BaseDirectory);
        }

        private static PostgresTestCluster Start()
        {
            if (Run("start", out var output) != 0) throw new InvalidOperationException(output.Trim());
            var settings = new Dictionary<string, string>();
            foreach (var line in output.Split('\n'))
            {
                var eq = line.IndexOf('=');
                if (eq > 0) settings[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
            }
            return new PostgresTestCluster(settings);
        }

        public void Stop() => Run("stop " + DataDir, out _);

        private static int Run(string args, out string output)
        {
            var psi = new ProcessStartInfo("bash", Path.Combine(RepoRoot(), "build", "pg-cluster.sh") + " " + args)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            output += stderr.Result;
            return p.ExitCode;
        }
    }
}
