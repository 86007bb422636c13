namespace MoaiPatterns.Errors
{
    /// <summary>The fields of an error the resolution scorer ranks on, with their BM25F weights.</summary>
    public enum ErrorField
    {
        Type = 0,
        Template = 1,
        Message = 2,
        File = 3,
        Function = 4,
    }

    public static class ErrorFields
    {
        public const int Count = 5;

        /// <summary>How much a word counts in each field: the type and the template say most about which error
        /// it is; the raw message adds the variable parts (names) that often point at the fix.</summary>
        public static readonly double[] Weights = { 3.0, 2.0, 1.0, 0.5, 1.0 };
    }
}
