using System;
using System.Collections.Generic;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>A file that may answer a query: known from the index (not read yet) or already read.</summary>
    internal sealed class FindCandidate
    {
        public FindCandidate(long unixMs, string id, string folder, string name, MoaiPattern? loaded, bool certain, Analysis.PatternFacts? facts)
        {
            UnixMs = unixMs;
            Id = id;
            _folder = folder;
            _name = name;
            Loaded = loaded;
            Certain = certain;
            Facts = facts;
        }

        /// <summary>The index (or the file already read) says it matches every filter: it is emitted unless its file is gone.</summary>
        public bool Certain { get; }

        /// <summary>The index's facts for it, when known.</summary>
        public Analysis.PatternFacts? Facts { get; }

        public long UnixMs { get; }
        public string Id { get; }
        private readonly string _folder;
        private readonly string _name;
        private string? _fullPath;

        /// <summary>The file's path, made when first needed (most candidates of a folder are never read).</summary>
        public string FullPath => _fullPath ??= System.IO.Path.Combine(_folder, _name);
        /// <summary>Set when the file had to be read to place it (not in the index).</summary>
        public MoaiPattern? Loaded { get; }
    }

    /// <summary>Newest first by UTC millisecond, then id descending: <see cref="Query.NewestFirst"/> on index data.</summary>
    internal sealed class CandidateOrder : IComparer<FindCandidate>
    {
        public static readonly CandidateOrder Instance = new CandidateOrder();

        public int Compare(FindCandidate? x, FindCandidate? y)
        {
            var c = y!.UnixMs.CompareTo(x!.UnixMs);
            return c != 0 ? c : string.CompareOrdinal(y.Id, x.Id);
        }
    }

    /// <summary>A binary heap giving the first item in an order (netstandard2.0 has no PriorityQueue).</summary>
    internal sealed class BinaryHeap<T>
    {
        private readonly List<T> _items = new List<T>();
        private readonly IComparer<T> _order;

        public BinaryHeap(IComparer<T> order) => _order = order;

        public int Count => _items.Count;

        public T Peek() => _items[0];

        public void Push(T item)
        {
            _items.Add(item);
            var i = _items.Count - 1;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (_order.Compare(_items[i], _items[parent]) >= 0) break;
                (_items[i], _items[parent]) = (_items[parent], _items[i]);
                i = parent;
            }
        }

        public T Pop()
        {
            var top = _items[0];
            var last = _items.Count - 1;
            _items[0] = _items[last];
            _items.RemoveAt(last);
            var i = 0;
            while (true)
            {
                int l = 2 * i + 1, r = l + 1, m = i;
                if (l < _items.Count && _order.Compare(_items[l], _items[m]) < 0) m = l;
                if (r < _items.Count && _order.Compare(_items[r], _items[m]) < 0) m = r;
                if (m == i) break;
                (_items[i], _items[m]) = (_items[m], _items[i]);
                i = m;
            }
            return top;
        }
    }
}
