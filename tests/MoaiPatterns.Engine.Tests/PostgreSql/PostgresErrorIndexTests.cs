using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MoaiPatterns.Errors;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;
using MoaiPatterns.Storage;
using MoaiPatterns.Storage.PostgreSql;
using MoaiPatterns.Stores;
using MoaiPatterns.Tests.Errors;
using MoaiPatterns.Tests.Postgres;
using Npgsql;
using Xunit;

namespace MoaiPatterns.Tests.PostgreSql
{
    /// <summary>The PostgreSQL error index beyond the differential test: filled by the version 1 → 2 migration, and a
    /// document text cannot hold sending the store's lookups to the engine until it is gone.</summary>
    public sealed class PostgresErrorIndexTests : IDisposable
    {
        private static PostgresTestCluster Cluster => PostgresTestCluster.Shared;

        private readonly List<IPatternStore> _opened = new List<IPatternStore>();

        public void Dispose()
        {
            foreach (var s in _opened) s.Dispose();
        }

        private IPatternStore Open(string schema) { var s = PatternStores.Open(Cluster.Address(schema), create: true); _opened.Add(s); return s; }

        private static object? Sql(string sql)
        {
            using var c = new NpgsqlConnection(Cluster.ConnectionString());
            c.Open();
            using var cmd = new NpgsqlCommand(sql, c);
            return cmd.ExecuteScalar();
        }

        private static List<string> Suggestions(IErrorSearch search, ResolutionEvaluation eval) =>
            eval.Variants.SelectMany(v => ResolutionFinder.Find(search, ErrorDocument.Of(v.Query), null, 5)
                .Select(s => string.Format(CultureInfo.InvariantCulture, "{0}|{1:R}|{2}|{3}|{4}", s.Resolution, s.Score, s.Occurrences, s.LastUsed.ToUnixTimeMilliseconds(),
                    string.Join(",", s.ExampleIds)))).ToList();

        [Fact]
        public void A_version_1_store_gets_its_error_index_from_the_JSON_text()
        {
            var schema = PostgresTestCluster.NewSchema("ev1");
            var eval = new ResolutionEvaluation(7, historyPerPhrasing: 2, variantsPerFamily: 2);
            var store = Open(schema);
            using (var w = store.OpenWriter())
                foreach (var p in eval.History) w.Add(p);
            var resolved = eval.History.Count(p => ErrorDocument.Of(p)!.IsResolved);
            Assert.True(resolved > 10);
            Assert.Equal((long)resolved, Sql($"SELECT count(*) FROM {schema}.error_docs"));
            store.Dispose();
            // What version 1 had: no error index, no fact columns.
            Sql($"DROP TABLE {schema}.error_docs; DROP INDEX {schema}.patterns_without_facts; ALTER TABLE {schema}.patterns "
                + string.Join(", ", PostgresSchema.FactColumns.Select(c => "DROP COLUMN " + c)) + $"; UPDATE {schema}.moai_schema SET value = '1' WHERE key = 'version'");

            var again = Open(schema);
            var search = ResolutionFinder.SearchOf(again);
            Assert.IsNotType<InMemoryErrorSearch>(search);
            Assert.Equal((long)resolved, Sql($"SELECT count(*) FROM {schema}.error_docs WHERE ok"));
            var reference = new InMemoryErrorSearch(eval.History.Select(ErrorDocument.Of).Where(d => d != null)!);
            var expected = Suggestions(reference, eval);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Suggestions(search, eval));
        }

        [Fact]
        public void Repair_rewrites_error_rows_changed_or_deleted_by_hand()
        {
            var schema = PostgresTestCluster.NewSchema("erep");
            var eval = new ResolutionEvaluation(9, historyPerPhrasing: 1, variantsPerFamily: 1);
            var store = Open(schema);
            using (var w = store.OpenWriter())
                foreach (var p in eval.History) w.Add(p);
            Assert.True(store.Repair(whatIf: true).Healthy);
            var expected = Suggestions(ResolutionFinder.SearchOf(store), eval);
            var ids = eval.History.Where(p => ErrorDocument.Of(p)!.IsResolved).Select(p => p.PatternId).OrderBy(x => x, StringComparer.Ordinal).Take(2).ToList();
            Sql($"UPDATE {schema}.error_docs SET resolution = 'forged' WHERE pattern_id = '{ids[0]}'; DELETE FROM {schema}.error_docs WHERE pattern_id = '{ids[1]}'");
            var check = store.Repair(whatIf: true);
            Assert.False(check.Healthy);
            Assert.Contains(check.Problems, x => x.Contains("2 pattern(s)"));
            store.Repair();
            Assert.True(store.Repair(whatIf: true).Healthy);
            Assert.Equal(expected, Suggestions(ResolutionFinder.SearchOf(store), eval));
        }

        [Fact]
        public void A_resolved_error_text_cannot_hold_sends_lookups_to_the_engine_until_it_is_gone()
        {
            var schema = PostgresTestCluster.NewSchema("enul");
            var eval = new ResolutionEvaluation(8, historyPerPhrasing: 1, variantsPerFamily: 1);
            var store = Open(schema);
            foreach (var p in eval.History) store.Save(p);
            var nul = PatternJson.Parse("{\"pattern_id\":\"enul-1\",\"pattern_type\":\"error_occurrence\",\"timestamp\":\"2025-06-01T10:00:00Z\","
                + "\"data\":{\"error_type\":\"TypeError\",\"error_message\":\"bad \\u0000 byte\",\"resolution\":\"Strip the NUL\"},\"context\":{},\"version\":\"1.0\"}");
            store.Save(nul);
            Assert.Equal(false, Sql($"SELECT ok FROM {schema}.error_docs WHERE pattern_id = 'enul-1'"));
            var withNul = ResolutionFinder.SearchOf(store);
            Assert.IsType<InMemoryErrorSearch>(withNul);
            var all = eval.History.Append(nul).ToList();
            Assert.Equal(Suggestions(new InMemoryErrorSearch(all.Select(ErrorDocument.Of).Where(d => d != null)!), eval), Suggestions(withNul, eval));

            Assert.True(store.Remove("enul-1"));
            Assert.Equal(0L, Sql($"SELECT count(*) FROM {schema}.error_docs WHERE NOT ok"));
            var sql = ResolutionFinder.SearchOf(store);
            Assert.IsNotType<InMemoryErrorSearch>(sql);
            Assert.Equal(Suggestions(new InMemoryErrorSearch(eval.History.Select(ErrorDocument.Of).Where(d => d != null)!), eval), Suggestions(sql, eval));
        }
    }
}
