using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Process-wide opened stores, keyed by full path and backend, so a filesystem index stays warm
    /// between calls. Cmdlets lease a store; when the last lease ends the store releases its files,
    /// so nothing stays locked between commands even when several cmdlets of one pipeline share it.
    /// </summary>
    internal static class StoreRegistry
    {
        private static readonly object Sync = new object();
        private static readonly Dictionary<string, Entry> Stores = new Dictionary<string, Entry>(
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);

        private sealed class Entry
        {
            public Entry(MoaiPatternStore store) { Store = store; }
            public MoaiPatternStore Store { get; }
            public int Leases;
        }

        /// <summary>Opens (or reuses) the store at a full path; throws StoreNotFoundException when missing and not <paramref name="create"/>.</summary>
        public static StoreLease Acquire(string fullPath, StoreBackend? backend, bool create)
        {
            var kind = backend ?? PatternStores.DetectBackend(fullPath);
            var key = kind + "|" + fullPath;
            lock (Sync)
            {
                if (!Stores.TryGetValue(key, out var entry))
                {
                    entry = new Entry(new MoaiPatternStore(PatternStores.Open(fullPath, kind, create)));
                    Stores[key] = entry;
                }
                entry.Leases++;
                return new StoreLease(entry.Store, () => EndLease(key));
            }
        }

        /// <summary>Leases a store object the user already holds (from Open-MoaiPatternStore).</summary>
        public static StoreLease Acquire(MoaiPatternStore store)
        {
            var key = store.Backend + "|" + store.Path;
            lock (Sync)
            {
                if (!Stores.TryGetValue(key, out var entry) || !ReferenceEquals(entry.Store, store))
                {
                    // A store object from elsewhere (or an evicted one): lease it without registering it.
                    return new StoreLease(store, () => SafeRelease(store));
                }
                entry.Leases++;
                return new StoreLease(entry.Store, () => EndLease(key));
            }
        }

        private static void EndLease(string key)
        {
            lock (Sync)
            {
                if (!Stores.TryGetValue(key, out var entry)) return;
                entry.Leases = Math.Max(0, entry.Leases - 1);
                if (entry.Leases == 0) SafeRelease(entry.Store);
            }
        }

        private static void SafeRelease(MoaiPatternStore store)
        {
            try { store.Engine.Release(); }
            catch (Exception) { /* releasing must never mask the cmdlet's own outcome */ }
        }
    }

    /// <summary>One cmdlet's use of a store; disposing it ends the lease (idempotent).</summary>
    internal sealed class StoreLease : IDisposable
    {
        private Action? _end;

        public StoreLease(MoaiPatternStore store, Action end)
        {
            Store = store;
            _end = end;
        }

        public MoaiPatternStore Store { get; }

        public IPatternStore Engine => Store.Engine;

        public void Dispose()
        {
            var end = System.Threading.Interlocked.Exchange(ref _end, null);
            end?.Invoke();
        }
    }
}
