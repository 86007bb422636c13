using System;
using System.Text.Json.Nodes;
using MoaiPatterns.Input;
using MoaiPatterns.Validation;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// What Save-MoaiPattern's -Tag, -Resolution, -AutoResolved and -ResolutionTimeMs change in each pattern
    /// it saves: tags are added to context.tags, the resolution fields are set on an ErrorOccurrence's data
    /// (so a runbook records the fix of an error it saved earlier by piping that pattern back). The result goes
    /// through the one way in again.
    /// </summary>
    internal sealed class PatternAmendment
    {
        public string[]? Tags { get; set; }
        public string? Resolution { get; set; }
        public bool? AutoResolved { get; set; }
        public long? ResolutionTimeMs { get; set; }

        public bool ChangesResolution => Resolution != null || AutoResolved != null || ResolutionTimeMs != null;

        public bool IsEmpty => (Tags == null || Tags.Length == 0) && !ChangesResolution;

        /// <exception cref="ArgumentException">A resolution for a pattern that is not an error.</exception>
        /// <exception cref="InvalidPatternException">The changed pattern breaks a rule.</exception>
        public ValidatedPattern Apply(ValidatedPattern valid)
        {
            if (IsEmpty) return valid;
            if (ChangesResolution && valid.Pattern.PatternType != PatternType.ErrorOccurrence)
                throw new ArgumentException(
                    $"-Resolution, -AutoResolved and -ResolutionTimeMs apply to errors only; pattern '{valid.PatternId}' is a {valid.Pattern.PatternType} pattern.");
            var root = PatternInput.ToJsonObject(valid.Pattern);
            if (ChangesResolution)
            {
                var data = (JsonObject)root["data"]!;
                if (Resolution != null) data["resolution"] = Resolution;
                if (AutoResolved != null) data["auto_resolved"] = AutoResolved.Value;
                if (ResolutionTimeMs != null) data["resolution_time_ms"] = ResolutionTimeMs.Value;
            }
            if (Tags != null && Tags.Length > 0)
            {
                if (!(root["context"] is JsonObject context)) root["context"] = context = new JsonObject();
                if (!(context["tags"] is JsonArray tags)) context["tags"] = tags = new JsonArray();
                foreach (var t in Tags)
                {
                    var seen = false;
                    foreach (var existing in tags) if (existing is JsonValue v && v.TryGetValue<string>(out var s) && s == t) seen = true;
                    if (!seen) tags.Add(t);
                }
            }
            return PatternInput.ToValidated(root);
        }
    }
}
