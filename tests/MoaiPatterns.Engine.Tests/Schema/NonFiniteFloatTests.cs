using System;
using System.Linq;
using MoaiPatterns.Validation;
using Xunit;

namespace MoaiPatterns.Tests.Schema
{
    /// <summary>JSON has no NaN/Infinity: a typed pattern holding one is refused with the field named, never a JSON exception.</summary>
    public sealed class NonFiniteFloatTests
    {
        [Theory]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(double.NegativeInfinity)]
        public void Coverage_that_is_not_finite_is_a_type_error(double value)
        {
            var p = new MoaiPattern("nf-1", PatternType.TaskCompletion, DateTimeOffset.UtcNow,
                new TaskCompletionData { TaskType = "t", Agent = "a", DurationMs = 1, Success = true, CoveragePercent = value });
            var errors = PatternValidator.Validate(p);
            var e = Assert.Single(errors);
            Assert.Equal("data.coverage_percent", e.Field);
            Assert.Equal(ValidationRules.Type, e.Rule);
            Assert.Throws<InvalidPatternException>(() => PatternValidator.EnsureValid(p));
        }

        [Fact]
        public void Both_agent_usage_floats_are_reported_and_finite_values_pass()
        {
            var data = new AgentUsageData { AgentType = "a", TaskType = "t", Success = true, DurationMs = 5, MemoryMb = double.NaN, CpuPercent = double.PositiveInfinity };
            var p = new MoaiPattern("nf-2", PatternType.AgentUsage, DateTimeOffset.UtcNow, data);
            Assert.Equal(new[] { "data.memory_mb", "data.cpu_percent" }, PatternValidator.Validate(p).Select(x => x.Field));
            data.MemoryMb = 12.5; data.CpuPercent = 99;
            Assert.Empty(PatternValidator.Validate(p));
        }
    }
}
