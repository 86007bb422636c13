using System;
using System.IO;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Storage;
using MoaiPatterns.Stores;

namespace MoaiPatterns.StressWorker
{
    /// <summary>
    /// Commands (stdout: one saved id per line, printed only after the save or batch commit returned;
    /// status lines start with '#'):
    ///   save      --store P --prefix X [--count N] [--start K] [--ts ISO]
    ///   pipeline  --store P --prefix X [--count N] [--batch B] [--ts ISO]
    ///   compress  --store P --older-than ISO [--seed-old N --prefix X --old-ts ISO] [--loop|--until F|--iterations N]
    ///   retention --store P --cutoff ISO [--seed-old N --prefix X --old-ts ISO] [--loop|--until F|--iterations N]
    ///   repair    --store P [--save-between N --prefix X] [--loop|--until F|--iterations N]
    ///   find      --store P [--loop|--until F|--iterations N]   exit 1 when a pattern is not whole or a read fails
    ///   watch     --store P --until F [--tag T]   prints "# watching" once its feed is open, then each id the feed
    ///             returns; once F exists, reads to the end (everything committed before F appeared) and exits
    /// </summary>
    public static class Program
    {
        public static int Main(string[] argv)
        {
            var args = new WorkerArgs(argv);
            try
            {
                using var store = PatternStores.Open(args.Store, create: true);
                switch (args.Command)
                {
                    case "save": return Save(store, args);
                    case "pipeline": return Pipeline(store, args);
                    case "compress": return Compress(store, args);
                    case "retention": return Retention(store, args);
                    case "repair": return Repair(store, args);
                    case "find": return Find(store, args);
                    case "watch": return Watch(store, args);
                    default: Console.Error.WriteLine("unknown command " + args.Command); return 2;
                }
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine("FAILED: " + ex);
                return 3;
            }
        }

        private static DateTimeOffset NowMs()
        {
            var now = DateTimeOffset.UtcNow;
            return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        }

        private static void Print(string line)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }

        private static int Save(IPatternStore store, WorkerArgs a)
        {
            var start = a.Time("ts", NowMs());
            var first = a.Int("start", 0);
            var count = a.Int("count", int.MaxValue - first);
            for (var i = first; i < first + count; i++)
            {
                store.Save(StressPatterns.Make(a.Prefix, i, StressPatterns.TimestampFor(start, i)));
                Print(StressPatterns.Id(a.Prefix, i));
            }
            return 0;
        }

        private static int Pipeline(IPatternStore store, WorkerArgs a)
        {
            var start = a.Time("ts", NowMs());
            var count = a.Int("count", int.MaxValue);
            var batch = a.Int("batch", 50);
            var pending = new System.Collections.Generic.List<string>();
            using (var writer = store.OpenWriter())
            {
                for (var i = 0; i < count; i++)
                {
                    writer.Add(StressPatterns.Make(a.Prefix, i, StressPatterns.TimestampFor(start, i)));
                    pending.Add(StressPatterns.Id(a.Prefix, i));
                    if (pending.Count < batch) continue;
                    writer.Flush();
                    Print("# batch committed");
                    foreach (var id in pending) Print(id);
                    pending.Clear();
                }
                writer.Flush();
            }
            foreach (var id in pending) Print(id);
            return 0;
        }

        private static void SeedOld(IPatternStore store, WorkerArgs a)
        {
            var n = a.Int("seed-old", 0);
            if (n == 0) return;
            var old = a.Time("old-ts", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
            for (var i = 0; i < n; i++)
            {
                store.Save(StressPatterns.Make(a.Prefix, i, StressPatterns.TimestampFor(old, i)));
                Print(StressPatterns.Id(a.Prefix, i));
            }
            Print("# seeded");
        }

        private static int Compress(IPatternStore store, WorkerArgs a)
        {
            SeedOld(store, a);
            var olderThan = a.Time("older-than", new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));
            for (var round = 0; a.KeepGoing(round); round++)
                Print("# compressed " + store.Compress(olderThan).CompressedCount);
            return 0;
        }

        private static int Retention(IPatternStore store, WorkerArgs a)
        {
            SeedOld(store, a);
            var cutoff = a.Time("cutoff", new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));
            for (var round = 0; a.KeepGoing(round); round++)
                Print("# removed " + store.RemoveOlderThan(cutoff).RemovedCount);
            return 0;
        }

        private static int Repair(IPatternStore store, WorkerArgs a)
        {
            var between = a.Int("save-between", 0);
            var start = a.Time("ts", NowMs());
            var next = 0;
            for (var round = 0; a.KeepGoing(round); round++)
            {
                for (var k = 0; k < between; k++, next++)
                {
                    store.Save(StressPatterns.Make(a.Prefix, next, StressPatterns.TimestampFor(start, next)));
                    Print(StressPatterns.Id(a.Prefix, next));
                }
                // Drop the index so the repair has to rebuild it from the files (filesystem backend).
                var index = Path.Combine(store.Location, "index.json");
                if (round % 2 == 1 && Directory.Exists(store.Location) && File.Exists(index)) File.Delete(index);
                var result = store.Repair();
                Print("# repaired " + result.PatternCount + " problems " + result.Problems.Count);
            }
            return 0;
        }

        private static int Find(IPatternStore store, WorkerArgs a)
        {
            long seen = 0;
            var rounds = 0;
            for (var round = 0; a.KeepGoing(round); round++, rounds++)
            {
                var ids = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
                foreach (var p in store.Find(PatternQuery.All))
                {
                    seen++;
                    if (!ids.Add(p.PatternId)) return Fail("duplicate " + p.PatternId + " in one Find");
                    if (!StressPatterns.TryParseId(p.PatternId, out _, out _)) continue; // not a stress pattern
                    var problem = StressPatterns.Problem(p);
                    if (problem != null) return Fail(problem);
                }
                var warnings = store.DrainWarnings();
                if (warnings.Count > 0) return Fail("warnings: " + string.Join(" | ", warnings.Select(w => w.Target + ": " + w.Message)));
            }
            Print("# rounds " + rounds + " patterns " + seen);
            return 0;
        }

        private static int Watch(IPatternStore store, WorkerArgs a)
        {
            var tag = a.String("tag", "");
            var query = new PatternQuery { Tags = tag.Length == 0 ? null : new[] { tag } };
            using var feed = ((IWatchableStore)store).OpenFeed(query);
            Print("# watching " + feed.Position);
            var stop = a.Required("until");
            while (true)
            {
                var stopping = File.Exists(stop); // before the read: every save that committed before F appeared is read below
                var batch = feed.ReadNext();
                foreach (var p in batch) Print(p.PatternId);
                foreach (var w in feed.DrainWarnings()) Print("# warning " + w.Message);
                if (batch.Count > 0) continue;
                if (stopping) return 0;
                feed.WaitForChange(PatternWatch.PollInterval, System.Threading.CancellationToken.None);
            }
        }

        private static int Fail(string why)
        {
            Console.Error.WriteLine("NOT WHOLE: " + why);
            return 1;
        }
    }
}
