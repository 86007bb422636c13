using System;
using System.Collections.Generic;
using MoaiPatterns.Query;
using MoaiPatterns.Serialization;

namespace MoaiPatterns.Errors
{
    /// <summary>
    /// What the resolution scorer and the error grouping know of one ErrorOccurrence pattern, computed by
    /// this one piece of code: backends store it (SQLite rows, the filesystem error cache) or compute it
    /// here when they read a file. A query is the same shape without an id.
    /// </summary>
    public sealed class ErrorDocument
    {
        private string[]? _distinct, _index;

        public ErrorDocument(string patternId, long unixMs, string errorType, string template, string? resolution,
            bool? autoResolved, long? resolutionTimeMs, string? agent, string[] tags, string? filePath, string[][] fieldTerms)
            : this(patternId, unixMs, errorType, template, ErrorSignature.Of(errorType, template), resolution, autoResolved, resolutionTimeMs,
                agent, tags, filePath, fieldTerms)
        {
        }

        /// <summary>A stored document whose signature was computed when it was written (saves a hash per read).</summary>
        public ErrorDocument(string patternId, long unixMs, string errorType, string template, string signature, string? resolution,
            bool? autoResolved, long? resolutionTimeMs, string? agent, string[] tags, string? filePath, string[][] fieldTerms)
        {
            if (fieldTerms.Length != ErrorFields.Count) throw new ArgumentException("one term list per ErrorField", nameof(fieldTerms));
            PatternId = patternId;
            UnixMs = unixMs;
            ErrorType = errorType;
            Template = template;
            Signature = signature;
            Resolution = resolution;
            AutoResolved = autoResolved;
            ResolutionTimeMs = resolutionTimeMs;
            Agent = agent;
            Tags = tags;
            FilePath = filePath;
            FieldTerms = fieldTerms;
        }

        public string PatternId { get; }

        /// <summary>UTC milliseconds (the resolution of every time comparison and of the order).</summary>
        public long UnixMs { get; }

        /// <summary>data.error_type, trimmed.</summary>
        public string ErrorType { get; }

        /// <summary>data.error_message masked by <see cref="ErrorTemplate"/>.</summary>
        public string Template { get; }

        /// <summary><see cref="ErrorSignature"/> of type and template: the group.</summary>
        public string Signature { get; }

        /// <summary>data.resolution trimmed; null when absent or blank (such an error suggests nothing).</summary>
        public string? Resolution { get; }

        public bool? AutoResolved { get; }

        public long? ResolutionTimeMs { get; }

        /// <summary>The agent, folded (as the query key).</summary>
        public string? Agent { get; }

        /// <summary>The tags, folded (as the query key).</summary>
        public string[] Tags { get; }

        /// <summary>data.file_path as written.</summary>
        public string? FilePath { get; }

        /// <summary>The folded words of each <see cref="ErrorField"/>, in order, repeats kept (term frequencies).</summary>
        public string[][] FieldTerms { get; }

        public bool IsResolved => Resolution != null;

        /// <summary>The distinct words over all fields, ordinal order: what the document frequencies count.</summary>
        public string[] DistinctTerms => _distinct ??= Distinct(-1);

        /// <summary>The distinct words of the type, template, file and function (not the variable parts only the raw
        /// message has), ordinal order: what an index posts the document under for candidate retrieval.</summary>
        public string[] IndexTerms => _index ??= Distinct((int)ErrorField.Message);

        private string[] Distinct(int skipField)
        {
            var all = new List<string>();
            for (var f = 0; f < ErrorFields.Count; f++) if (f != skipField) all.AddRange(FieldTerms[f]);
            all.Sort(StringComparer.Ordinal);
            var n = 0;
            for (var i = 0; i < all.Count; i++) if (n == 0 || !string.Equals(all[i], all[n - 1], StringComparison.Ordinal)) all[n++] = all[i];
            all.RemoveRange(n, all.Count - n);
            return all.ToArray();
        }

        /// <summary>The document of a stored error pattern; null for another pattern type.</summary>
        public static ErrorDocument? Of(MoaiPattern pattern)
        {
            if (!(pattern.Data is ErrorOccurrenceData data)) return null;
            return Of(data, pattern.PatternId, IsoTimestamp.ToUnixMs(pattern.Timestamp),
                PatternKeys.FoldAgent(pattern.Agent), PatternKeys.FoldTags(pattern.Tags));
        }

        /// <summary>The document of an error's data (a query when <paramref name="patternId"/> is empty).</summary>
        public static ErrorDocument Of(ErrorOccurrenceData data, string patternId = "", long unixMs = 0, string? agent = null, string[]? tags = null)
        {
            var type = (data.ErrorType ?? string.Empty).Trim();
            var template = ErrorTemplate.Mask(data.ErrorMessage);
            var resolution = string.IsNullOrWhiteSpace(data.Resolution) ? null : data.Resolution!.Trim();
            var terms = new string[ErrorFields.Count][];
            terms[(int)ErrorField.Type] = ErrorTerms.OfType(type);
            terms[(int)ErrorField.Template] = ErrorTerms.OfTemplate(template);
            terms[(int)ErrorField.Message] = ErrorTerms.OfMessage(data.ErrorMessage);
            terms[(int)ErrorField.File] = ErrorTerms.OfFile(data.FilePath);
            terms[(int)ErrorField.Function] = ErrorTerms.OfFunction(data.FunctionName);
            return new ErrorDocument(patternId, unixMs, type, template, resolution, data.AutoResolved, data.ResolutionTimeMs,
                agent, tags ?? new string[0], data.FilePath, terms);
        }

        /// <summary>The field words as stored (space-separated; words never contain a space).</summary>
        public string FieldText(ErrorField field) => string.Join(" ", FieldTerms[(int)field]);

        /// <summary>Splits a stored field text back into its words.</summary>
        public static string[] SplitField(string? text) =>
            string.IsNullOrEmpty(text) ? new string[0] : text!.Split(' ');
    }
}
