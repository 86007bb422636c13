using System;
using System.IO;
using System.Net.Sockets;
using MoaiPatterns.Stores;
using Npgsql;

namespace MoaiPatterns.Storage.PostgreSql
{
    /// <summary>
    /// Npgsql's and the server's failures as the engine's store exceptions, so no NpgsqlException leaves the
    /// backend. Messages are written here from SQLSTATE codes and never quote a connection string, so no
    /// password can reach an error; the server's own text (which names users and objects, never passwords) is kept.
    /// </summary>
    internal static class PostgresErrors
    {
        public static T Run<T>(string location, Func<T> call)
        {
            try { return call(); }
            catch (Exception e) when (IsDriverFailure(e)) { throw Translate(e, location); }
        }

        public static void Run(string location, Action call) => Run(location, () => { call(); return true; });

        private static bool IsDriverFailure(Exception e) =>
            e is NpgsqlException || e is SocketException || (e is InvalidOperationException && e.Source == "Npgsql")
            || (e is TimeoutException) || (e is IOException && e.Source == "Npgsql");

        public static Exception Translate(Exception e, string location)
        {
            if (e is PostgresException pg) return FromState(pg, location);
            // Failures before a server answers: refused, no such host, timeout, TLS, a dropped connection.
            var inner = e;
            while (inner.InnerException != null && !(inner is PostgresException)) inner = inner.InnerException;
            if (inner is PostgresException pgInner) return FromState(pgInner, location);
            return new StoreAccessException(StoreFailure.Unreachable, location,
                "could not be reached: " + Reason(e) + " Check the host, the port, that the server runs and accepts connections from here.", e);
        }

        private static string Reason(Exception e)
        {
            for (var x = e; x != null; x = x.InnerException)
            {
                if (x is SocketException s) return $"the connection failed ({s.SocketErrorCode}).";
                if (x is TimeoutException) return "the connection timed out.";
            }
            return "the connection failed (" + e.GetType().Name + ").";
        }

        private static Exception FromState(PostgresException e, string location)
        {
            var state = e.SqlState;
            switch (state)
            {
                case PostgresErrorCodes.InvalidPassword:
                case PostgresErrorCodes.InvalidAuthorizationSpecification:
                    return new StoreAccessException(StoreFailure.AuthenticationFailed, location,
                        $"refused the login: {e.MessageText}. Pass the password with -Credential, in PGPASSWORD or in a pgpass file.", e);
                case PostgresErrorCodes.InvalidCatalogName:
                    return new StoreNotFoundException(location, $"the database does not exist on the server ({e.MessageText}). A database administrator creates it (CREATE DATABASE); the module then creates its tables there.");
                case PostgresErrorCodes.InsufficientPrivilege:
                    return new StoreAccessException(StoreFailure.PermissionDenied, location,
                        $"cannot be used by this user: {e.MessageText}. The user needs CONNECT on the database, USAGE and CREATE on the schema (or a schema created for it) and SELECT, INSERT, UPDATE, DELETE on its tables.", e);
                case PostgresErrorCodes.ReadOnlySqlTransaction:
                    return new StoreAccessException(StoreFailure.ReadOnly, location, $"cannot be written: the server is read-only ({e.MessageText}).", e);
                case PostgresErrorCodes.DiskFull:
                case PostgresErrorCodes.OutOfMemory:
                    return new StoreAccessException(StoreFailure.Full, location, $"cannot be written: the server is out of space ({e.MessageText}). Nothing was half written.", e);
                case PostgresErrorCodes.LockNotAvailable:
                case PostgresErrorCodes.DeadlockDetected:
                case PostgresErrorCodes.SerializationFailure:
                    return new StoreAccessException(StoreFailure.Busy, location, $"is busy: {e.MessageText}. Try again.", e);
                case PostgresErrorCodes.TooManyConnections:
                case PostgresErrorCodes.CannotConnectNow:
                case PostgresErrorCodes.AdminShutdown:
                case PostgresErrorCodes.CrashShutdown:
                    return new StoreAccessException(StoreFailure.Unreachable, location, $"could not be reached: {e.MessageText}.", e);
            }
            if (state.StartsWith("08", StringComparison.Ordinal))
                return new StoreAccessException(StoreFailure.Unreachable, location, $"could not be reached: {e.MessageText}.", e);
            if (state.StartsWith("42", StringComparison.Ordinal) || state.StartsWith("XX", StringComparison.Ordinal))
                return new StoreCorruptException(location, $"its tables are not as this module made them ({state}: {e.MessageText}).", e);
            return new StoreAccessException(StoreFailure.Io, location, $"reported an error: {state}: {e.MessageText}", e);
        }
    }
}
