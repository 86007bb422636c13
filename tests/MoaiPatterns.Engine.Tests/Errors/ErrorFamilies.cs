using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace MoaiPatterns.Tests.Errors
{
    /// <summary>
    /// Generated error families for the resolution evaluation: each has an error type, several phrasings with
    /// variable parts ({host}, {port}, {path}, …), the files and functions it shows up in, and the fix that
    /// worked (null: nobody ever resolved it). Values come from a seeded Random, so the set is the same on
    /// every run.
    /// </summary>
    internal sealed class ErrorFamily
    {
        public ErrorFamily(string type, string? fix, params string[] phrasings)
        {
            Type = type;
            Fix = fix;
            Phrasings = phrasings;
        }

        public string Type { get; }
        public string? Fix { get; }
        public string[] Phrasings { get; }

        public string Message(Random r, int phrasing) =>
            Regex.Replace(Phrasings[phrasing], @"\{(\w+)\}", m => Slot(r, m.Groups[1].Value));

        private static readonly string[] Hosts = { "db-prod", "cache", "api.internal", "build-agent", "auth", "search", "queue", "ledger" };
        private static readonly string[] Names = { "orders", "billing", "alice", "bob", "inventory", "payments", "reports", "tenant", "widget", "ingest", "carol", "mallory" };
        private static readonly string[] Dirs = { "/var/lib/app", "/tmp/build", "/home/ci/work", "/srv/data", "src/app", "C:\\work\\repo", "/opt/tools" };
        private static readonly string[] Exts = { "json", "yaml", "py", "log", "csv", "txt", "ts" };
        private static readonly string[] Modules = { "requests", "numpy", "yaml", "pandas", "lodash", "express", "attrs", "boto3", "scipy" };

        private static string Slot(Random r, string slot)
        {
            switch (slot)
            {
                case "host": return Pick(r, Hosts) + "-" + r.Next(1, 40);
                case "port": return r.Next(1024, 65535).ToString();
                case "n": return r.Next(2, 5000).ToString();
                case "m": return r.Next(2, 900).ToString();
                case "path": return Pick(r, Dirs) + "/" + Pick(r, Names) + r.Next(1, 99) + "." + Pick(r, Exts);
                case "url": return "https://" + Pick(r, Hosts) + ".example.com/v" + r.Next(1, 4) + "/" + Pick(r, Names) + "?id=" + r.Next(1, 100000);
                case "name": return Pick(r, Names);
                case "module": return Pick(r, Modules);
                case "hex": return r.Next(0x10000000, int.MaxValue).ToString("x8");
                case "guid": { var b = new byte[16]; r.NextBytes(b); return new Guid(b).ToString(); }
                case "key": return Pick(r, Names) + "_" + Pick(r, new[] { "id", "url", "token", "path", "limit" });
                case "ver": return r.Next(1, 20) + "." + r.Next(0, 30) + "." + r.Next(0, 9);
                default: throw new ArgumentException(slot);
            }
        }

        private static string Pick(Random r, string[] a) => a[r.Next(a.Length)];

        /// <summary>30 families with a known fix and 6 that nobody resolved; some share words and types on purpose.</summary>
        public static readonly ErrorFamily[] All =
        {
            new ErrorFamily("ConnectionRefusedError", "Start the database service and retry",
                "Connection refused to {host}:{port}", "[Errno 111] Connection refused while connecting to {host} port {port}",
                "could not connect to server at {host}:{port}: connection refused"),
            new ErrorFamily("ModuleNotFoundError", "pip install -r requirements.txt in the active virtualenv",
                "No module named '{module}'", "No module named '{module}.{name}'", "cannot import {module}: module not found"),
            new ErrorFamily("FileNotFoundError", "Create the missing file from the template in config/",
                "[Errno 2] No such file or directory: '{path}'", "could not find file {path}", "file {path} does not exist"),
            new ErrorFamily("PermissionError", "chmod the output folder for the build user",
                "[Errno 13] Permission denied: '{path}'", "access to {path} is denied", "permission denied while opening {path} for writing"),
            new ErrorFamily("TimeoutError", "Raise the HTTP client timeout to 60 s",
                "Request to {url} timed out after {n} seconds", "operation timed out after {n} ms waiting for {host}", "read timeout on {url}"),
            new ErrorFamily("KeyError", "Add the missing key to settings.yaml",
                "'{key}'", "missing key '{key}' in configuration", "KeyError: '{key}' not found in settings"),
            new ErrorFamily("TypeError", "Convert the value with str() before concatenating",
                "can only concatenate str (not \"int\") to str", "unsupported operand type(s) for +: 'int' and 'str'",
                "must be str, not int"),
            new ErrorFamily("TypeError", "Check the return value for None before indexing",
                "'NoneType' object is not subscriptable", "'NoneType' object has no attribute '{name}'",
                "cannot unpack non-iterable NoneType object"),
            new ErrorFamily("AssertionError", "Update the expected value in the test fixture",
                "expected {n} but got {m} in test_{name}", "assert {n} == {m}", "test_{name} failed: expected {n}, actual {m}"),
            new ErrorFamily("JSONDecodeError", "Validate the JSON with jq and fix the syntax",
                "Expecting value: line {n} column {m} (char {n})", "Unterminated string starting at: line {n} column {m} (char {n})",
                "Expecting property name enclosed in double quotes: line {n} column {m}"),
            new ErrorFamily("MemoryError", "Reduce the batch size to 16",
                "Unable to allocate {n} MiB for an array with shape ({n}, {m})", "out of memory while allocating {n} MB for tensor {name}",
                "cannot allocate memory for batch of {n} items"),
            new ErrorFamily("HTTPError", "Refresh the API token with auth login",
                "401 Client Error: Unauthorized for url: {url}", "HTTP 401 Unauthorized from {host}", "authentication failed: token expired for user {name}"),
            new ErrorFamily("HTTPError", "Back off and retry with exponential delay",
                "429 Client Error: Too Many Requests for url: {url}", "rate limit exceeded, retry after {n} seconds", "HTTP 429 Too Many Requests from {host}"),
            new ErrorFamily("SSLError", "Install the corporate CA bundle into certifi",
                "certificate verify failed: unable to get local issuer certificate ({host})",
                "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed for {host}:{port}", "self signed certificate in certificate chain for {url}"),
            new ErrorFamily("OSError", "Clean the build cache to free disk space",
                "[Errno 28] No space left on device: '{path}'", "write failed: disk full on {path}", "no space left on device while writing {path}"),
            new ErrorFamily("GitMergeConflict", "Resolve the conflicts, git add and commit",
                "CONFLICT (content): Merge conflict in {path}", "Automatic merge failed; fix conflicts in {path} and then commit the result",
                "merge conflict in {path} while rebasing {name}"),
            new ErrorFamily("NpmError", "npm install --legacy-peer-deps",
                "npm ERR! code ERESOLVE unable to resolve dependency tree for {module}@{ver}",
                "Could not resolve dependency: peer {module}@\"^{ver}\" from {name}@{ver}", "ERESOLVE could not resolve peer dependency {module}"),
            new ErrorFamily("DockerError", "Start the Docker daemon (systemctl start docker)",
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
                "error during connect: docker daemon is not running on {host}", "Got permission denied while trying to connect to the Docker daemon socket"),
            new ErrorFamily("AddressInUseError", "Stop the process holding the port (lsof -i)",
                "[Errno 98] Address already in use: ('0.0.0.0', {port})", "listen EADDRINUSE: address already in use :::{port}",
                "port {port} is already allocated on {host}"),
            new ErrorFamily("DeadlockError", "Retry the transaction with a smaller batch",
                "deadlock detected while waiting for ShareLock on transaction {n}", "Deadlock found when trying to get lock; try restarting transaction",
                "deadlock detected on relation {name} (process {n})"),
            new ErrorFamily("UnicodeDecodeError", "Open the file with encoding='latin-1'",
                "'utf-8' codec can't decode byte 0x{m} in position {n}: invalid start byte",
                "'utf-8' codec can't decode bytes in position {n}-{m}: invalid continuation byte", "cannot decode {path} as utf-8"),
            new ErrorFamily("RecursionError", "Rewrite the recursion as a loop",
                "maximum recursion depth exceeded while calling a Python object", "maximum recursion depth exceeded in comparison",
                "maximum recursion depth exceeded in {name}"),
            new ErrorFamily("IndexError", "Check the list length before indexing",
                "list index out of range", "index {n} is out of bounds for axis 0 with size {m}", "tuple index out of range in {name}"),
            new ErrorFamily("ValueError", "Strip and validate numeric input before converting",
                "invalid literal for int() with base 10: '{name}'", "could not convert string to float: '{name}'", "invalid literal for int(): '{n}x'"),
            new ErrorFamily("LintError", "Run eslint --fix and commit",
                "ESLint: {n} problems ({m} errors, {n} warnings) in {path}", "eslint found {n} errors in {path}", "{path}: {n} lint errors (eslint)"),
            new ErrorFamily("CS0246", "Add the missing using directive or package reference",
                "The type or namespace name '{name}' could not be found (are you missing a using directive or an assembly reference?)",
                "type or namespace '{name}' could not be found in {path}", "error CS0246: '{name}' could not be found"),
            new ErrorFamily("TS2307", "Install the @types package for the module",
                "Cannot find module '{module}' or its corresponding type declarations.", "error TS2307: Cannot find module '{module}'",
                "TS2307 cannot find module {module} in {path}"),
            new ErrorFamily("CrashLoopBackOff", "Check the container logs and fix the start command",
                "pod {name}-{hex} is in CrashLoopBackOff", "Back-off restarting failed container {name} in pod {name}-{hex}",
                "container {name} keeps crashing (CrashLoopBackOff) on {host}"),
            new ErrorFamily("OOMKilled", "Raise the container memory limit to 2Gi",
                "container {name} was OOMKilled (exit code 137)", "process {name} killed: exit code 137, out of memory",
                "OOMKilled: {name} exceeded its memory limit of {n}Mi"),
            new ErrorFamily("DNSError", "Fix the host name in .env and flush the DNS cache",
                "getaddrinfo ENOTFOUND {host}", "Name or service not known: {host}", "Temporary failure in name resolution ({host})"),

            // Nobody resolved these: variants must suggest nothing.
            new ErrorFamily("ZeroDivisionError", null, "division by zero in {name}", "float division by zero", "integer division or modulo by zero"),
            new ErrorFamily("NotImplementedError", null, "{name}.export is not implemented", "abstract method {name} not implemented", "not implemented yet: {name}"),
            new ErrorFamily("BrokenPipeError", null, "[Errno 32] Broken pipe while writing to {name}", "broken pipe on socket {n}", "EPIPE: broken pipe, write"),
            new ErrorFamily("StopIteration", null, "generator raised StopIteration in {name}", "iteration stopped early in {name}", "StopIteration in next() of {name}"),
            new ErrorFamily("InterruptedError", null, "[Errno 4] Interrupted system call", "operation interrupted by signal {m}", "interrupted while waiting on {name}"),
            new ErrorFamily("LicenseError", null, "license for {name} expired on {ver}", "no valid license found for {name}", "license server {host} unreachable: license check skipped"),
        };

        public static readonly string[] Files = { "src/app/main.py", "src/app/db.py", "lib/http/client.ts", "tools/build.ps1", "src/Worker/Job.cs", "api/routes.js" };
        public static readonly string[] Functions = { "run", "handle_request", "connect", "main", "process_batch", "Invoke-Build", "load_config" };
    }
}
