using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace MoaiPatterns
{
    /// <summary>
    /// A pattern's tags as a read-only list whose text is the tags joined by commas, so a CSV cell
    /// (Export-Csv) or a string expansion shows <c>backend,api</c> rather than <c>System.String[]</c>.
    /// </summary>
    public sealed class TagList : ReadOnlyCollection<string>
    {
        public static readonly TagList Empty = new TagList(new string[0]);

        public TagList(IList<string> tags) : base(tags) { }

        public override string ToString() => string.Join(",", this);
    }
}
