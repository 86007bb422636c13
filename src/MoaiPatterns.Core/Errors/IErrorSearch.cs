using System.Collections.Generic;
using MoaiPatterns.Query;

namespace MoaiPatterns.Errors
{
    /// <summary>
    /// What a backend gives the resolution finder: corpus statistics and candidate documents. Only resolved
    /// errors (<see cref="ErrorDocument.IsResolved"/>) are documents. A backend finds candidates its own way,
    /// but must return exactly what these members define, so <see cref="ResolutionFinder"/> ranks the same
    /// documents with the same statistics on every backend (the differential test holds them to
    /// <see cref="InMemoryErrorSearch"/>).
    /// </summary>
    public interface IErrorSearch
    {
        /// <summary>Over every resolved error of the store (filters do not change statistics): the number of
        /// documents, the total words per field, and the document frequency of each of <paramref name="terms"/>.</summary>
        ErrorCorpusStats Statistics(IReadOnlyCollection<string> terms);

        /// <summary>The ids of the newest <paramref name="limit"/> resolved errors (order <see cref="NewestFirst"/>)
        /// whose <see cref="ErrorDocument.IndexTerms"/> hold <paramref name="term"/> and that pass the filter's time, agent and tags.</summary>
        IEnumerable<string> NewestWithTerm(string term, int limit, PatternMatcher filter);

        /// <summary>The ids of the newest <paramref name="limit"/> resolved errors of one group that pass the filter.</summary>
        IEnumerable<string> NewestWithSignature(string signature, int limit, PatternMatcher filter);

        /// <summary>The documents of these ids (any order; an id no longer stored is left out).</summary>
        IReadOnlyList<ErrorDocument> Documents(IReadOnlyCollection<string> ids);
    }

    /// <summary>A store that answers <see cref="IErrorSearch"/> from an index of its own.</summary>
    public interface IErrorSearchProvider
    {
        /// <summary>A search over the store as it is now; valid until the store is written or released.</summary>
        IErrorSearch OpenErrorSearch();
    }

    /// <summary>BM25 statistics of the resolved errors of a store.</summary>
    public sealed class ErrorCorpusStats
    {
        public ErrorCorpusStats(long documents, long[] lengthTotals, IReadOnlyDictionary<string, long> documentFrequency)
        {
            Documents = documents;
            LengthTotals = lengthTotals;
            DocumentFrequency = documentFrequency;
        }

        public long Documents { get; }

        /// <summary>Total words per <see cref="ErrorField"/>.</summary>
        public long[] LengthTotals { get; }

        /// <summary>Documents containing each asked term in any field (absent = 0).</summary>
        public IReadOnlyDictionary<string, long> DocumentFrequency { get; }

        public long Df(string term) => DocumentFrequency.TryGetValue(term, out var n) ? n : 0;

        public double AverageLength(int field) => Documents == 0 ? 0 : (double)LengthTotals[field] / Documents;
    }

    /// <summary>The filter side of a query, applied to an error document as <see cref="PatternMatcher"/> applies it to a pattern.</summary>
    public static class ErrorFilter
    {
        public static bool Matches(PatternMatcher filter, ErrorDocument d)
        {
            if (!filter.TimeMatches(d.UnixMs)) return false;
            if (filter.Agent != null && !string.Equals(filter.Agent, d.Agent, System.StringComparison.Ordinal)) return false;
            foreach (var t in filter.Tags) if (System.Array.IndexOf(d.Tags, t) < 0) return false;
            return true;
        }
    }
}
