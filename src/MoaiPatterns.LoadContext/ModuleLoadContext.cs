namespace MoaiPatterns.LoadContext
{
    // Placeholder: implemented with the module-loading work.
    internal static class Placeholder { }
}
