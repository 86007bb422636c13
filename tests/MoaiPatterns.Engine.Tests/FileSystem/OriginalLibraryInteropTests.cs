using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using MoaiPatterns.Storage.FileSystem;
using Xunit;
using Xunit.Abstractions;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>
    /// Stores written here stay readable by the original library: its own code, run with python3 from a
    /// checkout named by MOAI_REF_SRC (as for bench's ref_bench.py; its code is never copied into this
    /// repository), finds by type, through index.json alone, what this module wrote. Without python3 or a
    /// checkout the tests say so in their output and pass without checking.
    /// </summary>
    public sealed class OriginalLibraryInteropTests : IDisposable
    {
        private static readonly string[] Types = { "task_completion", "error_occurrence", "agent_usage", "user_correction" };
        private readonly TempStoreFolder _folder = new TempStoreFolder();
        private readonly ITestOutputHelper _out;

        public OriginalLibraryInteropTests(ITestOutputHelper output) => _out = output;

        public void Dispose() => _folder.Dispose();

        [Fact]
        public void TheOriginalFindsByTypeAndLoadsEverythingThisModuleWrote()
        {
            var python = Python();
            if (python == null) { _out.WriteLine("SKIPPED: python3 is not available; the original library cannot be run."); return; }
            if (OriginalCheckout() == null) { _out.WriteLine("SKIPPED: set MOAI_REF_SRC to a checkout of the original (moai_flow/patterns/storage.py) to run it."); return; }
            var now = DateTimeOffset.UtcNow;
            var all = Enumerable.Range(0, 44).Select(i => SamplePatterns.Make(Guid.NewGuid().ToString("N"), now.AddDays(-i * 1.5).AddMinutes(-i), SamplePatterns.TypeFor(i))).ToList();
            // 16 in one pipeline, then 28 single saves, each its own command; 4 removed; the oldest compressed.
            using (var store = FileSystemPatternStore.Open(_folder.Path, create: true))
            using (var writer = store.OpenWriter())
                foreach (var p in all.Take(16)) writer.Add(p);
            foreach (var p in all.Skip(16))
                using (var store = FileSystemPatternStore.Open(_folder.Path, create: false)) store.Save(p);
            using (var store = FileSystemPatternStore.Open(_folder.Path, create: false))
            {
                foreach (var p in all.Take(4)) Assert.True(store.Remove(p.PatternId));
                Assert.True(store.Compress(now.AddDays(-50)).CompressedCount > 0);
            }
            var kept = all.Skip(4).ToList();
            Assert.Equal(40, kept.Count);

            var seen = RunOriginal(python, kept.Select(p => p.PatternId));
            foreach (var type in Types)
            {
                var expected = kept.Where(p => p.PatternType.ToWireName() == type).Select(p => p.PatternId).OrderBy(x => x, StringComparer.Ordinal);
                Assert.Equal(expected, seen.ByType[type].OrderBy(x => x, StringComparer.Ordinal));
            }
            Assert.All(kept, p => Assert.True(seen.Loaded[p.PatternId], p.PatternId));
            _out.WriteLine($"The original found {seen.ByType.Values.Sum(v => v.Count)} of 40 by type and loaded 40 of 40 by id.");
        }

        [Fact]
        public void InALargerStoreTheOriginalLacksOnlyTheSavesSinceTheLastExportAndStillLoadsThem()
        {
            var python = Python();
            if (python == null) { _out.WriteLine("SKIPPED: python3 is not available; the original library cannot be run."); return; }
            if (OriginalCheckout() == null) { _out.WriteLine("SKIPPED: set MOAI_REF_SRC to a checkout of the original (moai_flow/patterns/storage.py) to run it."); return; }
            var now = DateTimeOffset.UtcNow;
            var seed = Enumerable.Range(0, 3000).Select(i => SamplePatterns.Make("s" + i.ToString("D5") + Guid.NewGuid().ToString("N").Substring(0, 8), now.AddMinutes(-i * 7), SamplePatterns.TypeFor(i))).ToList();
            using (var store = FileSystemPatternStore.Open(_folder.Path, create: true))
            using (var writer = store.OpenWriter())
                foreach (var p in seed) writer.Add(p); // the pipeline's end exports index.json
            var indexPath = _folder.File("index.json");
            var exported = File.ReadAllBytes(indexPath);
            // Each single save may cost 8 KiB of index.json rewrite: with ~560 KB of index, about 70 saves go by before one.
            var singles = Enumerable.Range(0, 20).Select(i => SamplePatterns.Make("n" + i.ToString("D2") + Guid.NewGuid().ToString("N").Substring(0, 8), now.AddSeconds(-i), SamplePatterns.TypeFor(i))).ToList();
            foreach (var p in singles)
                using (var store = FileSystemPatternStore.Open(_folder.Path, create: false)) store.Save(p);
            Assert.True(singles.Count * FileSystemIndex.ExportBudgetBytes < exported.Length, "the store is meant to be large enough for the lag to show");
            Assert.Equal(exported, File.ReadAllBytes(indexPath));

            var seen = RunOriginal(python, singles.Select(p => p.PatternId));
            var byType = new HashSet<string>(seen.ByType.Values.SelectMany(v => v), StringComparer.Ordinal);
            Assert.Equal(3000, byType.Count);
            Assert.All(seed, p => Assert.Contains(p.PatternId, byType));
            Assert.All(singles, p => Assert.DoesNotContain(p.PatternId, byType)); // not in index.json yet
            Assert.All(singles, p => Assert.True(seen.Loaded[p.PatternId], p.PatternId)); // its load() scans the files
            Assert.Equal(3020, seen.Untyped.Count); // its query() without a type scans the files too

            using (var store = FileSystemPatternStore.Open(_folder.Path, create: false))
                store.Repair(); // maintenance brings index.json up to date
            var after = RunOriginal(python, Array.Empty<string>());
            Assert.Equal(3020, after.ByType.Values.Sum(v => v.Count));
            _out.WriteLine($"index.json {exported.Length} bytes; after 20 single saves the original found 3000 by type (20 lacking, each loadable by id); after Repair 3020.");
        }

        private sealed class OriginalView
        {
            public Dictionary<string, List<string>> ByType { get; } = new Dictionary<string, List<string>>();
            public List<string> Untyped { get; } = new List<string>();
            public Dictionary<string, bool> Loaded { get; } = new Dictionary<string, bool>(StringComparer.Ordinal);
        }

        private OriginalView RunOriginal(string python, IEnumerable<string> ids)
        {
            var script = Path.Combine(AppContext.BaseDirectory, "FileSystem", "Original", "query_original.py");
            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(OriginalCheckout()!);
            psi.ArgumentList.Add(_folder.Path);
            foreach (var id in ids) psi.ArgumentList.Add(id);
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(120_000), "the original library did not finish");
            Assert.True(process.ExitCode == 0, "the original library failed: " + stderr.Result);
            using var doc = JsonDocument.Parse(stdout.Result);
            var view = new OriginalView();
            foreach (var t in doc.RootElement.GetProperty("by_type").EnumerateObject())
                view.ByType[t.Name] = t.Value.EnumerateArray().Select(x => x.GetString()!).ToList();
            view.Untyped.AddRange(doc.RootElement.GetProperty("untyped").EnumerateArray().Select(x => x.GetString()!));
            foreach (var l in doc.RootElement.GetProperty("loaded").EnumerateObject()) view.Loaded[l.Name] = l.Value.GetBoolean();
            return view;
        }

        /// <summary>The original's checkout from MOAI_REF_SRC, or null when unset or not one.</summary>
        private static string? OriginalCheckout()
        {
            var dir = Environment.GetEnvironmentVariable("MOAI_REF_SRC");
            return !string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, "moai_flow", "patterns", "storage.py")) ? dir : null;
        }

        /// <summary>A Python 3.11+ interpreter (the original needs fromisoformat's 3.11 forms), or null.</summary>
        private static string? Python()
        {
            foreach (var name in new[] { "python3", "python" })
            {
                try
                {
                    var psi = new ProcessStartInfo(name, "-c \"import sys; print(sys.version_info >= (3, 11))\"") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                    using var p = Process.Start(psi);
                    if (p == null) continue;
                    var output = p.StandardOutput.ReadToEnd();
                    if (p.WaitForExit(30_000) && p.ExitCode == 0 && output.Trim() == "True") return name;
                }
                catch (System.ComponentModel.Win32Exception) { }
            }
            return null;
        }
    }
}
