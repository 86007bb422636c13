using System;
using System.Collections;
using System.Linq;
using System.Management.Automation.Language;

namespace MoaiPatterns.Module.Tests.Harness
{
    /// <summary>Reads a .psd1 as data with PowerShell's own parser (no Import-PowerShellDataFile in the bare engine).</summary>
    public sealed class ModuleManifestReader
    {
        private ModuleManifestReader(Hashtable values) => Values = values;

        public Hashtable Values { get; }

        public static ModuleManifestReader Read(string path)
        {
            var ast = Parser.ParseFile(path, out _, out var errors);
            if (errors.Length > 0) throw new InvalidOperationException($"{path}: {errors[0].Message}");
            var table = (HashtableAst)ast.Find(node => node is HashtableAst, searchNestedScriptBlocks: false)!;
            return new ModuleManifestReader((Hashtable)table.SafeGetValue());
        }

        public string? String(string key) => Values[key]?.ToString();

        /// <summary>A key's value as strings, whether the manifest wrote one string or an array.</summary>
        public string[] Strings(string key)
        {
            return Values[key] switch
            {
                null => Array.Empty<string>(),
                string one => new[] { one },
                object[] many => many.Select(v => v?.ToString() ?? "").ToArray(),
                var other => new[] { other.ToString() ?? "" },
            };
        }
    }
}
