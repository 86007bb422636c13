using System;
using System.IO;

namespace MoaiPatterns.Bench
{
    internal static class RepoPaths
    {
        /// <summary>The repository root: the first folder up from this assembly (or the working directory) holding PatternsModule.sln.</summary>
        public static string FindRoot()
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "PatternsModule.sln"))) return dir.FullName;
            }
            throw new DirectoryNotFoundException("Cannot find the repository root (PatternsModule.sln) above " + AppContext.BaseDirectory);
        }
    }
}
