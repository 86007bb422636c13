using System;
using System.Collections.Generic;
using System.Globalization;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// A MoaiPattern that went through PowerShell's own serializers (ConvertTo-Json | ConvertFrom-Json,
    /// Export-Clixml | Import-Clixml) comes back as a property bag of the object, not the seed's dict: every
    /// property present (null meaning "not set"), computed members (Id, Tags, Agent, Summary, PatternType
    /// on Data), snake_case aliases beside their properties, the type as an integer, a DateTimeOffset as its
    /// properties. This turns such a bag back into the input the one way in reads; anything else is untouched.
    /// </summary>
    internal static class PowerShellPatternShape
    {
        private static readonly string[] RootComputed = { "Tags", "Agent", "Summary" };
        private static readonly string[] DataComputed = { "PatternType", "AgentName" };

        /// <summary>True for the bag of a MoaiPattern: PascalCase PatternId, PatternType and Data.</summary>
        public static bool IsPatternBag(Dictionary<string, object?> d) =>
            d.ContainsKey("PatternId") && d.ContainsKey("PatternType") && d.ContainsKey("Data");

        public static void Normalize(Dictionary<string, object?> d)
        {
            if (d.TryGetValue("Id", out var id) && (id == null || Equals(id, d["PatternId"]))) d.Remove("Id");
            foreach (var name in RootComputed) d.Remove(name);
            if (d.TryGetValue("PatternType", out var type) && IsInteger(type, out var n) && n >= 0 && n < PatternTypeNames.All.Length)
                d["PatternType"] = ((PatternType)n).ToWireName();
            if (d.TryGetValue("Timestamp", out var ts) && ts is Dictionary<string, object?> parts && TryTimestamp(parts, out var text))
                d["Timestamp"] = text;
            if (d.TryGetValue("Data", out var data) && data is Dictionary<string, object?> dataBag)
            {
                foreach (var name in DataComputed) dataBag.Remove(name);
                Tidy(dataBag);
            }
            if (d.TryGetValue("Context", out var ctx) && ctx is Dictionary<string, object?> ctxBag)
            {
                if (ctxBag.TryGetValue("Timestamp", out var cts) && cts is Dictionary<string, object?> cparts && TryTimestamp(cparts, out var ctext))
                    ctxBag["Timestamp"] = ctext;
                Tidy(ctxBag);
            }
            Tidy(d);
        }

        /// <summary>Unknown fields back in place, nulls (unset properties) and snake_case twins of a property dropped.</summary>
        private static void Tidy(Dictionary<string, object?> bag)
        {
            if (bag.TryGetValue("AdditionalProperties", out var extra))
            {
                bag.Remove("AdditionalProperties");
                if (extra is Dictionary<string, object?> fields)
                    foreach (var kv in fields)
                        if (!IsJsonElementBag(kv.Value) && !bag.ContainsKey(kv.Key)) bag[kv.Key] = kv.Value;
            }
            var drop = new List<string>();
            foreach (var kv in bag)
            {
                if (kv.Value == null) drop.Add(kv.Key);
                else if (kv.Key.IndexOf('_') > 0 && bag.ContainsKey(Pascal(kv.Key))) drop.Add(kv.Key);
            }
            foreach (var key in drop) bag.Remove(key);
        }

        // ConvertTo-Json writes a JsonElement as its ValueKind only: the value itself is gone, so nothing is put back.
        private static bool IsJsonElementBag(object? value) =>
            value is Dictionary<string, object?> d && d.Count == 1 && d.ContainsKey("ValueKind");

        private static string Pascal(string snake)
        {
            var parts = snake.Split('_');
            for (var i = 0; i < parts.Length; i++)
                if (parts[i].Length > 0) parts[i] = char.ToUpperInvariant(parts[i][0]) + parts[i].Substring(1);
            return string.Concat(parts);
        }

        private static bool IsInteger(object? value, out long n)
        {
            switch (value)
            {
                case int i: n = i; return true;
                case long l: n = l; return true;
                default: n = 0; return false;
            }
        }

        /// <summary>A DateTimeOffset that Export-Clixml wrote as its properties: the UTC instant and the offset.</summary>
        private static bool TryTimestamp(Dictionary<string, object?> parts, out string text)
        {
            text = "";
            if (!(parts.TryGetValue("UtcTicks", out var ticks) && IsInteger(ticks, out var utcTicks))) return false;
            long offsetTicks = 0;
            if (parts.TryGetValue("Offset", out var offset) && offset is Dictionary<string, object?> o && o.TryGetValue("Ticks", out var ot))
                IsInteger(ot, out offsetTicks);
            var instant = new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromTicks(offsetTicks));
            text = IsoTimestamp.Format(instant);
            return true;
        }
    }
}
