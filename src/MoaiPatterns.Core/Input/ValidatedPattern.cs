using System;

namespace MoaiPatterns.Input
{
    /// <summary>
    /// A pattern that passed every rule, as only <see cref="PatternInput"/> (the one way in) can make it:
    /// a store given one saves it without validating again. It vouches for the pattern as it was when it
    /// was made; hand it straight to the store (the pattern is not copied, so changing it afterwards voids
    /// the promise: a caller that keeps a pattern to change it calls <see cref="PatternInput.ToValidated"/> again).
    /// </summary>
    public sealed class ValidatedPattern
    {
        internal ValidatedPattern(MoaiPattern pattern)
        {
            Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        }

        public MoaiPattern Pattern { get; }

        public string PatternId => Pattern.PatternId;

        public override string ToString() => Pattern.PatternId;
    }
}
