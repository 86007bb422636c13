using System;
using System.IO;
using System.Linq;
using MoaiPatterns.Query;
using MoaiPatterns.Storage.FileSystem;
using Xunit;

namespace MoaiPatterns.Tests.FileSystem
{
    /// <summary>
    /// A store keeps the listings of day folders its queries read while each folder is unchanged; a change in a
    /// folder (a save by another process, a file removed by hand) is always seen by the next query.
    /// </summary>
    public sealed class FolderListingsTests : IDisposable
    {
        private static readonly DateTimeOffset Day = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        private readonly TempStoreFolder _folder = new TempStoreFolder();

        public void Dispose() => _folder.Dispose();

        private string DayFolder => Path.Combine(_folder.Path, "2026", "03", "10");

        private void Seed(int n)
        {
            using var store = FileSystemPatternStore.Open(_folder.Path, create: true);
            for (var i = 0; i < n; i++) store.Save(SamplePatterns.Make($"p{i:D3}", Day.AddMinutes(-i)));
        }

        private static string[] Ids(FileSystemPatternStore s) => s.Find(new PatternQuery { Tags = new[] { "api" } }).Select(p => p.PatternId).ToArray();

        [Fact]
        public void ASaveByAnotherStoreIntoAListedFolderIsFoundByTheNextQuery()
        {
            Seed(5);
            Directory.SetLastWriteTimeUtc(DayFolder, DateTime.UtcNow.AddHours(-1)); // a quiet folder: its listing is kept
            using var reader = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.Equal(5, Ids(reader).Length);
            Assert.Equal(5, Ids(reader).Length);
            // The kept listing is what the next query uses: a file slipped in with the folder's time put back is not
            // seen (only a clock set back by hand does that; a real change moves the time).
            var quiet = Directory.GetLastWriteTimeUtc(DayFolder);
            File.WriteAllText(Path.Combine(DayFolder, "task_completion_20260310_115000_hidden.json"),
                MoaiPatterns.Serialization.PatternJson.ToJson(SamplePatterns.Make("hidden", Day.AddMinutes(-10))));
            Directory.SetLastWriteTimeUtc(DayFolder, quiet);
            Assert.DoesNotContain("hidden", Ids(reader));
            using (var other = FileSystemPatternStore.Open(_folder.Path, create: false))
                other.Save(SamplePatterns.Make("late", Day.AddSeconds(30)));
            Assert.Equal("late", Ids(reader).First());
            Assert.Contains("hidden", Ids(reader)); // listed again: the save moved the folder's time
            File.Delete(Directory.GetFiles(DayFolder, "*_p001.json").Single()); // removed by hand
            Assert.DoesNotContain("p001", Ids(reader));
            Assert.Empty(reader.DrainWarnings());
        }

        [Fact]
        public void AListingTakenWhileTheFolderWasStillChangingIsNotKept()
        {
            Seed(3);
            var recent = Directory.GetLastWriteTimeUtc(DayFolder); // written just now: not quiet
            using var reader = FileSystemPatternStore.Open(_folder.Path, create: false);
            Assert.Equal(3, Ids(reader).Length);
            using (var other = FileSystemPatternStore.Open(_folder.Path, create: false))
                other.Save(SamplePatterns.Make("same-tick", Day.AddSeconds(10)));
            // A file system with coarse timestamps could leave the folder's time as it was: the change must still be seen.
            Directory.SetLastWriteTimeUtc(DayFolder, recent);
            Assert.Equal(new[] { "same-tick", "p000", "p001", "p002" }, Ids(reader));
        }
    }
}
