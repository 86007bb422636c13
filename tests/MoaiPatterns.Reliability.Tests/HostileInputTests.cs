using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using MoaiPatterns.Input;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Storage.FileSystem;
using MoaiPatterns.StressWorker;
using MoaiPatterns.Stores;
using MoaiPatterns.Validation;
using Xunit;
using Xunit.Abstractions;

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>
    /// Every hostile case either round-trips exactly (save, Get, same JSON) or is refused with
    /// InvalidPatternException; nothing else in the store changes; no other exception escapes, and
    /// hostile strings as -Text, -Tag and -Agent queries never throw.
    /// </summary>
    public sealed class HostileInputTests
    {
        private const int Baseline = 40;
        private readonly ITestOutputHelper _out;

        public HostileInputTests(ITestOutputHelper output) => _out = output;

        [Theory]
        [InlineData("filesystem")]
        [InlineData("sqlite")]
        [InlineData("postgresql")]
        public void EveryCaseRoundTripsOrIsRefusedAndTheRestOfTheStoreIsUntouched(string backend)
        {
            using var temp = new TempStore(backend);
            using var store = temp.Open();
            // Durability is not under test here: skip the per-save flush to keep 10,000 cases quick.
            if (store is FileSystemPatternStore fs) fs.FlushEachSave = false;
            var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < Baseline; i++) store.Save(StressPatterns.Make("base", i, StressPatterns.TimestampFor(t0, i * 1000)));
            var before = ContentHash(store);

            var clock = Stopwatch.StartNew();
            int saved = 0, refused = 0;
            var failures = new List<string>();
            var kinds = new Dictionary<string, int>();
            foreach (var (number, kind, input) in HostileCorpus.Generate(Scale.HostileCases, seed: 20250601))
            {
                kinds[kind] = kinds.TryGetValue(kind, out var k) ? k + 1 : 1;
                try
                {
                    if (RunCase(store, input)) saved++; else refused++;
                    if (store.Count(PatternQuery.All) != Baseline) failures.Add($"#{number} {kind}: the store's count changed");
                }
                catch (Exception ex)
                {
                    failures.Add($"#{number} {kind}: {ex.GetType().Name}: {Truncate(ex.Message)}");
                }
                if (failures.Count > 20) break;
            }
            foreach (var s in HostileCorpus.NastyStrings)
            {
                try
                {
                    store.Find(new PatternQuery { Text = s }).ToList();
                    store.Find(new PatternQuery { Tags = new[] { s } }).ToList();
                    store.Find(new PatternQuery { Agent = s, Text = s + " base" }).ToList();
                    store.Count(new PatternQuery { Text = s });
                    store.SuggestTags(s, 5);
                    store.SuggestIds(s, 5);
                    if (store.Get(s) != null) failures.Add($"Get('{s}') found something");
                    if (store.Remove(s)) failures.Add($"Remove('{s}') removed something");
                }
                catch (Exception ex) { failures.Add($"query '{Truncate(s)}': {ex.GetType().Name}: {Truncate(ex.Message)}"); }
            }
            _out.WriteLine($"{backend}: {saved + refused} cases ({saved} round-tripped, {refused} refused) in {clock.Elapsed.TotalSeconds:0.0} s; "
                + string.Join(", ", kinds.Select(p => p.Key + " " + p.Value)));
            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.Equal(before, ContentHash(store));
            Assert.Empty(store.DrainWarnings());
            store.Release();
        }

        /// <summary>True when the case was saved and round-tripped (then removed again); false when refused.</summary>
        private static bool RunCase(IPatternStore store, object input)
        {
            MoaiPattern pattern;
            try { pattern = PatternInput.ToPattern(input); }
            catch (InvalidPatternException) { return false; }
            var expected = PatternJson.ToJson(pattern);
            try { store.Save(pattern); }
            catch (InvalidPatternException) { return false; }
            var got = store.Get(pattern.PatternId) ?? throw new Exception($"saved '{pattern.PatternId}' but Get found nothing");
            var actual = PatternJson.ToJson(got);
            if (actual != expected) throw new Exception($"'{pattern.PatternId}' did not round-trip: {FirstDifference(expected, actual)}");
            foreach (var tag in pattern.Tags)
                if (!store.Find(new PatternQuery { Tags = new[] { tag } }).Any(p => p.PatternId == pattern.PatternId))
                    throw new Exception($"'{pattern.PatternId}' not found by its tag '{tag}'");
            store.Find(new PatternQuery { Text = pattern.Summary }).Take(5).ToList();
            if (!store.Remove(pattern.PatternId)) throw new Exception($"'{pattern.PatternId}' could not be removed");
            return true;
        }

        private static string ContentHash(IPatternStore store)
        {
            using var sha = SHA256.Create();
            var all = string.Join("\n", store.Find(PatternQuery.All).Select(p => PatternJson.ToJson(p)).OrderBy(s => s, StringComparer.Ordinal));
            return Convert.ToHexString(sha.ComputeHash(Encoding.UTF8.GetBytes(all)));
        }

        private static string FirstDifference(string expected, string actual)
        {
            var i = 0;
            while (i < expected.Length && i < actual.Length && expected[i] == actual[i]) i++;
            var from = Math.Max(0, i - 60);
            return $"at {i}: expected …{Truncate(expected.Substring(from, Math.Min(160, expected.Length - from)))} but got …{Truncate(actual.Substring(from, Math.Min(160, actual.Length - from)))}";
        }

        private static string Truncate(string s) => s.Length > 300 ? s.Substring(0, 300) + "…" : s;
    }
}
