using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MoaiPatterns.Tests.Schema
{
    /// <summary>
    /// Exact comparison of JSON trees: objects as unordered key sets, lists in order, numbers by
    /// their literal (so 50.0 differs from 50, as Python wrote them) and strings ordinally.
    /// </summary>
    internal static class JsonTree
    {
        public static bool ExactlyEqual(string a, string b)
        {
            using var x = JsonDocument.Parse(a);
            using var y = JsonDocument.Parse(b);
            return Equal(x.RootElement, y.RootElement);
        }

        public static bool Equal(JsonElement a, JsonElement b)
        {
            if (a.ValueKind != b.ValueKind) return false;
            switch (a.ValueKind)
            {
                case JsonValueKind.Object:
                    var pa = a.EnumerateObject().ToList();
                    var pb = b.EnumerateObject().ToList();
                    if (pa.Count != pb.Count) return false;
                    foreach (var p in pa)
                    {
                        var match = pb.Where(q => q.Name == p.Name).ToList();
                        if (match.Count != 1 || !Equal(p.Value, match[0].Value)) return false;
                    }
                    return true;
                case JsonValueKind.Array:
                    var ea = a.EnumerateArray().ToList();
                    var eb = b.EnumerateArray().ToList();
                    return ea.Count == eb.Count && ea.Zip(eb, Equal).All(ok => ok);
                case JsonValueKind.String:
                    return a.GetString() == b.GetString();
                case JsonValueKind.Number:
                    return a.GetRawText() == b.GetRawText();
                default:
                    return true;
            }
        }
    }
}
