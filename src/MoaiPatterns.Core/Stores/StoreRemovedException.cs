using System;

namespace MoaiPatterns.Stores
{
    /// <summary>A store that was open (e.g. watched) was deleted or moved away (ErrorId <c>StoreRemoved</c>).</summary>
    public sealed class StoreRemovedException : Exception
    {
        public StoreRemovedException(string path)
            : base($"The pattern store at '{path}' was removed or moved while it was in use.")
        {
            StorePath = path;
        }

        public string StorePath { get; }
    }
}
