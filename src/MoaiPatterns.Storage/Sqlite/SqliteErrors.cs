using System;
using Microsoft.Data.Sqlite;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.Sqlite
{
    /// <summary>SQLite's result codes as the engine's store exceptions, so no SqliteException leaves the backend.</summary>
    internal static class SqliteErrors
    {
        // Primary result codes (the low byte of an extended code): https://sqlite.org/rescode.html
        private const int Perm = 3, Busy = 5, Locked = 6, ReadOnly = 8, IoErr = 10, Corrupt = 11, Full = 13, CantOpen = 14, NotADb = 26;

        /// <summary>Runs a call against the database at <paramref name="path"/> with SQLite's errors translated.</summary>
        public static T Run<T>(string path, Func<T> call)
        {
            try { return call(); }
            catch (SqliteException e) { throw Translate(e, path); }
        }

        public static void Run(string path, Action call) => Run(path, () => { call(); return true; });

        public static Exception Translate(SqliteException e, string path)
        {
            switch (e.SqliteErrorCode & 0xFF)
            {
                case Busy:
                case Locked:
                    return new StoreAccessException(StoreFailure.Busy, path, "is busy: another process kept it locked longer than the 30 s wait. Try again when it is done.", e);
                case ReadOnly:
                case Perm:
                case CantOpen:
                    return new StoreAccessException(StoreFailure.ReadOnly, path,
                        "cannot be written: the database file or its folder is read-only for this user (SQLite also needs to create its -wal and -shm files beside the database).", e);
                case Full:
                    return new StoreAccessException(StoreFailure.Full, path, "cannot be written: the disk is full. Nothing was half written; free some space and save again.", e);
                case Corrupt:
                case NotADb:
                    return new StoreCorruptException(path, $"it is not a readable SQLite database ({e.Message}).", e);
                case IoErr:
                    return new StoreAccessException(StoreFailure.Io, path, $"could not be read or written: {e.Message}", e);
                default:
                    return new StoreAccessException(StoreFailure.Io, path, $"reported an error: {e.Message}", e);
            }
        }
    }
}
