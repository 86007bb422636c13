using System.Text.Json;
using System.Text.Json.Serialization;

namespace MoaiPatterns.Bench
{
    internal static class BenchJson
    {
        /// <summary>A failed step is NaN, which plain JSON cannot hold.</summary>
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            WriteIndented = true,
        };
    }
}
