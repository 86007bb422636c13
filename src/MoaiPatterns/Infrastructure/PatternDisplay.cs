using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>One-line renderings the format views (MoaiPatterns.format.ps1xml) call.</summary>
    public static class PatternDisplay
    {
        /// <summary>Local time (as Get-ChildItem and Get-Date show it), short and sortable: 2024-05-01 14:03.</summary>
        public static string Time(DateTimeOffset timestamp) => timestamp.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        /// <summary>The type in a narrow table column: Task, Error, Usage, Correction.</summary>
        public static string ShortType(PatternType type)
        {
            switch (type)
            {
                case PatternType.TaskCompletion: return "Task";
                case PatternType.ErrorOccurrence: return "Error";
                case PatternType.AgentUsage: return "Usage";
                case PatternType.UserCorrection: return "Correction";
                default: return type.ToString();
            }
        }

        public static string Tags(string[]? tags) => tags == null ? "" : string.Join(", ", tags);

        /// <summary>The data payload as seed field=value pairs, e.g. "task_type=code_generation, success=true".</summary>
        public static string Data(PatternData? data) => data == null ? "" : Pairs(PatternJson.DataToJson(data), skip: null);

        /// <summary>The context without its tags (shown on their own line).</summary>
        public static string Context(PatternContext? context) => context == null ? "" : Pairs(PatternJson.ContextToJson(context), skip: "tags");

        public static string CountByType(IDictionary<PatternType, long>? counts) =>
            counts == null ? "" : string.Join(", ", counts.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key).Select(kv => kv.Key + "=" + kv.Value.ToString(CultureInfo.InvariantCulture)));

        /// <summary>Bytes as a person reads them: 512 B, 12.3 KB, 4.5 MB.</summary>
        public static string Size(long bytes)
        {
            string[] units = { "B", "KB", "MB", "GB", "TB" };
            double value = bytes;
            var unit = 0;
            while (Math.Abs(value) >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
            return unit == 0 ? bytes.ToString(CultureInfo.InvariantCulture) + " B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
        }

        public static string Duration(TimeSpan duration) =>
            duration.TotalSeconds < 1 ? ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms"
            : duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

        public static string Lines(IEnumerable<string>? lines) => lines == null ? "" : string.Join(Environment.NewLine, lines);

        private static string Pairs(string json, string? skip)
        {
            using var doc = JsonDocument.Parse(json);
            var parts = new List<string>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name == skip || p.Value.ValueKind == JsonValueKind.Null) continue;
                var v = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
                parts.Add(p.Name + "=" + v);
            }
            return string.Join(", ", parts);
        }
    }
}
