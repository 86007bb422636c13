using System;
using System.IO;
using System.Linq;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    /// <summary>Remove-MoaiPatternOld, Compress-, Open-, Get- and Repair-MoaiPatternStore.</summary>
    public sealed class MaintenanceTests : CmdletTestBase
    {
        public MaintenanceTests(PowerShellFixture ps) : base(ps) { }

        /// <summary>o1 (400 days old task), o2 (200 days old error), o3 (100 days old task), n1 (1 day old error).</summary>
        private string Aged(string backend)
        {
            var store = StorePath(backend);
            Run(@"$now = [DateTimeOffset]::UtcNow
New-MoaiPattern -Id o1 -Timestamp $now.AddDays(-400) -Type TaskCompletion -Data (TaskData) | Save-MoaiPattern -Store $store
New-MoaiPattern -Id o2 -Timestamp $now.AddDays(-200) -Type ErrorOccurrence -Data (ErrData) | Save-MoaiPattern -Store $store
New-MoaiPattern -Id o3 -Timestamp $now.AddDays(-100) -Type TaskCompletion -Data (TaskData) | Save-MoaiPattern -Store $store
New-MoaiPattern -Id n1 -Timestamp $now.AddDays(-1) -Type ErrorOccurrence -Data (ErrData) | Save-MoaiPattern -Store $store", store).AssertSucceeded();
            return store;
        }

        private const string Remaining = "(Get-MoaiPattern -Store $store | ForEach-Object PatternId) -join ','";

        [Theory]
        [MemberData(nameof(Backends))]
        public void RetentionDefaultsTo90DaysAndReturnsAResult(string backend)
        {
            var store = Aged(backend);
            var r = Run(@"$r = Remove-MoaiPatternOld -Store $store
$r.GetType().Name; $r.RemovedCount; $r.WhatIf; $r.Backend.ToString(); ([DateTimeOffset]::UtcNow - $r.Cutoff).TotalDays -gt 89.9; $r.Duration -ge [TimeSpan]::Zero
" + Remaining, store).AssertSucceeded();
            Assert.Equal(new[] { "RetentionResult", "3", "False", backend == "fs" ? "FileSystem" : "Sqlite", "True", "True", "n1" }, Strings(r));
        }

        [Theory]
        [MemberData(nameof(Backends))]
        public void RetentionDaysBeforeTypeAndWhatIf(string backend)
        {
            var store = Aged(backend);
            var r = Run(@"$w = Remove-MoaiPatternOld -Store $store -RetentionDays 150 -WhatIf
$w.RemovedCount; $w.WhatIf
" + Remaining + @"
(Remove-MoaiPatternOld -Store $store -RetentionDays 150 -Type task_completion).RemovedCount
" + Remaining + @"
(Remove-MoaiPatternOld -Store $store -Before ([DateTimeOffset]::UtcNow.AddDays(-50))).RemovedCount
" + Remaining, store).AssertSucceeded();
            Assert.Equal(new[] { "2", "True", "n1,o3,o2,o1", "1", "n1,o3,o2", "2", "n1" }, Strings(r));
            Assert.Contains("What if:", r.HostText);
            Assert.Contains("2 pattern(s)", r.HostText);
        }

        [Fact]
        public void NegativeRetentionIsRejected()
        {
            var r = Run("Remove-MoaiPatternOld -Store $store -RetentionDays -1", StorePath("fs"));
            Assert.False(r.Succeeded);
            Assert.StartsWith("ParameterArgumentValidationError", r.Errors.Single().FullyQualifiedErrorId);
        }

        [Fact]
        public void CompressGzipsOldFilesAndPatternsStillLoad()
        {
            var store = Aged("fs");
            var r = Run(@"$w = Compress-MoaiPatternStore -Store $store -WhatIf
$w.WhatIf; [IO.Directory]::GetFiles($store, '*.json.gz', 'AllDirectories').Count
$c = Compress-MoaiPatternStore -Store $store
$c.GetType().Name; $c.CompressedCount; $c.BytesBefore -gt $c.BytesAfter; $c.BytesAfter -gt 0
[IO.Directory]::GetFiles($store, '*.json.gz', 'AllDirectories').Count
" + Remaining + @"
(Get-MoaiPattern -Store $store -Id o1).Summary", store).AssertSucceeded();
            Assert.Equal(new[] { "True", "0", "CompressionResult", "3", "True", "True", "3", "n1,o3,o2,o1", "code_generation ok 2.5 s" }, Strings(r));
        }

        [Fact]
        public void CompressReclaimsSpaceInSqliteAndPatternsStillLoad()
        {
            var store = StorePath("sqlite");
            Seed(store, 300);
            var r = Run(@"Remove-MoaiPatternOld -Store $store -Before '2024-05-01T14:00:00Z' | Out-Null
$c = Compress-MoaiPatternStore -Store $store
$c.Backend.ToString(); $c.BytesBefore -gt 0; $c.BytesAfter -le $c.BytesBefore; $c.WhatIf
@(Get-MoaiPattern -Store $store).Count", store).AssertSucceeded();
            Assert.Equal(new[] { "Sqlite", "True", "True", "False", "180" }, Strings(r));
        }

        [Theory]
        [MemberData(nameof(Backends))]
        public void OpenAndGetStoreDescribeCountsByTypeOldestNewest(string backend)
        {
            var path = StorePath(backend);
            var r = Run(@"$s = Open-MoaiPatternStore -Path $store
$s.GetType().Name; $s.Backend.ToString()
New-MoaiPattern -Id a -Timestamp '2024-01-01T00:00:00Z' -Type TaskCompletion -Data (TaskData) | Save-MoaiPattern -Store $s
New-MoaiPattern -Id b -Timestamp '2024-03-01T00:00:00Z' -Type ErrorOccurrence -Data (ErrData) | Save-MoaiPattern -Store $s
New-MoaiPattern -Id c -Timestamp '2024-02-01T00:00:00Z' -Type ErrorOccurrence -Data (ErrData) | Save-MoaiPattern -Store $s
$i = Get-MoaiPatternStore -Store $s
$i.Count; $i.CountByType[[MoaiPatterns.PatternType]::ErrorOccurrence]; $i.CountByType[[MoaiPatterns.PatternType]::TaskCompletion]
$i.Oldest.ToString('o'); $i.Newest.ToString('o'); $i.SizeBytes -gt 0
$s | Out-Default
$i | Out-Default", path).AssertSucceeded();
            Assert.Equal(new[] { "MoaiPatternStore", backend == "fs" ? "FileSystem" : "Sqlite", "3", "2", "1",
                "2024-01-01T00:00:00.0000000+00:00", "2024-03-01T00:00:00.0000000+00:00", "True" }, Strings(r));
            Assert.Matches(@"Backend\s+Path", r.HostText);
            Assert.Matches(@"CountByType\s*:\s*.*ErrorOccurrence=2", r.HostText);
            Assert.Matches(@"Oldest\s*:\s*2024-01-01", r.HostText);
        }

        [Fact]
        public void OpenBackendOverridesTheExtension()
        {
            var r = Run("(Open-MoaiPatternStore -Path 'plainname' -Backend Sqlite).Backend.ToString(); [IO.File]::Exists([IO.Path]::Combine($temp, 'plainname'))").AssertSucceeded();
            Assert.Equal(new[] { "Sqlite", "True" }, Strings(r));
        }

        [Fact]
        public void GarbageFileWarnsOnFindAndRepairMovesItAside()
        {
            var store = StorePath("fs");
            Seed(store, 3);
            var day = Directory.GetDirectories(store, "*", SearchOption.AllDirectories).First(d => Directory.GetFiles(d, "*.json").Length > 0);
            // Named like a pattern file (type_date_time_id.json), as a torn write of the original would be; other names are strays the store ignores.
            var garbage = Path.Combine(day, "task_completion_20240501_120000_garbage.json");
            File.WriteAllText(garbage, "{ this is not json");

            var find = Run("(Find-MoaiPattern -Store $store | ForEach-Object PatternId) -join ','", store);
            Assert.Null(find.Terminating);
            Assert.Equal("p2,p1,p0", Strings(find).Single());
            Assert.Contains(find.Warnings, w => w.Contains("_garbage.json"));

            var whatIf = Run("$r = Repair-MoaiPatternStore -Store $store -WhatIf; $r.WhatIf; ($r.Problems -join ';') -match '_garbage.json'", store).AssertSucceeded();
            Assert.Equal(new[] { "True", "True" }, Strings(whatIf));
            Assert.True(File.Exists(garbage), "-WhatIf must not move the file");

            var repair = Run("$r = Repair-MoaiPatternStore -Store $store; $r.WhatIf; $r.Actions.Count -gt 0; (Find-MoaiPattern -Store $store | ForEach-Object PatternId) -join ','", store).AssertSucceeded();
            Assert.Equal(new[] { "False", "True", "p2,p1,p0" }, Strings(repair));
            Assert.False(File.Exists(garbage), "Repair moves the unreadable file aside");
            Assert.Empty(repair.Warnings);
        }
    }
}
