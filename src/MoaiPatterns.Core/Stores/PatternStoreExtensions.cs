using MoaiPatterns.Input;
using MoaiPatterns.Stores;

namespace MoaiPatterns
{
    /// <summary>Saving a plain pattern: validated once, through the one way in, then handed to the store.</summary>
    public static class PatternStoreExtensions
    {
        /// <exception cref="Validation.InvalidPatternException">The pattern breaks a rule; nothing was written.</exception>
        public static void Save(this IPatternStore store, MoaiPattern pattern) => store.Save(PatternInput.ToValidated(pattern));

        /// <exception cref="Validation.InvalidPatternException">The pattern breaks a rule; the batch is unaffected.</exception>
        public static void Add(this IPatternWriter writer, MoaiPattern pattern) => writer.Add(PatternInput.ToValidated(pattern));
    }
}
