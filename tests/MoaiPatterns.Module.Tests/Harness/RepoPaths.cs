using System;
using System.IO;

namespace MoaiPatterns.Module.Tests.Harness
{
    /// <summary>Finds the repository (and the built module) by walking up from the test assembly.</summary>
    public static class RepoPaths
    {
        private static readonly Lazy<string> Root = new Lazy<string>(FindRoot);

        public static string RepoRoot => Root.Value;
        public static string ModuleDirectory => Path.Combine(RepoRoot, "out", "MoaiPatterns");
        public static string ModuleManifest => Path.Combine(ModuleDirectory, "MoaiPatterns.psd1");
        public static string SourceManifest => Path.Combine(RepoRoot, "MoaiPatterns.psd1");

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PatternsModule.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("PatternsModule.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
