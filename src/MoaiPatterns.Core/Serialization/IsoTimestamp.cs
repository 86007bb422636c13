using System;
using System.Globalization;

namespace MoaiPatterns.Serialization
{
    /// <summary>
    /// ISO 8601 timestamps as the seed wrote them (Python isoformat): with Z, an offset, or none
    /// (then read as the machine's local time, as the original did); any number of fraction
    /// digits (kept to the tick). Written with an explicit offset and at most microseconds unless
    /// finer ticks are present.
    /// </summary>
    public static class IsoTimestamp
    {
        public static bool TryParse(string? text, out DateTimeOffset value)
        {
            value = default;
            if (text == null) return false;
            var s = text.Trim();
            if (s.Length < 10 || s.Length > 64) return false;
            int p = 0;
            if (!Digits(s, ref p, 4, out var year) || !Expect(s, ref p, '-') || !Digits(s, ref p, 2, out var month)
                || !Expect(s, ref p, '-') || !Digits(s, ref p, 2, out var day)) return false;
            int hour = 0, minute = 0, second = 0; long fractionTicks = 0;
            TimeSpan? offset = null;
            if (p < s.Length)
            {
                if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return false;
                p++;
                if (!Digits(s, ref p, 2, out hour) || !Expect(s, ref p, ':') || !Digits(s, ref p, 2, out minute)) return false;
                if (p < s.Length && s[p] == ':')
                {
                    p++;
                    if (!Digits(s, ref p, 2, out second)) return false;
                    if (p < s.Length && (s[p] == '.' || s[p] == ','))
                    {
                        p++;
                        int start = p; long scale = 1_000_000;
                        while (p < s.Length && s[p] >= '0' && s[p] <= '9')
                        {
                            if (p - start < 7) { fractionTicks += (s[p] - '0') * scale; scale /= 10; }
                            p++;
                        }
                        if (p == start) return false;
                    }
                }
                if (p < s.Length)
                {
                    if (s[p] == 'Z' || s[p] == 'z') { offset = TimeSpan.Zero; p++; }
                    else if (s[p] == '+' || s[p] == '-')
                    {
                        var sign = s[p] == '-' ? -1 : 1; p++;
                        if (!Digits(s, ref p, 2, out var oh)) return false;
                        if (p < s.Length && s[p] == ':') p++;
                        int om = 0;
                        if (p < s.Length && !Digits(s, ref p, 2, out om)) return false;
                        if (oh > 14 || om > 59 || (oh == 14 && om > 0)) return false;
                        offset = TimeSpan.FromMinutes(sign * (oh * 60 + om));
                    }
                    else return false;
                }
                if (p != s.Length) return false;
            }
            if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || year < 1
                || hour > 23 || minute > 59 || second > 59) return false;
            try
            {
                var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
                var off = offset ?? TimeZoneInfo.Local.GetUtcOffset(local);
                value = new DateTimeOffset(local, off);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }

        public static DateTimeOffset Parse(string text) =>
            TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not an ISO 8601 timestamp.");

        /// <summary>Python-compatible isoformat: fraction only when non-zero, always an offset.</summary>
        public static string Format(DateTimeOffset value)
        {
            var ticks = value.Ticks % TimeSpan.TicksPerSecond;
            string fraction = ticks == 0 ? string.Empty
                : ticks % 10 == 0 ? "." + (ticks / 10).ToString("000000", CultureInfo.InvariantCulture)
                : "." + ticks.ToString("0000000", CultureInfo.InvariantCulture);
            var off = value.Offset;
            var sign = off < TimeSpan.Zero ? "-" : "+";
            off = off.Duration();
            return value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture) + fraction
                + sign + off.Hours.ToString("00", CultureInfo.InvariantCulture) + ":" + off.Minutes.ToString("00", CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// True when a parsed text can be written back as is: it names its offset (Z or +hh:mm) and has
        /// no surrounding blanks. Text without an offset is rewritten with one, as the module always writes.
        /// </summary>
        internal static bool IsVerbatimKeepable(string text)
        {
            if (text.Length < 20 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[text.Length - 1])) return false;
            var last = text[text.Length - 1];
            if (last == 'Z' || last == 'z') return true;
            // An offset is +hh:mm / -hh:mm / +hhmm / +hh after the time part (position 19 at the earliest).
            for (var i = text.Length - 1; i >= 19; i--)
                if (text[i] == '+' || text[i] == '-') return true;
            return false;
        }

        /// <summary>Milliseconds since the Unix epoch (UTC), the resolution queries compare at.</summary>
        public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

        private static bool Digits(string s, ref int p, int count, out int value)
        {
            value = 0;
            if (p + count > s.Length) return false;
            for (var i = 0; i < count; i++)
            {
                var c = s[p + i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            p += count;
            return true;
        }

        private static bool Expect(string s, ref int p, char c)
        {
            if (p >= s.Length || s[p] != c) return false;
            p++;
            return true;
        }
    }
}
