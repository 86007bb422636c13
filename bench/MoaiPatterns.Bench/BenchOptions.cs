using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace MoaiPatterns.Bench
{
    /// <summary>Command-line options; see <see cref="Usage"/>.</summary>
    public sealed class BenchOptions
    {
        public const string Usage = @"MoaiPatterns.Bench [options]
  --sizes 1000,10000,100000   store sizes N for both backends (engine, cmdlets, baselines)
  --sqlite-extra 1000000      extra sizes for SQLite only (engine + raw SQLite baseline; cmdlets stop at --cmdlet-max)
  --repeat 5                  runs per size (fresh store per run); median/min/max reported
  --extra-repeat R            runs for the --sqlite-extra sizes (default: --repeat-large, else --repeat)
  --repeat-large R            runs for sizes of 100,000 and more (default: --repeat)
  --cmdlet-max 100000         largest N the cmdlet runs use
  --one-call 1000             one-call saves made into each store of N (fewer when N is smaller)
  --seed 20251201             workload seed
  --module <psd1>             module to import (default: <repo>/out/MoaiPatterns/MoaiPatterns.psd1)
  --no-cmdlets                skip the cmdlet runs (they run in the real pwsh: .tools/pwsh/pwsh, else pwsh on PATH)
  --pwsh <path>               the pwsh to run the cmdlets in
  --original auto|<dir>|<url> also run the original Python implementation on the same rows, same sizes
                              (auto: $MOAI_REF_SRC, else a clone of the local mirror, else of GitHub, into a
                              temp folder; <dir>: its src folder, repository or a git repository to clone).
                              Unavailable (no source, python3 or ref_bench.py): a note, the run goes on.
  --original-repeat 1         runs of the original per size (its filesystem save is quadratic)
  --original-max 100000       largest N the original runs at
  --original-budget 420       seconds after which the original's save phase stops (ref_bench's default)
  --ref-bench <path>          ref_bench.py (default: $MOAI_REF_BENCH, else <repo>/../shared/bench/ref_bench.py)
  --python python3            the Python that runs it
  --work <dir>                where stores are created, in a fresh subfolder deleted at the end (default: the temp folder)
  --out bench/results         where results.json and results.md go (also a dated copy)
  --errors-only               only the Find-MoaiResolution suite (error stores of each --sizes N)
  --no-errors                 skip the Find-MoaiResolution suite
  --backends both             sqlite, filesystem or both (PostgreSQL runs only with both, when its binaries exist)
  --watch-saves 200           saves the writer process makes while a watcher process follows (0: no watch runs)
  --watch-idle 10             seconds the watcher idles first (its CPU over them is the idle cost)
  --quick                     CI smoke run: N=200, 1 repeat, everything exercised, no targets judged";

        public List<int> Sizes { get; set; } = new List<int> { 1000, 10000, 100000 };
        public List<int> SqliteExtraSizes { get; set; } = new List<int>();
        public int Repeat { get; set; } = 5;
        public int? ExtraRepeat { get; set; }
        public int? RepeatLarge { get; set; }

        /// <summary>Runs for one size: the large sizes may run fewer times to fit a time budget.</summary>
        public int RepeatsFor(int n, bool sqliteOnly) =>
            sqliteOnly && ExtraRepeat != null ? ExtraRepeat.Value : n >= 100_000 && RepeatLarge != null ? RepeatLarge.Value : Repeat;
        public int CmdletMax { get; set; } = 100000;
        public int OneCall { get; set; } = 1000;
        public int Lookups { get; set; } = 1000;
        public int Seed { get; set; } = 20251201;
        public string? Module { get; set; }
        public bool Cmdlets { get; set; } = true;
        public string? WorkDir { get; set; }
        /// <summary>Null: bench/results under the repository, or a temp folder for --quick.</summary>
        public string? Out { get; set; }
        public bool Quick { get; set; }
        public string? Pwsh { get; set; }
        /// <summary>Null: the original is not run.</summary>
        public string? Original { get; set; }
        public int OriginalRepeat { get; set; } = 1;
        public int OriginalMax { get; set; } = 100000;
        public double OriginalBudgetSeconds { get; set; } = 420;
        public string? RefBench { get; set; }
        public string Python { get; set; } = "python3";
        /// <summary>The command line, as given (results.md states what produced it).</summary>
        public string CommandLine { get; set; } = "";
        /// <summary>Run the error-lookup suite (<see cref="Suites.ErrorLookupBenchmark"/>), and nothing else when <see cref="ErrorsOnly"/>.</summary>
        public bool Errors { get; set; } = true;
        public bool ErrorsOnly { get; set; }
        public int WatchSaves { get; set; } = 200;
        public int WatchIdleSeconds { get; set; } = 10;
        /// <summary>Null: every backend; else only these (quick measurements of one backend).</summary>
        public HashSet<StoreBackend>? Backends { get; set; }

        public bool Runs(StoreBackend backend) => Backends == null || Backends.Contains(backend);

        public static BenchOptions Parse(string[] args)
        {
            var o = new BenchOptions();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value.");
                switch (args[i])
                {
                    case "--sizes": o.Sizes = Ints(Next()); break;
                    case "--watch-saves": o.WatchSaves = Int(Next()); break;
                    case "--watch-idle": o.WatchIdleSeconds = Int(Next()); break;
                    case "--sqlite-extra": o.SqliteExtraSizes = Ints(Next()); break;
                    case "--repeat": o.Repeat = Int(Next()); break;
                    case "--extra-repeat": o.ExtraRepeat = Int(Next()); break;
                    case "--repeat-large": o.RepeatLarge = Int(Next()); break;
                    case "--cmdlet-max": o.CmdletMax = Int(Next()); break;
                    case "--one-call": o.OneCall = Int(Next()); break;
                    case "--seed": o.Seed = Int(Next()); break;
                    case "--module": o.Module = Next(); break;
                    case "--no-cmdlets": o.Cmdlets = false; break;
                    case "--errors-only": o.ErrorsOnly = true; o.Cmdlets = false; break;
                    case "--no-errors": o.Errors = false; break;
                    case "--work": o.WorkDir = Next(); break;
                    case "--backends": o.Backends = BackendSet(Next()); break;
                    case "--out": o.Out = Next(); break;
                    case "--pwsh": o.Pwsh = Next(); break;
                    case "--original": o.Original = Next(); break;
                    case "--original-repeat": o.OriginalRepeat = Int(Next()); break;
                    case "--original-max": o.OriginalMax = Int(Next()); break;
                    case "--original-budget": o.OriginalBudgetSeconds = double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture); break;
                    case "--ref-bench": o.RefBench = Next(); break;
                    case "--python": o.Python = Next(); break;
                    case "--quick":
                        o.Quick = true; o.Sizes = new List<int> { 200 }; o.SqliteExtraSizes = new List<int>(); o.WatchSaves = 20; o.WatchIdleSeconds = 2;
                        o.Repeat = 1; o.OneCall = 50; o.Lookups = 50;
                        break;
                    case "-h": case "--help": throw new HelpRequested();
                    default: throw new ArgumentException("Unknown option " + args[i]);
                }
            }
            if (o.Repeat < 1) throw new ArgumentException("--repeat must be at least 1.");
            if (o.OriginalRepeat < 1) throw new ArgumentException("--original-repeat must be at least 1.");
            o.CommandLine = "dotnet run -c Release --project bench/MoaiPatterns.Bench --" + string.Concat(args.Select(a => " " + (a.Length == 0 || a.Any(char.IsWhiteSpace) ? "'" + a + "'" : a)));
            return o;
        }

        private static HashSet<StoreBackend>? BackendSet(string s) => s switch
        {
            "both" => null,
            "sqlite" => new HashSet<StoreBackend> { StoreBackend.Sqlite },
            "filesystem" => new HashSet<StoreBackend> { StoreBackend.FileSystem },
            _ => throw new ArgumentException("--backends takes sqlite, filesystem or both."),
        };

        private static int Int(string s) => int.Parse(s.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture);
        private static List<int> Ints(string s) => s.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(x => Int(x.Trim())).ToList();

        public sealed class HelpRequested : Exception { }
    }
}
