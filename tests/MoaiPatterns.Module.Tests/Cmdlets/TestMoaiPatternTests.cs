using System.Linq;
using System.Management.Automation;
using MoaiPatterns.Module.Tests.Harness;
using Xunit;

namespace MoaiPatterns.Module.Tests.Cmdlets
{
    public sealed class TestMoaiPatternTests : CmdletTestBase
    {
        public TestMoaiPatternTests(PowerShellFixture ps) : base(ps) { }

        private const string Inputs = @"$good = @{ pattern_id = 'g1'; pattern_type = 'error_occurrence'; timestamp = '2024-05-01T12:00:00Z'; data = (ErrData) }
$bad = @{ pattern_id = 'b1'; pattern_type = 'task_completion'; timestamp = 'yesterday'; data = @{ agent = 'x'; duration_ms = -5; success = $true } }
$typed = New-MoaiPattern TaskCompletion (TaskData)
";

        [Fact]
        public void OneBoolPerPipelineInputWithoutErrors()
        {
            var r = Run(Inputs + "$good, $bad, $typed, 'not json', $null | Test-MoaiPattern").AssertSucceeded();
            Assert.Equal(new object[] { true, false, true, false, false }, r.Output.Select(o => o.BaseObject).ToArray());
        }

        [Fact]
        public void JsonStringInputIsChecked()
        {
            var r = Run("'{\"pattern_id\":\"j1\",\"pattern_type\":\"error_occurrence\",\"timestamp\":\"2024-05-01T12:00:00Z\",\"data\":{\"error_type\":\"E\",\"error_message\":\"m\"}}' | Test-MoaiPattern").AssertSucceeded();
            Assert.Equal(true, r.Output.Single().BaseObject);
        }

        [Fact]
        public void DetailedListsEveryViolationWithFieldRuleMessage()
        {
            var r = Run(Inputs + @"$r = $bad | Test-MoaiPattern -Detailed
$r.GetType().FullName; $r.IsValid
foreach ($e in $r.Errors) { '{0}|{1}|{2}' -f $e.Field, $e.Rule, $e.Message }").AssertSucceeded();
            var s = Strings(r);
            Assert.Equal("MoaiPatterns.Validation.ValidationResult", s[0]);
            Assert.Equal("False", s[1]);
            var errors = s.Skip(2).ToList();
            Assert.Contains(errors, e => e.StartsWith("timestamp|"));
            Assert.Contains(errors, e => e.StartsWith("data.duration_ms|"));
            Assert.Contains(errors, e => e.StartsWith("data.task_type|"));
            Assert.All(errors, e => Assert.True(e.Split('|').Length >= 3 && e.Split('|').All(part => part.Length > 0), e));
        }

        [Fact]
        public void DetailedOnAValidPatternHasNoErrors()
        {
            var r = Run(Inputs + "$r = Test-MoaiPattern -InputObject $good -Detailed; $r.IsValid; @($r.Errors).Count").AssertSucceeded();
            Assert.Equal(new[] { "True", "0" }, Strings(r));
        }
    }
}
