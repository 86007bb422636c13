using System;
using System.Collections.Generic;

namespace MoaiPatterns.Query
{
    /// <summary>
    /// What Find-MoaiPattern asks of a store. Every backend answers it identically:
    /// <list type="bullet">
    /// <item>Types: any of (none = all types).</item>
    /// <item>Tags: all of, compared after <see cref="Folding.Fold"/>.</item>
    /// <item>After (inclusive) / Before (exclusive): instants, compared in UTC at millisecond resolution.</item>
    /// <item>Agent: data.agent or data.agent_type, equal after <see cref="Folding.Fold"/>.</item>
    /// <item>Text: every folded word must begin a folded word of the pattern's data and context values (see <see cref="PatternKeys"/>).</item>
    /// <item>Order: newest first by UTC millisecond, then by pattern id descending (ordinal).</item>
    /// <item>Skip / First: paging over that order.</item>
    /// </list>
    /// </summary>
    public sealed class PatternQuery
    {
        public IReadOnlyCollection<PatternType>? Types { get; set; }
        public IReadOnlyCollection<string>? Tags { get; set; }
        public DateTimeOffset? After { get; set; }
        public DateTimeOffset? Before { get; set; }
        public string? Agent { get; set; }
        public string? Text { get; set; }
        public long Skip { get; set; }
        /// <summary>Null means all.</summary>
        public long? First { get; set; }

        /// <summary>A copy without paging, e.g. for a total count.</summary>
        public PatternQuery WithoutPaging() => new PatternQuery
        {
            Types = Types, Tags = Tags, After = After, Before = Before, Agent = Agent, Text = Text,
        };

        public static PatternQuery All => new PatternQuery();
    }
}
