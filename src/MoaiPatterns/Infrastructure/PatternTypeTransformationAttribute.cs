using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace MoaiPatterns.Commands
{
    /// <summary>
    /// Lets -Type take the seed's wire names (task_completion …) as well as the enum names, any case.
    /// A single value becomes a PatternType, a list a PatternType[]; the binder does the rest.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PatternTypeTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = PowerShellValues.Unwrap(inputData);
            switch (value)
            {
                case null:
                case PatternType _:
                case PatternType[] _:
                    return value;
                case string s:
                    return Parse(s);
                case IEnumerable list:
                    var types = new List<PatternType>();
                    foreach (var item in list)
                    {
                        var v = PowerShellValues.Unwrap(item);
                        types.Add(v is PatternType t ? t : v is string str ? Parse(str) : (PatternType)LanguagePrimitives.ConvertTo(v, typeof(PatternType)));
                    }
                    return types.ToArray();
                default:
                    return inputData;
            }
        }

        private static PatternType Parse(string text)
        {
            if (PatternTypeNames.TryParse(text.Trim(), out var type)) return type;
            throw new ArgumentTransformationMetadataException(
                $"'{text}' is not a pattern type. Use one of: {string.Join(", ", Enum.GetNames(typeof(PatternType)))} (or {string.Join(", ", PatternTypeNames.All)}).");
        }
    }
}
