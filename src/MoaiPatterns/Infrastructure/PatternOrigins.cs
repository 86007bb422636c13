using System.Runtime.CompilerServices;
using MoaiPatterns.Stores;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Remembers which store each pattern written by Get/Find came from, so that
    /// "Find-MoaiPattern -Store x | Remove-MoaiPattern" removes from x without repeating -Store.
    /// Weak: forgotten when the pattern object is collected.
    /// </summary>
    internal static class PatternOrigins
    {
        private static readonly ConditionalWeakTable<MoaiPattern, MoaiPatternStore> Origins = new ConditionalWeakTable<MoaiPattern, MoaiPatternStore>();

        public static MoaiPattern Remember(MoaiPattern pattern, MoaiPatternStore store)
        {
            Origins.Remove(pattern);
            Origins.Add(pattern, store);
            return pattern;
        }

        public static MoaiPatternStore? Of(MoaiPattern pattern) => Origins.TryGetValue(pattern, out var store) ? store : null;
    }
}
