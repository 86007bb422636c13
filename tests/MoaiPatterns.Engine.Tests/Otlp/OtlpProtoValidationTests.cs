using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using MoaiPatterns.Input;
using MoaiPatterns.Otlp;
using MoaiPatterns.Serialization;
using MoaiPatterns.Tests.FileSystem;
using MoaiPatterns.Tests.Schema;
using Xunit;

namespace MoaiPatterns.Tests.Otlp
{
    /// <summary>
    /// The export checked against the OTLP protocol's own .proto definitions, not by eye: tests/otlp-validator
    /// (Node.js, protobufjs, the opentelemetry-proto files from npm) parses every line strictly (unknown fields,
    /// enum and int64 forms, hex ids) and round-trips it through the binary encoding.
    /// </summary>
    public sealed class OtlpProtoValidationTests : IDisposable
    {
        private readonly TempStoreFolder _dir = new TempStoreFolder();

        public OtlpProtoValidationTests() => Directory.CreateDirectory(_dir.Path);

        public void Dispose() => _dir.Dispose();

        private const string Hostile = "{\"pattern_id\":\"hostile-1\",\"pattern_type\":\"error_occurrence\",\"timestamp\":\"2024-02-29T23:59:59.9999999-11:00\","
            + "\"data\":{\"error_type\":\"Ошибка\",\"error_message\":\"<script>alert(1)</script> \\\"quoted\\\" \\u2028 🦜\",\"stack_trace\":\"a\\nb\",\"line_number\":0,"
            + "\"resolution\":null,\"extra\":[1,{\"b\":null}],\"big\":9223372036854775807,\"neg\":-1,\"f\":1e300,\"t\":true},"
            + "\"context\":{\"project_name\":\"Straße\",\"session_id\":\"s\",\"user_id\":\"u\",\"git_branch\":\"main\",\"git_commit\":\"abc\",\"tags\":[\"K\",\"σς\"],"
            + "\"metadata\":{\"nested\":{\"x\":[]}},\"timestamp\":\"2024-01-01T00:00:00Z\"},\"version\":\"1.0\"}";

        private static readonly string[] Inputs = SeedExamples.All.Concat(SeedExamples.EveryField).Append(Hostile).ToArray();

        private string Export(string name)
        {
            var path = _dir.File(name);
            using var writer = PatternJsonLinesWriter.Create(path, noClobber: false, OtlpTraceJson.ToUtf8Bytes);
            foreach (var json in Inputs) writer.Write(PatternInput.ToValidated(json));
            writer.Commit(overwrite: true);
            return path;
        }

        [Fact]
        public void Every_line_is_an_ExportTraceServiceRequest_by_the_proto_definitions()
        {
            var file = Export("traces.jsonl");
            var (code, output) = OtlpValidator.Run(file);
            Assert.True(code == 0, output);
            // One span per pattern; events: one per error (exception) and per correction.
            var events = Inputs.Select(j => PatternInput.ToValidated(j).Pattern.PatternType).Count(t => t == PatternType.ErrorOccurrence || t == PatternType.UserCorrection);
            Assert.Contains($"ok: {Inputs.Length} requests, {Inputs.Length} spans, {events} events", output);
        }

        [Fact]
        public void A_gz_path_is_gzipped_and_holds_the_same_lines()
        {
            var plain = File.ReadAllText(Export("traces.jsonl"));
            var gz = Export("traces.jsonl.gz");
            using var reader = new StreamReader(new GZipStream(File.OpenRead(gz), CompressionMode.Decompress), Encoding.UTF8);
            Assert.Equal(plain, reader.ReadToEnd());
            Assert.Equal(Inputs.Length, plain.Split('\n').Count(l => l.Length > 0));
        }

        [Fact]
        public void The_validator_refuses_what_the_protocol_does_not_define()
        {
            // The same check must fail on a field the protocol lacks and on an enum written as its name,
            // or a passing run above would prove nothing.
            var good = File.ReadAllLines(Export("traces.jsonl"))[0];
            var bad = _dir.File("bad.jsonl");
            File.WriteAllText(bad, good.Replace("\"kind\":1", "\"kind\":\"SPAN_KIND_INTERNAL\"") + "\n" + good.Replace("\"spans\":[{", "\"spans\":[{\"durationMs\":1,") + "\n");
            var (code, output) = OtlpValidator.Run(bad);
            Assert.Equal(1, code);
            Assert.Contains("enum SpanKind must be an integer", output);
            Assert.Contains("unknown field 'durationMs'", output);
        }
    }

    /// <summary>Runs tests/otlp-validator/validate.js with the machine's Node.js, installing its pinned packages on first use.</summary>
    internal static class OtlpValidator
    {
        private static readonly object Gate = new object();

        public static (int Code, string Output) Run(string file)
        {
            var folder = Path.Combine(RepoRoot(), "tests", "otlp-validator");
            lock (Gate)
            {
                if (!Directory.Exists(Path.Combine(folder, "node_modules", "protobufjs")))
                {
                    var (c, o) = Exec("npm", "ci --no-audit --no-fund --ignore-scripts", folder);
                    Assert.True(c == 0, "npm ci in tests/otlp-validator failed (Node.js and npm are needed for this test):\n" + o);
                }
            }
            return Exec("node", "validate.js \"" + file + "\"", folder);
        }

        private static (int, string) Exec(string exe, string args, string cwd)
        {
            var psi = new ProcessStartInfo(exe, args) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + exe);
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(300_000)) { p.Kill(); throw new TimeoutException(exe + " " + args); }
            return (p.ExitCode, stdout + stderr.Result);
        }

        private static string RepoRoot()
        {
            var dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "PatternsModule.sln"))) dir = Path.GetDirectoryName(dir);
            return dir ?? throw new InvalidOperationException("PatternsModule.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
