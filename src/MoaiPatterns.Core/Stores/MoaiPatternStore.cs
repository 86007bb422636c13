using System;

namespace MoaiPatterns.Stores
{
    /// <summary>
    /// An opened pattern store as PowerShell users see it (what Open-MoaiPatternStore returns and
    /// -Store accepts). Lives in Core so the host can name the type; the engine behind it is a backend.
    /// </summary>
    public sealed class MoaiPatternStore
    {
        public MoaiPatternStore(IPatternStore engine)
        {
            Engine = engine ?? throw new ArgumentNullException(nameof(engine));
        }

        /// <summary>Full path of the store folder or database file.</summary>
        public string Path => Engine.Location;

        public StoreBackend Backend => Engine.Backend;

        /// <summary>The backend doing the work; hidden from default display.</summary>
        public IPatternStore Engine { get; }

        public override string ToString() => Path;
    }
}
