using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace MoaiPatterns.Bench.Workload
{
    /// <summary>
    /// The rows of one size as a JSON file in the seed's dict shape (snake_case keys), with the
    /// queries' arguments: what the real pwsh cmdlet run and the original's driver read, so the
    /// cmdlets, the original and the engine all work on exactly the same rows.
    /// <code>{ "n", "now", "after", "cutoff", "word", "tags", "lookups": [ids], "rows": [N rows], "extra": [one-call rows] }</code>
    /// </summary>
    public static class WorkloadFile
    {
        public static void Write(string path, WorkloadGenerator generator, WorkloadSet w)
        {
            using var stream = File.Create(path);
            using var json = new Utf8JsonWriter(stream);
            json.WriteStartObject();
            json.WriteNumber("n", w.N);
            json.WriteString("now", Iso(w.Now));
            json.WriteString("after", Iso(w.Now.AddDays(-7)));
            json.WriteString("cutoff", Iso(w.Now.AddDays(-90)));
            json.WriteString("word", WorkloadGenerator.TextQuery);
            json.WriteStartArray("tags");
            foreach (var t in WorkloadGenerator.TwoTags) json.WriteStringValue(t);
            json.WriteEndArray();
            json.WriteStartArray("lookups");
            foreach (var id in w.LookupIds) json.WriteStringValue(id);
            json.WriteEndArray();
            json.WriteStartArray("rows");
            foreach (var row in generator.Rows(0, w.N)) WriteRow(json, row);
            json.WriteEndArray();
            json.WriteStartArray("extra");
            foreach (var row in generator.Rows(w.N, w.Extra)) WriteRow(json, row);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

        private static void WriteRow(Utf8JsonWriter json, WorkloadRow row)
        {
            json.WriteStartObject();
            json.WriteString("pattern_id", row.Id);
            json.WriteString("pattern_type", row.Type);
            json.WriteString("timestamp", row.TimestampText);
            json.WriteStartObject("data");
            foreach (var kv in row.Data)
            {
                json.WritePropertyName(kv.Key);
                switch (kv.Value)
                {
                    case string s: json.WriteStringValue(s); break;
                    case long l: json.WriteNumberValue(l); break;
                    // Always with a fraction, so a reader keeps it a float (45.0, not 45).
                    case double d: json.WriteRawValue(d.ToString(Math.Floor(d) == d ? "0.0" : "R", CultureInfo.InvariantCulture)); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case string[] a:
                        json.WriteStartArray();
                        foreach (var x in a) json.WriteStringValue(x);
                        json.WriteEndArray();
                        break;
                    default: throw new InvalidOperationException("Unexpected value type " + kv.Value.GetType());
                }
            }
            json.WriteEndObject();
            json.WriteStartObject("context");
            json.WriteString("project_name", row.ProjectName);
            json.WriteString("environment", row.Environment);
            json.WriteStartArray("tags");
            foreach (var t in row.Tags) json.WriteStringValue(t);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("version", "1.0");
            json.WriteEndObject();
        }
    }
}
