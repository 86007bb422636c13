// Compiles help/*.md (a platyPS-like markdown) into one MAML file Get-Help reads.
// Runs inside MSBuild through RoslynCodeTaskFactory (build/Help.targets): no PowerShell, no platyPS.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class MoaiCompileMamlHelp : Task
{
    [Required] public ITaskItem[] MarkdownFiles { get; set; }
    [Required] public string OutputFile { get; set; }

    const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    class Param
    {
        public string Name = "", Type = "", Aliases = "", Accepted = "", Required = "False", Position = "Named", Default = "None", Pipeline = "False", Wildcard = "False";
        public List<string> Sets = new List<string>();
        public List<string> Description = new List<string>();
        public List<Param> Variants = new List<Param>(); // extra yaml blocks for other parameter sets
    }

    class Example { public string Title = "", Code = ""; public List<string> Remarks = new List<string>(); }
    class TypeDoc { public string Name = ""; public List<string> Description = new List<string>(); }

    class Doc
    {
        public string Name = "";
        public List<string> Synopsis = new List<string>(), Description = new List<string>(), Notes = new List<string>(), Links = new List<string>();
        public List<string> Sets = new List<string>();
        public string DefaultSet = "";
        public List<Param> Params = new List<Param>();
        public List<Example> Examples = new List<Example>();
        public List<TypeDoc> Inputs = new List<TypeDoc>(), Outputs = new List<TypeDoc>();
    }

    public override bool Execute()
    {
        var docs = new List<Doc>();
        foreach (var item in MarkdownFiles.OrderBy(i => i.ItemSpec, StringComparer.Ordinal))
        {
            try { docs.Add(Parse(File.ReadAllLines(item.ItemSpec), item.ItemSpec)); }
            catch (Exception ex) { Log.LogError("MoaiHelp: {0}: {1}", item.ItemSpec, ex.Message); }
        }
        if (Log.HasLoggedErrors) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutputFile)));
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var w = XmlWriter.Create(OutputFile, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("helpItems", "http://msh");
            w.WriteAttributeString("schema", "maml");
            foreach (var d in docs) WriteCommand(w, d);
            w.WriteEndElement();
        }
        Log.LogMessage(MessageImportance.High, "MoaiHelp: {0} command(s) -> {1}", docs.Count, OutputFile);
        return true;
    }

    // ---------- markdown ----------

    Doc Parse(string[] lines, string file)
    {
        var d = new Doc();
        string section = "", sub = "";
        Param p = null; Example ex = null; TypeDoc td = null;
        var i = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---") { i = 1; while (i < lines.Length && lines[i].Trim() != "---") i++; i++; }
        var para = new StringBuilder();
        Action<List<string>> flush = target =>
        {
            if (para.Length > 0 && target != null) target.Add(para.ToString().Trim());
            para.Clear();
        };
        Func<List<string>> current = () =>
        {
            switch (section)
            {
                case "SYNOPSIS": return d.Synopsis;
                case "DESCRIPTION": return d.Description;
                case "NOTES": return d.Notes;
                case "EXAMPLES": return ex != null ? ex.Remarks : null;
                case "PARAMETERS": return p != null ? p.Description : null;
                case "INPUTS": case "OUTPUTS": return td != null ? td.Description : null;
                default: return null;
            }
        };
        for (; i < lines.Length; i++)
        {
            var line = lines[i];
            var t = line.Trim();
            if (t.StartsWith("```"))
            {
                flush(current());
                var lang = t.Substring(3).Trim();
                var block = new List<string>();
                for (i++; i < lines.Length && !lines[i].Trim().StartsWith("```"); i++) block.Add(lines[i]);
                if (section == "EXAMPLES" && ex != null) ex.Code = string.Join("\n", block).Trim('\n');
                else if (section == "PARAMETERS" && p != null && lang == "yaml") ReadYaml(p, block);
                continue;
            }
            if (t.StartsWith("# ") && !t.StartsWith("## ")) { d.Name = t.Substring(2).Trim(); continue; }
            if (t.StartsWith("## "))
            {
                flush(current());
                section = t.Substring(3).Trim().ToUpperInvariant(); sub = ""; p = null; ex = null; td = null;
                continue;
            }
            if (t.StartsWith("### "))
            {
                flush(current());
                sub = t.Substring(4).Trim();
                switch (section)
                {
                    case "SYNTAX":
                        var isDefault = sub.EndsWith("(Default)");
                        var set = sub.Replace("(Default)", "").Trim();
                        d.Sets.Add(set);
                        if (isDefault) d.DefaultSet = set;
                        break;
                    case "EXAMPLES": ex = new Example { Title = sub }; d.Examples.Add(ex); break;
                    case "PARAMETERS":
                        if (sub.StartsWith("-")) { p = new Param { Name = sub.Substring(1).Trim() }; d.Params.Add(p); }
                        else p = null; // CommonParameters
                        break;
                    case "INPUTS": td = new TypeDoc { Name = sub }; d.Inputs.Add(td); break;
                    case "OUTPUTS": td = new TypeDoc { Name = sub }; d.Outputs.Add(td); break;
                }
                continue;
            }
            if (section == "RELATED LINKS")
            {
                if (t.StartsWith("- ") || t.StartsWith("* ")) d.Links.Add(t.Substring(2).Trim());
                continue;
            }
            if (t.Length == 0) { flush(current()); continue; }
            para.Append(para.Length > 0 ? " " : "").Append(t);
        }
        flush(current());
        if (d.Name.Length == 0) throw new InvalidDataException("no '# Verb-Noun' title");
        if (d.Synopsis.Count == 0) throw new InvalidDataException("no SYNOPSIS");
        if (d.Examples.Count == 0) throw new InvalidDataException("no EXAMPLES");
        foreach (var x in d.Params) if (x.Type.Length == 0) throw new InvalidDataException("parameter -" + x.Name + " has no yaml block with Type");
        return d;
    }

    static void ReadYaml(Param p, List<string> block)
    {
        var target = p.Type.Length == 0 ? p : new Param { Name = p.Name, Description = p.Description };
        if (!ReferenceEquals(target, p)) p.Variants.Add(target);
        foreach (var raw in block)
        {
            var c = raw.IndexOf(':');
            if (c < 0) continue;
            var key = raw.Substring(0, c).Trim();
            var value = raw.Substring(c + 1).Trim();
            switch (key)
            {
                case "Type": target.Type = value; break;
                case "Parameter Sets": target.Sets = value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList(); break;
                case "Aliases": target.Aliases = value; break;
                case "Accepted values": target.Accepted = value; break;
                case "Required": target.Required = value; break;
                case "Position": target.Position = value; break;
                case "Default value": target.Default = value; break;
                case "Accept pipeline input": target.Pipeline = value; break;
                case "Accept wildcard characters": target.Wildcard = value; break;
            }
        }
    }

    // ---------- MAML ----------

    void WriteCommand(XmlWriter w, Doc d)
    {
        w.WriteStartElement("command", "command", Command);
        w.WriteAttributeString("xmlns", "maml", null, Maml);
        w.WriteAttributeString("xmlns", "dev", null, Dev);
        w.WriteStartElement("details", Command);
        w.WriteElementString("name", Command, d.Name);
        var dash = d.Name.IndexOf('-');
        w.WriteElementString("verb", Command, dash > 0 ? d.Name.Substring(0, dash) : d.Name);
        w.WriteElementString("noun", Command, dash > 0 ? d.Name.Substring(dash + 1) : "");
        Description(w, d.Synopsis);
        w.WriteEndElement();
        Description(w, d.Description);

        w.WriteStartElement("syntax", Command);
        var sets = d.Sets.Count == 0 ? new List<string> { "__AllParameterSets" } : d.Sets;
        foreach (var set in sets.OrderBy(s => s == d.DefaultSet ? 0 : 1))
        {
            w.WriteStartElement("syntaxItem", Command);
            w.WriteElementString("name", Maml, d.Name);
            var inSet = d.Params.Select(x => ForSet(x, set)).Where(x => x != null)
                .OrderBy(x => int.TryParse(x.Position, out var n) ? n : int.MaxValue).ThenBy(x => IsTrue(x.Required) ? 0 : 1);
            foreach (var x in inSet) WriteParameter(w, x, syntax: true);
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteStartElement("parameters", Command);
        foreach (var x in d.Params) WriteParameter(w, x, syntax: false);
        w.WriteEndElement();

        TypeList(w, "inputTypes", "inputType", d.Inputs);
        TypeList(w, "returnValues", "returnValue", d.Outputs);

        w.WriteStartElement("alertSet", Maml);
        w.WriteStartElement("alert", Maml);
        foreach (var n in d.Notes) w.WriteElementString("para", Maml, n);
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("examples", Command);
        foreach (var e in d.Examples)
        {
            w.WriteStartElement("example", Command);
            w.WriteElementString("title", Maml, "-------------------------- " + e.Title + " --------------------------");
            w.WriteElementString("code", Dev, e.Code);
            w.WriteStartElement("remarks", Dev);
            foreach (var r in e.Remarks) w.WriteElementString("para", Maml, r);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteStartElement("relatedLinks", Command);
        foreach (var link in d.Links)
        {
            var text = link; var uri = "";
            if (link.StartsWith("[") && link.Contains("](") && link.EndsWith(")"))
            {
                var mid = link.IndexOf("](");
                text = link.Substring(1, mid - 1);
                uri = link.Substring(mid + 2, link.Length - mid - 3);
            }
            w.WriteStartElement("navigationLink", Maml);
            w.WriteElementString("linkText", Maml, text);
            w.WriteElementString("uri", Maml, uri);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    static Param ForSet(Param p, string set)
    {
        foreach (var v in new[] { p }.Concat(p.Variants))
            if (v.Sets.Count == 0 || v.Sets.Contains("(All)") || v.Sets.Contains(set) || set == "__AllParameterSets") return v;
        return null;
    }

    static bool IsTrue(string s) => s.StartsWith("True", StringComparison.OrdinalIgnoreCase);

    static void WriteParameter(XmlWriter w, Param p, bool syntax)
    {
        var isSwitch = p.Type == "SwitchParameter";
        w.WriteStartElement("parameter", Command);
        w.WriteAttributeString("required", IsTrue(p.Required) ? "true" : "false");
        w.WriteAttributeString("variableLength", p.Type.EndsWith("[]") ? "true" : "false");
        w.WriteAttributeString("globbing", IsTrue(p.Wildcard) ? "true" : "false");
        w.WriteAttributeString("pipelineInput", p.Pipeline);
        w.WriteAttributeString("position", p.Position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : p.Position);
        w.WriteAttributeString("aliases", string.IsNullOrEmpty(p.Aliases) ? "none" : p.Aliases);
        w.WriteElementString("name", Maml, p.Name);
        Description(w, p.Description);
        if (p.Accepted.Length > 0 && syntax)
        {
            w.WriteStartElement("parameterValueGroup", Command);
            foreach (var v in p.Accepted.Split(',')) 
            {
                w.WriteStartElement("parameterValue", Command);
                w.WriteAttributeString("required", "false");
                w.WriteAttributeString("command", "parametervalue", Command, "false");
                w.WriteString(v.Trim());
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        else if (!isSwitch || !syntax)
        {
            w.WriteStartElement("parameterValue", Command);
            w.WriteAttributeString("required", isSwitch ? "false" : "true");
            w.WriteAttributeString("variableLength", "false");
            w.WriteString(p.Type);
            w.WriteEndElement();
        }
        w.WriteStartElement("type", Dev);
        w.WriteElementString("name", Maml, p.Type);
        w.WriteElementString("uri", Maml, "");
        w.WriteEndElement();
        w.WriteElementString("defaultValue", Dev, p.Default);
        w.WriteEndElement();
    }

    static void Description(XmlWriter w, List<string> paras)
    {
        w.WriteStartElement("description", Maml);
        foreach (var para in paras) w.WriteElementString("para", Maml, para);
        w.WriteEndElement();
    }

    static void TypeList(XmlWriter w, string outer, string inner, List<TypeDoc> types)
    {
        w.WriteStartElement(outer, Command);
        foreach (var t in types)
        {
            w.WriteStartElement(inner, Command);
            w.WriteStartElement("type", Dev);
            w.WriteElementString("name", Maml, t.Name);
            w.WriteEndElement();
            Description(w, t.Description);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }
}
