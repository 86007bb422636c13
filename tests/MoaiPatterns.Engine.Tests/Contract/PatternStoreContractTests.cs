// The store contract every backend passes (semantics copied from Query/PatternQuery.cs):
//   Types: any of (none = all types).
//   Tags: all of, compared after one Unicode case fold (Query/Folding.cs).
//   After (inclusive) / Before (exclusive): instants, compared in UTC at millisecond resolution.
//   Agent: data.agent or data.agent_type, equal after the same fold.
//   Text: every folded query word must begin a folded word of the pattern (Query/PatternKeys.cs).
//   Order: newest first by UTC millisecond, then by pattern id descending (ordinal).
//   Skip / First: paging over that order.
// Plus: Save is an upsert (one copy, new content); Find streams; Count ignores paging; invalid patterns
// are refused with InvalidPatternException and change nothing; a writer commits in batches and keeps
// everything added before a failure.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Stores;
using MoaiPatterns.Validation;
using Xunit;

namespace MoaiPatterns.Tests.Contract
{
    public abstract class PatternStoreContractTests : IDisposable
    {
        private readonly List<IPatternStore> _opened = new List<IPatternStore>();

        protected PatternStoreContractTests()
        {
            TempDir = Path.Combine(Path.GetTempPath(), "moai-contract-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(TempDir);
        }

        protected string TempDir { get; }

        /// <summary>A fresh, empty store somewhere in <paramref name="tempDir"/>.</summary>
        protected abstract IPatternStore CreateStore(string tempDir);

        /// <summary>A new instance on the same path as <paramref name="store"/>.</summary>
        protected abstract IPatternStore Reopen(IPatternStore store);

        private IPatternStore NewStore() => Track(CreateStore(TempDir));

        private IPatternStore ReopenTracked(IPatternStore store)
        {
            store.Release();
            return Track(Reopen(store));
        }

        private IPatternStore Track(IPatternStore s) { _opened.Add(s); return s; }

        public void Dispose()
        {
            foreach (var s in _opened) s.Dispose();
            try { Directory.Delete(TempDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private static string Json(MoaiPattern p) => PatternJson.ToJson(p, indented: false);

        private static List<MoaiPattern> Fill(IPatternStore store, int n, int start = 0)
        {
            var all = Enumerable.Range(start, n).Select(i => TestPatterns.Make(i)).ToList();
            foreach (var p in all) store.Save(p);
            return all;
        }

        /// <summary>The reference answer: PatternMatcher + NewestFirst over the saved list.</summary>
        private static List<string> Expected(IEnumerable<MoaiPattern> all, PatternQuery q)
        {
            var m = new PatternMatcher(q);
            IEnumerable<MoaiPattern> r = all.Where(m.Matches).OrderBy(p => p, NewestFirst.Instance).Skip((int)q.Skip);
            if (q.First != null) r = r.Take((int)q.First.Value);
            return r.Select(p => p.PatternId).ToList();
        }

        private static List<string> Ids(IEnumerable<MoaiPattern> ps) => ps.Select(p => p.PatternId).ToList();

        private static void AssertQuery(IPatternStore store, List<MoaiPattern> all, PatternQuery q)
        {
            var expected = Expected(all, q);
            Assert.Equal(expected, Ids(store.Find(q)));
            Assert.Equal(Expected(all, q.WithoutPaging()).Count, store.Count(q));
        }

        [Fact]
        public void RoundTrip_keeps_every_field_after_reopen()
        {
            var store = NewStore();
            var rich = TestPatterns.Rich();
            var plain = Enumerable.Range(0, 8).Select(i => TestPatterns.Make(i)).ToList();
            store.Save(rich);
            foreach (var p in plain) store.Save(p);
            var again = ReopenTracked(store);
            foreach (var p in plain.Append(rich))
            {
                var got = again.Get(p.PatternId);
                Assert.NotNull(got);
                Assert.Equal(Json(p), Json(got!));
                Assert.Equal(p.Timestamp.Ticks, got!.Timestamp.Ticks);
                Assert.Equal(p.Timestamp.Offset, got.Timestamp.Offset);
            }
            var r = again.Get("rich-1")!;
            var data = Assert.IsType<ErrorOccurrenceData>(r.Data);
            Assert.Equal(42, data.LineNumber);
            Assert.Equal(TimeSpan.FromMinutes(-330), r.Timestamp.Offset);
            Assert.Equal(1_234_567, r.Timestamp.Ticks % TimeSpan.TicksPerSecond);
            Assert.Equal("{\"nested\":[1,2.5,\"x\",null,true]}", System.Text.Json.JsonSerializer.Serialize(data.AdditionalProperties!["extra_data"]));
            Assert.Equal("build-01", r.Context.AdditionalProperties!["host"].GetString());
            Assert.Equal("importer", r.AdditionalProperties["source"].GetString());
            Assert.Equal(new[] { "Security", "api" }, r.Tags);
            Assert.Equal(TimeSpan.FromHours(9), r.Context.Timestamp!.Value.Offset);
            Assert.Equal(12, r.Context.Metadata!["run"].GetProperty("id").GetInt32());
        }

        [Fact]
        public void Get_unknown_id_returns_null()
        {
            var store = NewStore();
            Fill(store, 3);
            Assert.Null(store.Get("no-such-id"));
        }

        [Fact]
        public void Save_existing_id_replaces_it_leaving_one_copy()
        {
            var store = NewStore();
            var all = Fill(store, 20);
            var updated = TestPatterns.Make(5, at: TestPatterns.Base.AddDays(30), tags: new[] { "frontend-only" });
            store.Save(updated);
            Assert.Equal(20, store.Count(PatternQuery.All));
            Assert.Equal(Json(updated), Json(store.Get(updated.PatternId)!));
            Assert.Equal(updated.PatternId, store.Find(new PatternQuery { First = 1 }).Single().PatternId);
            Assert.Equal(new[] { updated.PatternId }, Ids(store.Find(new PatternQuery { Tags = new[] { "frontend-only" } })));
            var old = all[5];
            foreach (var tag in old.Tags)
                Assert.DoesNotContain(updated.PatternId, Ids(store.Find(new PatternQuery { Tags = new[] { tag } })));
            Assert.Empty(store.Find(new PatternQuery { Before = TestPatterns.Base.AddDays(1), Agent = "nobody" }));
            var again = ReopenTracked(store);
            Assert.Equal(20, Ids(again.Find(PatternQuery.All)).Distinct().Count());
        }

        [Fact]
        public void Remove_deletes_one_and_reports_missing()
        {
            var store = NewStore();
            var all = Fill(store, 10);
            Assert.True(store.Remove(all[3].PatternId));
            Assert.False(store.Remove(all[3].PatternId));
            Assert.Null(store.Get(all[3].PatternId));
            Assert.Equal(9, store.Count(PatternQuery.All));
            Assert.DoesNotContain(all[3].PatternId, Ids(store.Find(new PatternQuery { Tags = all[3].Tags })));
            Assert.DoesNotContain(all[3].PatternId, Ids(store.Find(new PatternQuery { Text = "failure" })));
        }

        public static IEnumerable<object[]> Queries()
        {
            var b = TestPatterns.Base;
            yield return new object[] { "all", new PatternQuery() };
            yield return new object[] { "one type", new PatternQuery { Types = new[] { PatternType.ErrorOccurrence } } };
            yield return new object[] { "two types", new PatternQuery { Types = new[] { PatternType.AgentUsage, PatternType.UserCorrection } } };
            yield return new object[] { "one tag", new PatternQuery { Tags = new[] { "auth" } } };
            yield return new object[] { "two tags, mixed case", new PatternQuery { Tags = new[] { "AUTH", "Security" } } };
            yield return new object[] { "three tags", new PatternQuery { Tags = new[] { "api", "backend", "testing" } } };
            yield return new object[] { "unknown tag", new PatternQuery { Tags = new[] { "nope" } } };
            yield return new object[] { "after +09:00", new PatternQuery { After = b.AddMinutes(100).ToOffset(TimeSpan.FromHours(9)) } };
            yield return new object[] { "before -05:30", new PatternQuery { Before = b.AddMinutes(50).ToOffset(TimeSpan.FromMinutes(-330)) } };
            yield return new object[] { "window", new PatternQuery { After = b.AddMinutes(20), Before = b.AddHours(2).ToOffset(TimeSpan.FromHours(5)) } };
            yield return new object[] { "agent case-insensitive", new PatternQuery { Agent = "EXPERT-BACKEND" } };
            yield return new object[] { "agent mixed case stored", new PatternQuery { Agent = "expert-frontend" } };
            yield return new object[] { "text words", new PatternQuery { Text = "failure 12" } };
            yield return new object[] { "text prefix", new PatternQuery { Text = "Trace APP" } };
            yield return new object[] { "text none", new PatternQuery { Text = "zebra" } };
            yield return new object[] { "text quote", new PatternQuery { Text = "\"failure" } };
            yield return new object[] { "text star", new PatternQuery { Text = "fail* OR" } };
            yield return new object[] { "text sql", new PatternQuery { Text = "'; DROP TABLE patterns; --" } };
            yield return new object[] { "text only syntax", new PatternQuery { Text = "\"*()" } };
            yield return new object[] { "text NEAR", new PatternQuery { Text = "NEAR(a b) AND NOT" } };
            yield return new object[] { "combined", new PatternQuery { Types = new[] { PatternType.TaskCompletion, PatternType.AgentUsage }, Tags = new[] { "api" }, After = b.AddMinutes(30), Before = b.AddMinutes(250), Agent = "workflow-tdd" } };
            yield return new object[] { "combined text", new PatternQuery { Types = new[] { PatternType.ErrorOccurrence }, Tags = new[] { "auth" }, Text = "handler" } };
            yield return new object[] { "paged filter", new PatternQuery { Tags = new[] { "backend" }, Skip = 5, First = 7 } };
            yield return new object[] { "skip past end", new PatternQuery { Skip = 10_000 } };
            yield return new object[] { "first zero", new PatternQuery { First = 0 } };
        }

        [Theory]
        [MemberData(nameof(Queries))]
        public void Find_and_Count_match_the_reference_semantics(string name, PatternQuery query)
        {
            Assert.NotNull(name);
            var store = NewStore();
            var all = Fill(store, 240);
            var hostile = TestPatterns.Make(900, type: PatternType.ErrorOccurrence);
            ((ErrorOccurrenceData)hostile.Data).ErrorMessage = "quote \" star * OR '; DROP TABLE patterns; -- NEAR(a b) AND NOT";
            store.Save(hostile);
            all.Add(hostile);
            AssertQuery(store, all, query);
            Assert.Equal(all.Count, store.Count(PatternQuery.All));
        }

        [Fact]
        public void Time_bounds_are_inclusive_after_exclusive_before_at_millisecond_resolution()
        {
            var store = NewStore();
            var t = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(9)).AddTicks(1234); // 0.1234 ms
            var at = TestPatterns.Make(1, at: t);
            var justBefore = TestPatterns.Make(2, at: t.AddMilliseconds(-1));
            var justAfter = TestPatterns.Make(3, at: t.AddMilliseconds(1));
            foreach (var p in new[] { at, justBefore, justAfter }) store.Save(p);
            var sameMsUtc = t.ToOffset(TimeSpan.FromMinutes(-330)).AddTicks(-1234); // same millisecond, other offset
            Assert.Equal(new[] { justAfter.PatternId, at.PatternId }, Ids(store.Find(new PatternQuery { After = sameMsUtc })));
            Assert.Equal(new[] { justBefore.PatternId }, Ids(store.Find(new PatternQuery { Before = sameMsUtc })));
            Assert.Equal(new[] { at.PatternId }, Ids(store.Find(new PatternQuery { After = t.ToUniversalTime(), Before = t.AddMilliseconds(1) })));
            Assert.Equal(1, store.Count(new PatternQuery { After = sameMsUtc, Before = sameMsUtc.AddMilliseconds(1) }));
        }

        [Fact]
        public void Newest_first_across_types_with_ties_broken_by_id_descending()
        {
            var store = NewStore();
            var instant = new DateTimeOffset(2025, 5, 5, 5, 5, 5, TimeSpan.Zero);
            var tied = new[] { "b", "a", "c", "B" }
                .Select((id, k) => new MoaiPattern(id, (PatternType)k, instant.ToOffset(TestPatterns.Offsets[k % 3]), TestPatterns.DataFor((PatternType)k, k)))
                .ToList();
            var newer = TestPatterns.Make(7, at: instant.AddMilliseconds(1));
            var older = TestPatterns.Make(8, at: instant.AddMilliseconds(-1));
            foreach (var p in tied.Append(newer).Append(older)) store.Save(p);
            Assert.Equal(new[] { newer.PatternId, "c", "b", "a", "B", older.PatternId }, Ids(store.Find(PatternQuery.All)));
        }

        [Fact]
        public void Paging_covers_everything_without_gaps_or_duplicates()
        {
            var store = NewStore();
            var all = Fill(store, 300);
            var full = Ids(store.Find(PatternQuery.All));
            Assert.Equal(Expected(all, PatternQuery.All), full);
            var paged = new List<string>();
            for (var skip = 0; skip < 320; skip += 17)
                paged.AddRange(Ids(store.Find(new PatternQuery { Skip = skip, First = 17 })));
            Assert.Equal(full, paged);
            var tagged = new PatternQuery { Tags = new[] { "api" } };
            var pagedTagged = new List<string>();
            for (var skip = 0; skip < 300; skip += 11)
                pagedTagged.AddRange(Ids(store.Find(new PatternQuery { Tags = tagged.Tags, Skip = skip, First = 11 })));
            Assert.Equal(Ids(store.Find(tagged)), pagedTagged);
            Assert.Equal(pagedTagged.Count, store.Count(tagged));
        }

        [Fact]
        public void Find_streams_lazily()
        {
            var store = NewStore();
            using (var w = store.OpenWriter()) for (var i = 0; i < 3000; i++) w.Add(TestPatterns.Make(i));
            var results = store.Find(PatternQuery.All);
            Assert.NotNull(results); // building the query must not run it
            store.Save(TestPatterns.Make(5000)); // nothing enumerated yet: no stale state to trip over

            var seen = new List<string>();
            foreach (var p in store.Find(PatternQuery.All))
            {
                seen.Add(p.PatternId);
                if (seen.Count == 10) store.Save(TestPatterns.Make(6000, at: TestPatterns.Base.AddYears(-1)));
                if (seen.Count == 20) break;
            }
            Assert.Equal(20, seen.Count);
            Assert.NotNull(store.Get(TestPatterns.Id(6000)));

            // Taking one must cost a small fraction of enumerating everything.
            Ids(store.Find(new PatternQuery { First = 1 }));
            var before = GC.GetAllocatedBytesForCurrentThread();
            var one = store.Find(PatternQuery.All).First();
            var takeOne = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            var count = store.Find(PatternQuery.All).Count();
            var takeAll = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(3002, count);
            Assert.NotNull(one);
            Assert.True(takeOne * 50 < takeAll, $"taking 1 allocated {takeOne} bytes, all {takeAll}");
        }

        [Fact]
        public void Writer_commits_ten_thousand_and_survives_an_invalid_one_in_the_middle()
        {
            var store = NewStore();
            long committed;
            var refused = 0;
            using (var w = store.OpenWriter())
            {
                for (var i = 0; i < 10_000; i++)
                {
                    w.Add(TestPatterns.Make(i));
                    if (i == 4_321)
                    {
                        Assert.Throws<InvalidPatternException>(() => w.Add(TestPatterns.Invalid(20_000)));
                        refused++;
                    }
                }
                w.Flush();
                committed = w.Committed;
            }
            Assert.Equal(1, refused);
            Assert.Equal(10_000, committed);
            var again = ReopenTracked(store);
            Assert.Equal(10_000, again.Count(PatternQuery.All));
            Assert.Null(again.Get(TestPatterns.Id(20_000)));
            Assert.Equal(Json(TestPatterns.Make(9_999)), Json(again.Get(TestPatterns.Id(9_999))!));
        }

        [Fact]
        public void Writer_keeps_earlier_patterns_when_abandoned_midway()
        {
            var store = NewStore();
            var w = store.OpenWriter();
            for (var i = 0; i < 7_000; i++) w.Add(TestPatterns.Make(i));
            Assert.Throws<InvalidPatternException>(() => w.Add(TestPatterns.Invalid(9)));
            w.Dispose();
            Assert.Equal(7_000, ReopenTracked(store).Count(PatternQuery.All));
        }

        [Fact]
        public void RemoveOlderThan_deletes_by_pattern_timestamp_and_type()
        {
            var store = NewStore();
            var all = Fill(store, 200);
            var cutoff = TestPatterns.Base.AddMinutes(120).ToOffset(TimeSpan.FromHours(9));
            var r1 = store.RemoveOlderThan(cutoff, new[] { PatternType.ErrorOccurrence });
            var gone1 = all.Where(p => p.PatternType == PatternType.ErrorOccurrence && p.Timestamp < cutoff).ToList();
            Assert.Equal(gone1.Count, r1.RemovedCount);
            Assert.True(gone1.Count > 10);
            all = all.Except(gone1).ToList();
            AssertQuery(store, all, PatternQuery.All);
            var r2 = store.RemoveOlderThan(cutoff);
            var gone2 = all.Where(p => p.Timestamp < cutoff).ToList();
            Assert.Equal(gone2.Count, r2.RemovedCount);
            all = all.Except(gone2).ToList();
            AssertQuery(store, all, PatternQuery.All);
            AssertQuery(store, all, new PatternQuery { Tags = new[] { "auth" } });
            AssertQuery(store, all, new PatternQuery { Text = "handler" });
            Assert.Null(store.Get(gone2[0].PatternId));
        }

        [Fact]
        public void Compress_whatif_changes_nothing_and_compress_keeps_everything_loadable()
        {
            var store = NewStore();
            var all = Fill(store, 150);
            store.RemoveOlderThan(TestPatterns.Base.AddMinutes(60));
            all = all.Where(p => p.Timestamp >= TestPatterns.Base.AddMinutes(60)).ToList();
            var before = Ids(store.Find(PatternQuery.All));
            var sizeBefore = store.GetInfo().SizeBytes;
            var dry = store.Compress(DateTimeOffset.UtcNow, whatIf: true);
            Assert.True(dry.WhatIf);
            Assert.True(dry.BytesAfter <= dry.BytesBefore); // an estimate of what compressing would leave
            Assert.Equal(sizeBefore, store.GetInfo().SizeBytes);
            Assert.Equal(before, Ids(store.Find(PatternQuery.All)));
            var real = store.Compress(DateTimeOffset.UtcNow);
            Assert.True(real.BytesBefore > 0 && real.BytesAfter > 0);
            var again = ReopenTracked(store);
            foreach (var p in all) Assert.Equal(Json(p), Json(again.Get(p.PatternId)!));
            AssertQuery(again, all, new PatternQuery { Tags = new[] { "api", "security" } });
            AssertQuery(again, all, new PatternQuery { Text = "failure" });
        }

        [Fact]
        public void GetInfo_counts_by_type_and_knows_oldest_and_newest()
        {
            var store = NewStore();
            var all = Fill(store, 41);
            var info = store.GetInfo();
            Assert.Equal(41, info.Count);
            foreach (PatternType t in Enum.GetValues(typeof(PatternType)))
                Assert.Equal(all.Count(p => p.PatternType == t), info.CountByType.TryGetValue(t, out var n) ? n : 0);
            Assert.Equal(all.Min(p => p.Timestamp.UtcTicks), info.Oldest!.Value.UtcTicks);
            Assert.Equal(all.Max(p => p.Timestamp.UtcTicks), info.Newest!.Value.UtcTicks);
            Assert.True(info.SizeBytes > 0);
        }

        [Fact]
        public void Repair_on_a_healthy_store_reports_healthy()
        {
            var store = NewStore();
            Fill(store, 30);
            var r = store.Repair(whatIf: false);
            Assert.True(r.Healthy, string.Join("\n", r.Problems));
            Assert.Empty(r.Actions);
            Assert.Equal(30, r.PatternCount);
            Assert.Equal(30, store.Count(PatternQuery.All));
        }

        [Fact]
        public void Suggestions_come_from_stored_tags_agents_and_ids()
        {
            var store = NewStore();
            Fill(store, 40);
            Assert.Equal(new[] { "api", "auth" }, store.SuggestTags("A", 10));
            Assert.Equal(new[] { "api" }, store.SuggestTags("ap", 10));
            Assert.Single(store.SuggestTags("", 1));
            Assert.Contains(store.SuggestAgents("EXPERT", 10), a => a.Equals("expert-backend", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(store.SuggestAgents("expert-f", 10), a => a.Equals("Expert-Frontend", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(new[] { "p-000010", "p-000011", "p-000012" }, store.SuggestIds("P-00001", 3));
            Assert.Empty(store.SuggestIds("zzz", 5));
        }

        [Fact]
        public void Invalid_pattern_is_refused_and_the_store_is_unchanged()
        {
            var store = NewStore();
            var all = Fill(store, 10);
            Assert.Throws<InvalidPatternException>(() => store.Save(TestPatterns.Invalid(50)));
            Assert.Null(store.Get(TestPatterns.Id(50)));
            var badUpdate = TestPatterns.Invalid(2);
            Assert.Throws<InvalidPatternException>(() => store.Save(badUpdate));
            Assert.Equal(Json(all[2]), Json(store.Get(all[2].PatternId)!));
            Assert.Equal(10, store.Count(PatternQuery.All));
            Assert.Empty(store.DrainWarnings());
        }
    }
}
