using System.Linq;
using System.Management.Automation;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    public sealed class SaveMoaiPatternTests : CmdletTestBase
    {
        public SaveMoaiPatternTests(PowerShellFixture ps) : base(ps) { }

        [Theory]
        [MemberData(nameof(Backends))]
        public void MixedPipelineSavesEveryGoodItemAndReportsEachBadOne(string backend)
        {
            var store = StorePath(backend);
            var r = Run(@"$bad1 = @{ pattern_id = 'bad1'; pattern_type = 'task_completion'; timestamp = '2024-05-01T12:00:00Z'; data = @{ agent = 'x' } }
$bad2 = [pscustomobject]@{ pattern_id = 'bad2'; pattern_type = 'nope'; timestamp = '2024-05-01T12:00:00Z'; data = @{} }
$items = @(
    (New-MoaiPattern -Id 'good1' -Type TaskCompletion -Data (TaskData)),
    $bad1,
    @{ pattern_id = 'good2'; pattern_type = 'error_occurrence'; timestamp = '2024-05-01T12:00:00Z'; data = (ErrData) },
    $bad2,
    [pscustomobject]@{ PatternId = 'good3'; PatternType = 'AgentUsage'; Timestamp = '2024-05-01T12:00:00Z'; Data = (UsageData) }
)
$items | Save-MoaiPattern -Store $store
'saved:' + ((Get-MoaiPattern -Store $store | ForEach-Object PatternId) -join ',')
[object]::ReferenceEquals($Error[1].TargetObject, $bad1)", store);
            Assert.Null(r.Terminating);
            Assert.Equal(2, r.Errors.Count);
            Assert.All(r.Errors, e =>
            {
                Assert.Equal("InvalidPattern,MoaiPatterns.Commands.SaveMoaiPatternCommand", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            });
            Assert.Contains("data.task_type", r.Errors[0].Exception.Message);
            Assert.Contains("pattern_type", r.Errors[1].Exception.Message);
            var saved = Strings(r)[0].Substring("saved:".Length).Split(',').OrderBy(x => x).ToArray();
            Assert.Equal(new[] { "good1", "good2", "good3" }, saved);
            Assert.Equal("True", Strings(r)[1]);
        }

        [Theory]
        [MemberData(nameof(Backends))]
        public void FieldsSetWithPassThruAndUpsertById(string backend)
        {
            var store = StorePath(backend);
            var r = Run(@"$p = Save-MoaiPattern -Store $store -Type agent_usage -Data (UsageData -Agent 'rev') -Context @{ project_name = 'shop' } -Tag api, fast -PassThru
$p.GetType().FullName; $p.PatternType.ToString(); $p.Tags -join ','; $p.Context.ProjectName
$back = Get-MoaiPattern -Store $store -Id $p.PatternId
$back.Agent; $back.Tags -join ','
$q = New-MoaiPattern -Id $p.PatternId -Type ErrorOccurrence -Data (ErrData -Type 'Replaced')
$none = $q | Save-MoaiPattern -Store $store
@($none).Count
@(Get-MoaiPattern -Store $store).Count
(Get-MoaiPattern -Store $store -Id $p.PatternId).Data.ErrorType", store).AssertSucceeded();
            Assert.Equal(new[] { "MoaiPatterns.MoaiPattern", "AgentUsage", "api,fast", "shop", "rev", "api,fast", "0", "1", "Replaced" }, Strings(r));
        }

        [Theory]
        [MemberData(nameof(Backends))]
        public void FiveThousandItemPipelineLandsWhole(string backend)
        {
            var store = StorePath(backend);
            var r = Run(@"$base = [DateTimeOffset]'2024-01-01T00:00:00Z'
$data = TaskData
0..4999 | ForEach-Object { @{ pattern_id = ""bulk-$_""; pattern_type = 'task_completion'; timestamp = $base.AddSeconds($_).ToString('o'); data = $data } } | Save-MoaiPattern -Store $store
(Get-MoaiPatternStore -Store $store).Count
(Get-MoaiPattern -Store $store -Id 'bulk-4999').PatternId", store).AssertSucceeded();
            Assert.Equal(new[] { "5000", "bulk-4999" }, Strings(r));
        }

        [Theory]
        [MemberData(nameof(Backends))]
        public void HashtableWithPowerShellValuesInsideIsReadInOnePass(string backend)
        {
            // The pipeline's fast path reads a hashtable directly: PSObject-wrapped values, a PSCustomObject
            // context, a DateTime timestamp, an enum type and a nested hashtable must all come out as before.
            var store = StorePath(backend);
            var r = Run(@"$tags = [System.Collections.ArrayList]::new(); $null = $tags.Add('api'); $null = $tags.Add([psobject]'fast')
$row = @{ pattern_id = 'ht1'; pattern_type = [MoaiPatterns.PatternType]::TaskCompletion
    timestamp = [DateTimeOffset]'2024-05-01T12:00:00+09:00'
    data = @{ agent = 'coder'; task_type = [psobject]'build'; duration_ms = 2500; success = $true }
    context = [pscustomobject]@{ project_name = 'shop'; tags = $tags; metadata = [pscustomobject]@{ depth = 2; files = @('a.cs', 'b.cs') } } }
$p = $row | Save-MoaiPattern -Store $store -PassThru
$back = Get-MoaiPattern -Store $store -Id 'ht1'
$back.PatternType.ToString(); $back.Tags -join ','; $back.Context.ProjectName; $back.Data.TaskType; $back.Timestamp.Offset.TotalHours
$back.Context.Metadata['depth'].GetInt64(); $back.Context.Metadata['files'].GetArrayLength()
$null -eq $p", store).AssertSucceeded();
            Assert.Equal(new[] { "TaskCompletion", "api,fast", "shop", "build", "9", "2", "2", "False" }, Strings(r));
        }

        [Fact]
        public void TypedPatternsAreSavedAsTheyAreAndPassThruBelongsToTheTargetStore()
        {
            var r = Run(@"$src = [IO.Path]::Combine($store, 'src'); $dst = [IO.Path]::Combine($store, 'dst.db')
New-MoaiPattern -Id 'typed1' -Type TaskCompletion -Data (TaskData) | Save-MoaiPattern -Store $src
$copy = Find-MoaiPattern -Store $src | Save-MoaiPattern -Store $dst -PassThru
$copy | Remove-MoaiPattern -Confirm:$false
@(Get-MoaiPattern -Store $src).Count; @(Get-MoaiPattern -Store $dst).Count", StorePath("fs")).AssertSucceeded();
            Assert.Equal(new[] { "1", "0" }, Strings(r)); // removed from where it was saved, not from where it was found
        }

        [Fact]
        public void NullInputIsAnInvalidPatternErrorNotACrash()
        {
            var r = Run("$null, (New-MoaiPattern TaskCompletion (TaskData)) | Save-MoaiPattern -Store $store; @(Get-MoaiPattern -Store $store).Count", StorePath("fs"));
            SingleError(r, "InvalidPattern,MoaiPatterns.Commands.SaveMoaiPatternCommand");
            Assert.Equal("1", Strings(r).Last());
        }

        [Fact]
        public void InvalidFieldsSetIsNonTerminating()
        {
            var r = Run("Save-MoaiPattern -Store $store -Type TaskCompletion -Data @{ agent = 'x' }; 'went on'", StorePath("sqlite"));
            var e = SingleError(r, "InvalidPattern,MoaiPatterns.Commands.SaveMoaiPatternCommand");
            Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            Assert.Equal(new[] { "went on" }, Strings(r));
        }
    }
}
