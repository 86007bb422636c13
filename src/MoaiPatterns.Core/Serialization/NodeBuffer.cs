using System;
using System.IO;

namespace MoaiPatterns.Serialization
{
    /// <summary>One reusable UTF-8 buffer per thread for writing a JSON tree that is read straight back.</summary>
    internal static class NodeBuffer
    {
        // Patterns are at most 1 MiB; a buffer grown past that by an oversized input is not kept.
        private const int MaxKeptCapacity = 2 * 1024 * 1024;

        [ThreadStatic] private static MemoryStream? _cached;

        public static MemoryStream Rent()
        {
            var buffer = _cached ?? new MemoryStream(2048);
            _cached = null; // a nested use on the same thread gets its own buffer
            buffer.SetLength(0);
            return buffer;
        }

        public static void Return(MemoryStream buffer)
        {
            if (buffer.Capacity <= MaxKeptCapacity) _cached = buffer;
        }
    }
}
