using System;
using System.Runtime.CompilerServices;

namespace MoaiPatterns.Storage.FileSystem
{
    /// <summary>
    /// Words to dense ids, looked up by a range of a larger string so a word seen again allocates nothing
    /// (netstandard2.0 has no span-keyed dictionary). Open addressing, ordinal equality.
    /// </summary>
    internal sealed class TermTable
    {
        private string[] _terms = new string[1024];
        private int[] _hashes = new int[1024];
        private int[] _slots = new int[2048];  // term id + 1; 0 = empty
        private int _count;

        public int Count => _count;

        public string this[int id] => _terms[id];

        /// <summary>The id of text[start, start+length), added when new.</summary>
        [MethodImpl(ErrorCache.Hot)]
        public int Intern(string text, int start, int length)
        {
            var h = Hash(text, start, length);
            var mask = _slots.Length - 1;
            for (var i = h & mask; ; i = (i + 1) & mask)
            {
                var s = _slots[i];
                if (s == 0) break;
                var t = _terms[s - 1];
                if (_hashes[s - 1] == h && t.Length == length && string.CompareOrdinal(t, 0, text, start, length) == 0) return s - 1;
            }
            if (_count == _terms.Length)
            {
                Array.Resize(ref _terms, _count * 2);
                Array.Resize(ref _hashes, _count * 2);
            }
            var id = _count++;
            _terms[id] = length == text.Length ? text : text.Substring(start, length);
            _hashes[id] = h;
            if (_count * 2 > _slots.Length) Grow(); else Place(id, h);
            return id;
        }

        /// <summary>The id of a word, or -1 when no document has it.</summary>
        public int Find(string term)
        {
            var h = Hash(term, 0, term.Length);
            var mask = _slots.Length - 1;
            for (var i = h & mask; ; i = (i + 1) & mask)
            {
                var s = _slots[i];
                if (s == 0) return -1;
                if (_hashes[s - 1] == h && string.Equals(_terms[s - 1], term, StringComparison.Ordinal)) return s - 1;
            }
        }

        private void Place(int id, int h)
        {
            var mask = _slots.Length - 1;
            var i = h & mask;
            while (_slots[i] != 0) i = (i + 1) & mask;
            _slots[i] = id + 1;
        }

        private void Grow()
        {
            _slots = new int[_slots.Length * 2];
            for (var id = 0; id < _count; id++) Place(id, _hashes[id]);
        }

        [MethodImpl(ErrorCache.Hot)]
        private static int Hash(string text, int start, int length)
        {
            unchecked
            {
                var h = (int)2166136261;
                for (var i = start; i < start + length; i++) h = (h ^ text[i]) * 16777619;
                return h & 0x7FFFFFFF;
            }
        }
    }
}
