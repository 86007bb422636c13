namespace MoaiPatterns.Stores
{
    /// <summary>
    /// How far a long store operation (retention, compression, repair) has come. Stores report it on the
    /// caller's thread (a cmdlet turns it into a progress bar), at most once per unit of work.
    /// </summary>
    public sealed class StoreProgress
    {
        public StoreProgress(string stage, long done, long total, string? current = null)
        {
            Stage = stage;
            Done = done;
            Total = total;
            Current = current;
        }

        /// <summary>What is being done, e.g. "Finding old patterns", "Deleting".</summary>
        public string Stage { get; }

        /// <summary>Units done so far in this stage.</summary>
        public long Done { get; }

        /// <summary>Units in this stage; -1 when unknown.</summary>
        public long Total { get; }

        /// <summary>The folder or file being worked on, if any.</summary>
        public string? Current { get; }

        /// <summary>0-100, or -1 when the total is unknown.</summary>
        public int Percent => Total <= 0 ? -1 : (int)System.Math.Min(100, Done * 100 / Total);

        public override string ToString() => Total < 0 ? $"{Stage}: {Done}" : $"{Stage}: {Done} of {Total}";
    }
}
