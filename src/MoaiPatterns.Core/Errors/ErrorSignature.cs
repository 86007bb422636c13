using System.Security.Cryptography;
using System.Text;

namespace MoaiPatterns.Errors
{
    /// <summary>
    /// The stable short id of an error group: the first 12 hex digits of SHA-256 over the error type and the
    /// template (UTF-8, separated by U+001F). The same on every run, machine and backend, so scripts (and
    /// the NewError anomaly) can follow a group over time.
    /// </summary>
    public static class ErrorSignature
    {
        public const int Length = 12;

        [System.ThreadStatic] private static SHA256? _sha;

        public static string Of(string? errorType, string template)
        {
            var bytes = Encoding.UTF8.GetBytes((errorType ?? string.Empty).Trim() + "\u001F" + template);
            var hash = (_sha ??= SHA256.Create()).ComputeHash(bytes);
            var sb = new StringBuilder(Length);
            for (var i = 0; i < Length / 2; i++) sb.Append(hash[i].ToString("x2"));
            return sb.ToString();
        }

        /// <summary>The signature of an error message of a type (masked by <see cref="ErrorTemplate"/>).</summary>
        public static string OfMessage(string? errorType, string? message) => Of(errorType, ErrorTemplate.Mask(message));
    }
}
