using System;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MoaiPatterns.Reliability.Tests
{
    /// <summary>
    /// CI runs scaled-down counts (the whole suite in a few minutes on 2 cores); MOAI_RELIABILITY_FULL=1
    /// gives the counts: 8 writers x 2,000 saves, 50 kills per backend, 10,000+ hostile cases.
    /// </summary>
    public static class Scale
    {
        public static readonly bool Full = Environment.GetEnvironmentVariable("MOAI_RELIABILITY_FULL") == "1";

        public static int Writers => 8;
        public static int SavesPerWriter => Full ? 2000 : 150;
        public static int KillsPerBackend => Full ? 50 : 10;
        public static int HostileCases => Full ? 10_000 : 1_500;
    }
}
