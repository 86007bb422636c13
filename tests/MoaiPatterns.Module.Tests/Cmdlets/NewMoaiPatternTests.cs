using System;
using System.Management.Automation;
using System.Text.RegularExpressions;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    public sealed class NewMoaiPatternTests : CmdletTestBase
    {
        public NewMoaiPatternTests(PowerShellFixture ps) : base(ps) { }

        [Fact]
        public void DefaultsAreA32HexIdUtcNowWithOffsetAndVersion()
        {
            var r = Run(@"$before = [DateTimeOffset]::UtcNow
$p = New-MoaiPattern -Type TaskCompletion -Data (TaskData)
$after = [DateTimeOffset]::UtcNow
$p.PatternId; $p.Timestamp.Offset.TotalMinutes; ($p.Timestamp -ge $before -and $p.Timestamp -le $after); $p.Version; $p.PatternType.ToString()
$p.GetType().FullName; $p.Summary; $p.Agent").AssertSucceeded();
            var s = Strings(r);
            Assert.Matches(new Regex("^[0-9a-f]{32}$"), s[0]);
            Assert.Equal("0", s[1]);
            Assert.Equal("True", s[2]);
            Assert.Equal("1.0", s[3]);
            Assert.Equal("TaskCompletion", s[4]);
            Assert.Equal("MoaiPatterns.MoaiPattern", s[5]);
            Assert.Equal("code_generation ok 2.5 s", s[6]);
            Assert.Equal("coder", s[7]);
        }

        [Fact]
        public void TwoCallsGiveDifferentIds()
        {
            var r = Run("(New-MoaiPattern TaskCompletion (TaskData)).PatternId -ne (New-MoaiPattern TaskCompletion (TaskData)).PatternId").AssertSucceeded();
            Assert.Equal(true, r.Output[0].BaseObject);
        }

        [Fact]
        public void EveryParameterIsKept()
        {
            var r = Run(@"$p = New-MoaiPattern -Type error_occurrence -Data @{ error_type = 'KeyError'; error_message = 'missing'; line_number = 7; extra_field = 'kept' } `
    -Context @{ project_name = 'shop'; environment = 'staging'; tags = @('a') } -Tag b, c -Id 'my-id.1' -Timestamp '2024-05-01T12:00:00+02:00'
$p.PatternId; $p.PatternType.ToString(); $p.Timestamp.ToString('o'); $p.Context.ProjectName; $p.Context.Environment; $p.Tags -join ','
$p.Data.ErrorType; $p.Data.LineNumber; $p.Summary").AssertSucceeded();
            var s = Strings(r);
            Assert.Equal("my-id.1", s[0]);
            Assert.Equal("ErrorOccurrence", s[1]);
            Assert.Equal("2024-05-01T12:00:00.0000000+02:00", s[2]);
            Assert.Equal("shop", s[3]);
            Assert.Equal("staging", s[4]);
            Assert.Equal("a,b,c", s[5]);
            Assert.Equal("KeyError", s[6]);
            Assert.Equal("7", s[7]);
            Assert.StartsWith("KeyError: missing", s[8]);
        }

        [Theory]
        [InlineData("@{ task_type = 'build'; agent = 'x'; duration_ms = 5; success = $false }")]
        [InlineData("@{ TaskType = 'build'; Agent = 'x'; DurationMs = 5; Success = $false }")]
        [InlineData("[pscustomobject]@{ task_type = 'build'; agent = 'x'; duration_ms = 5; success = $false }")]
        [InlineData("[pscustomobject]@{ TaskType = 'build'; Agent = 'x'; DurationMs = 5; Success = $false }")]
        public void DataShapesSnakeAndPascalHashtablesAndObjects(string data)
        {
            var r = Run($"$p = New-MoaiPattern -Type TaskCompletion -Data ({data}) -Context ([pscustomobject]@{{ ProjectName = 'shop' }})\n" +
                        "$p.Data.TaskType; $p.Data.Agent; $p.Data.DurationMs; $p.Data.Success; $p.Context.ProjectName; $p.Summary").AssertSucceeded();
            Assert.Equal(new[] { "build", "x", "5", "False", "shop", "build FAILED 5 ms" }, Strings(r));
        }

        [Theory]
        [InlineData("TaskCompletion")]
        [InlineData("task_completion")]
        [InlineData("TASK_COMPLETION")]
        public void TypeAcceptsEnumAndSeedNames(string type)
        {
            var r = Run($"(New-MoaiPattern -Type {type} -Data (TaskData)).PatternType.ToString()").AssertSucceeded();
            Assert.Equal("TaskCompletion", Strings(r)[0]);
        }

        [Fact]
        public void UnknownTypeFailsAtBinding()
        {
            var r = Run("New-MoaiPattern -Type nonsense -Data (TaskData)");
            Assert.False(r.Succeeded);
            Assert.Contains("nonsense", r.Describe());
        }

        [Fact]
        public void InvalidDataIsANonTerminatingInvalidPatternNamingEachField()
        {
            var r = Run(@"$data = @{ task_type = ''; agent = 'x'; duration_ms = -1; success = 'yes' }
$p = New-MoaiPattern -Type TaskCompletion -Data $data
'after'; $null -eq $p
[object]::ReferenceEquals($Error[0].TargetObject, $data)");
            Assert.Null(r.Terminating);
            var e = SingleError(r, "InvalidPattern,MoaiPatterns.Commands.NewMoaiPatternCommand");
            Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            Assert.IsType<System.Collections.Hashtable>(e.TargetObject is PSObject po ? po.BaseObject : e.TargetObject);
            var message = e.Exception.Message;
            Assert.Contains("task_type", message);
            Assert.Contains("duration_ms", message);
            Assert.Contains("success", message);
            Assert.DoesNotContain("agent", message.Replace("agent_", ""));
            Assert.Equal(new[] { "after", "True", "True" }, Strings(r));
        }

        [Fact]
        public void InvalidEnvironmentInContextIsNamed()
        {
            var r = Run("New-MoaiPattern -Type TaskCompletion -Data (TaskData) -Context @{ environment = 'moon' }");
            var e = SingleError(r, "InvalidPattern,MoaiPatterns.Commands.NewMoaiPatternCommand");
            Assert.Contains("environment", e.Exception.Message);
        }

        [Fact]
        public void InvalidIdIsRejected()
        {
            var r = Run("New-MoaiPattern -Type TaskCompletion -Data (TaskData) -Id '..'");
            Assert.Single(r.Errors);
            Assert.StartsWith("InvalidPattern", r.Errors[0].FullyQualifiedErrorId);
        }
    }
}
