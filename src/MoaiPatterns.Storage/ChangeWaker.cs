using System;
using System.IO;
using System.Threading;

namespace MoaiPatterns.Storage
{
    /// <summary>
    /// The wake-up hint of a change feed: a FileSystemWatcher on the files a save touches pokes a waiting feed at
    /// once. Watchers miss events (buffer overflows, network shares, some containers) and may not start at all, so
    /// a wait never lasts longer than the caller's poll interval: the feed then checks its durable truth anyway.
    /// </summary>
    internal sealed class ChangeWaker : IDisposable
    {
        private readonly FileSystemWatcher? _watcher;
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0, 1);

        public ChangeWaker(string folder, string filter)
        {
            try
            {
                var w = new FileSystemWatcher(folder, filter)
                {
                    NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
                    IncludeSubdirectories = false,
                };
                w.Changed += (s, e) => Poke();
                w.Created += (s, e) => Poke();
                w.Renamed += (s, e) => Poke();
                w.Deleted += (s, e) => Poke();
                w.Error += (s, e) => Poke();
                w.EnableRaisingEvents = true;
                _watcher = w;
            }
            catch (Exception e) when (e is IOException || e is ArgumentException || e is PlatformNotSupportedException || e is UnauthorizedAccessException)
            {
                _watcher = null; // polling alone
            }
        }

        /// <summary>Whether events arrive at all (else only polling wakes the feed).</summary>
        public bool Watching => _watcher != null;

        private void Poke()
        {
            try { if (_signal.CurrentCount == 0) _signal.Release(); }
            catch (SemaphoreFullException) { }
            catch (ObjectDisposedException) { }
        }

        /// <summary>Returns on a poke, after <paramref name="timeout"/>, or when <paramref name="cancel"/> fires.</summary>
        public void Wait(TimeSpan timeout, CancellationToken cancel)
        {
            if (timeout <= TimeSpan.Zero) return;
            try { _signal.Wait(timeout, cancel); }
            catch (OperationCanceledException) { }
        }

        public void Dispose()
        {
            _watcher?.Dispose();
            _signal.Dispose();
        }
    }
}
