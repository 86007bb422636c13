using System;
using System.Collections.Generic;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// The store's warnings: one per file per command. A file met twice in one command (an index rebuild
    /// and then the query, or Count then Find) is reported once; <see cref="EndCommand"/> (the store's
    /// Release, at the end of every cmdlet) starts afresh. Safe for the query's parallel reads.
    /// </summary>
    internal sealed class WarningLog
    {
        private readonly object _sync = new object();
        private readonly List<StoreWarning> _pending = new List<StoreWarning>();
        private readonly HashSet<string> _reported = new HashSet<string>(StringComparer.Ordinal);

        public void Add(StoreWarning warning)
        {
            lock (_sync)
            {
                if (_reported.Add(warning.Target)) _pending.Add(warning);
            }
        }

        /// <summary>The warnings not yet handed out.</summary>
        public IReadOnlyList<StoreWarning> Drain()
        {
            lock (_sync)
            {
                var copy = _pending.ToArray();
                _pending.Clear();
                return copy;
            }
        }

        /// <summary>The command ended: the same file may be reported again by the next one.</summary>
        public void EndCommand()
        {
            lock (_sync) _reported.Clear();
        }
    }
}
