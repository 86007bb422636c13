using System;
using System.Security.Cryptography;
using System.Text;

namespace MoaiPatterns.Otlp
{
    /// <summary>
    /// Trace and span ids derived from the pattern id (SHA-256 of a labelled id), so an export repeated
    /// tomorrow gives the same ids and a backend replaces rather than duplicates. Lower-case hex, as OTLP/JSON wants.
    /// </summary>
    public static class OtlpIds
    {
        /// <summary>16 bytes, 32 hex digits.</summary>
        public static string TraceId(string patternId) => Hex(Derive("moai-trace\0" + patternId, 16));

        /// <summary>8 bytes, 16 hex digits.</summary>
        public static string SpanId(string patternId) => Hex(Derive("moai-span\0" + patternId, 8));

        private static byte[] Derive(string label, int length)
        {
            byte[] hash;
            using (var sha = SHA256.Create()) hash = sha.ComputeHash(Encoding.UTF8.GetBytes(label));
            var id = new byte[length];
            Array.Copy(hash, id, length);
            // All zeros is the invalid id in OTLP; a hash lands there with probability 2^-64 at worst, but never emit it.
            if (Array.TrueForAll(id, b => b == 0)) id[length - 1] = 1;
            return id;
        }

        private static string Hex(byte[] bytes)
        {
            var s = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes) s.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return s.ToString();
        }
    }
}
