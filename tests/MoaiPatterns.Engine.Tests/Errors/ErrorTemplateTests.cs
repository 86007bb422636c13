using System;
using System.Linq;
using MoaiPatterns.Errors;
using Xunit;

namespace MoaiPatterns.Tests.Errors
{
    public sealed class ErrorTemplateTests
    {
        [Theory]
        [InlineData("Connection refused to db-7:5432 after 30 s", "Connection refused to db-<num>:<num> after <num> s")]
        [InlineData("[Errno 2] No such file or directory: '/tmp/x/build.log'", "[Errno <num>] No such file or directory: <str>")]
        [InlineData("could not open /var/lib/app/data.db for writing", "could not open <path> for writing")]
        [InlineData(@"could not open C:\Users\ann\app.json", "could not open <path>")]
        [InlineData("cannot read src/app/main.py line 4", "cannot read <path> line <num>")]
        [InlineData("GET https://api.example.com/v1/items?id=4 failed", "GET <url> failed")]
        [InlineData("job 3f2504e0-4f89-11d3-9a0c-0305e82c3301 failed", "job <guid> failed")]
        [InlineData("object at 0x7f3a2c1b not found, commit a3f9c2e17b", "object at <hex> not found, commit <hex>")]
        [InlineData("started 2025-05-01T12:00:03.120Z and stopped", "started <time> and stopped")]
        [InlineData("can't find \"alpha\" or `beta` in \u201Cgamma\u201D", "can't find <str> or <str> in <str>")]
        [InlineData("utf8 and python3 and sha256 stay", "utf8 and python3 and sha256 stay")]
        [InlineData("  many \t spaces\n\nhere  ", "many spaces here")]
        [InlineData("retry_count=3 worker-17 took -2.5 ms", "retry_count=<num> worker-<num> took <num> ms")]
        public void Masks_variable_parts(string message, string template) =>
            Assert.Equal(template, ErrorTemplate.Mask(message));

        [Fact]
        public void Empty_and_null_messages_have_an_empty_template()
        {
            Assert.Equal("", ErrorTemplate.Mask(null));
            Assert.Equal("", ErrorTemplate.Mask(""));
        }

        [Fact]
        public void Variants_share_a_signature_and_types_never_do()
        {
            var a = ErrorSignature.OfMessage("FileNotFoundError", "[Errno 2] No such file or directory: 'a.txt'");
            var b = ErrorSignature.OfMessage("FileNotFoundError", "[Errno 2] No such file or directory: '/tmp/other/b.json'");
            var c = ErrorSignature.OfMessage("IOError", "[Errno 2] No such file or directory: 'a.txt'");
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
            Assert.Equal(ErrorSignature.Length, a.Length);
            Assert.Matches("^[0-9a-f]{12}$", a);
        }

        [Fact]
        public void The_signature_is_stable_across_runs_and_machines()
        {
            // SHA-256 of "TypeError\u001Fcannot add <str> and <str>": a fixed value, never a runtime hash code.
            Assert.Equal("8c90149332d0", ErrorSignature.Of("TypeError", "cannot add <str> and <str>"));
        }

        [Fact]
        public void A_huge_message_is_cut_before_masking() =>
            Assert.True(ErrorTemplate.Mask(new string('x', 100_000)).Length <= ErrorTemplate.MaxMessageLength);

        [Fact]
        public void Type_terms_include_camel_case_parts()
        {
            Assert.Equal(new[] { "filenotfounderror", "file", "not", "found", "error" }, ErrorTerms.OfType("FileNotFoundError"));
            Assert.Contains("io", ErrorTerms.OfType("System.IO.IOException"));
            Assert.Contains("exception", ErrorTerms.OfType("System.IO.IOException"));
        }
    }
}
