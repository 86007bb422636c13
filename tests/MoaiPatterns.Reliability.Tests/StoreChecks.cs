using System;
using System.Collections.Generic;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.StressWorker;
using MoaiPatterns.Stores;
using Xunit;

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>Assertions shared by the process tests: patterns load whole, appear once, and reads raise no warnings.</summary>
    public static class StoreChecks
    {
        /// <summary>Every id loads by Get and is whole (checksum, id and regenerated content agree).</summary>
        public static void AllIntact(IPatternStore store, IEnumerable<string> ids, string context)
        {
            foreach (var id in ids)
            {
                var p = store.Get(id);
                Assert.True(p != null, $"{context}: {id} was saved (its save returned) but is missing.");
                var problem = StressPatterns.Problem(p!);
                Assert.True(problem == null, $"{context}: {problem}");
            }
        }

        /// <summary>Find over everything: no duplicate ids, every stress pattern whole, no warnings. The ids found.</summary>
        public static HashSet<string> FindAllWhole(IPatternStore store, string context)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in store.Find(PatternQuery.All))
            {
                Assert.True(ids.Add(p.PatternId), $"{context}: {p.PatternId} returned twice by one Find.");
                var problem = StressPatterns.Problem(p);
                Assert.True(problem == null, $"{context}: {problem}");
            }
            var warnings = store.DrainWarnings();
            Assert.True(warnings.Count == 0, $"{context}: warnings: " + string.Join(" | ", warnings.Select(w => w.Target + ": " + w.Message)));
            return ids;
        }
    }
}
