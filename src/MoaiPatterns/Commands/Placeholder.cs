namespace MoaiPatterns.Commands
{
    // Placeholder: cmdlets arrive in their own files.
    internal static class Placeholder { }
}
