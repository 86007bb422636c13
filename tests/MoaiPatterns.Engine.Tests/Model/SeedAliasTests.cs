using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Xml.Linq;
using Xunit;

namespace MoaiPatterns.Tests.Model
{
    /// <summary>module/MoaiPatterns.types.ps1xml gives every seed field with an underscore a snake_case alias
    /// on Data and Context ($_.Data.duration_ms): checked against the model, so a new field cannot miss one.</summary>
    public sealed class SeedAliasTests
    {
        public static TheoryData<Type> Models() => new TheoryData<Type>
        {
            typeof(TaskCompletionData), typeof(ErrorOccurrenceData), typeof(AgentUsageData), typeof(UserCorrectionData), typeof(PatternContext),
        };

        [Theory]
        [MemberData(nameof(Models))]
        public void Every_snake_case_field_has_an_alias_to_its_property(Type model)
        {
            var xml = XDocument.Load(Path.Combine(RepoRoot(), "module", "MoaiPatterns.types.ps1xml"));
            var aliases = xml.Root!.Elements("Type").Where(t => (string?)t.Element("Name") == model.FullName)
                .SelectMany(t => t.Descendants("AliasProperty"))
                .ToDictionary(a => (string)a.Element("Name")!, a => (string)a.Element("ReferencedMemberName")!);
            var names = model.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).Where(n => n != null && n.Contains('_')).ToList();
            Assert.NotEmpty(names);
            foreach (var name in names)
            {
                Assert.True(aliases.TryGetValue(name!, out var target), $"{model.Name}: no alias for '{name}'");
                Assert.NotNull(model.GetProperty(target!, BindingFlags.Instance | BindingFlags.Public));
            }
        }

        private static string RepoRoot()
        {
            var dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "PatternsModule.sln"))) dir = Path.GetDirectoryName(dir);
            return dir ?? throw new InvalidOperationException("PatternsModule.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
