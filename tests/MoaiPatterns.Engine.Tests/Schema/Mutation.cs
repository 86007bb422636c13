using System;
using System.Text.Json.Nodes;

namespace MoaiPatterns.Tests.Schema
{
    /// <summary>Sets or removes one field of a seed-shaped JSON tree by dotted path (e.g. <c>data.duration_ms</c>).</summary>
    internal static class Mutation
    {
        public const string Remove = "<remove>";

        public static JsonObject Apply(string json, string path, string literal)
        {
            var root = SeedExamples.Node(json);
            var parts = path.Split('.');
            JsonObject parent = root;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (!(parent[parts[i]] is JsonObject next)) { next = new JsonObject(); parent[parts[i]] = next; }
                parent = next;
            }
            var last = parts[parts.Length - 1];
            if (literal == Remove) parent.Remove(last);
            else parent[last] = JsonNode.Parse(literal);
            return root;
        }

        public static string Repeat(char c, int n) => new string(c, n);

        public static string Quoted(string s) => System.Text.Json.JsonSerializer.Serialize(s);
    }
}
