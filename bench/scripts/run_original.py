#!/usr/bin/env python3
"""Runs ref_bench.py's measurement of the original (superdisco-agents/moai-flow) on the
MoaiPatterns bench's own rows, so both sides save, look up and query the same patterns.

No code of the original is here: ref_bench.py imports the original's schema.py/storage.py from
--ref. This driver imports ref_bench.py from --ref-bench and calls its `worker` unchanged; it only
replaces ref_bench's workload generator with the rows the bench wrote (--rows) and its tag pairs
with the bench's two-tag query. Prints one line "BENCH-RESULT {json}" (ref_bench's worker result).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from datetime import datetime


def load_ref_bench(path: str):
    spec = importlib.util.spec_from_file_location("ref_bench", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["ref_bench"] = mod
    spec.loader.exec_module(mod)
    return mod


def naive_local(ts: str) -> str:
    # The original compares stored timestamps with naive datetime.now() values (its queries and
    # retention); an offset in the text makes those comparisons raise TypeError. ref_bench's own
    # generator writes naive local times for that reason; the same instants, written that way.
    return datetime.fromisoformat(ts).astimezone().replace(tzinfo=None).isoformat()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ref-bench", required=True, help="path of ref_bench.py")
    ap.add_argument("--ref", required=True, help="the original's src folder (holds moai_flow/patterns)")
    ap.add_argument("--rows", required=True, help="the bench's workload file (JSON)")
    ap.add_argument("--backend", required=True, choices=["filesystem", "sqlite"])
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("--tmp", default=None)
    ap.add_argument("--save-budget-s", type=float, default=420.0)
    ap.add_argument("--loads", type=int, default=1000)
    ap.add_argument("--query-reps", type=int, default=3)
    ap.add_argument("--date-reps", type=int, default=3)
    a = ap.parse_args()

    rb = load_ref_bench(a.ref_bench)
    with open(a.rows, encoding="utf-8") as f:
        workload = json.load(f)
    rows = workload["rows"][: a.n]
    if len(rows) != a.n:
        raise SystemExit(f"{a.rows} holds {len(rows)} rows, {a.n} asked")
    for r in rows:
        r["timestamp"] = naive_local(r["timestamp"])
        r["context"]["timestamp"] = r["timestamp"]

    # The bench's rows in the bench's order (the order our engine saves them), not ref_bench's own.
    rb.make_patterns = lambda n, seed, now: rows[:n]
    rb.TAG_PAIRS = [tuple(workload["tags"])]

    args = argparse.Namespace(ref=a.ref, import_mode="isolated", n=a.n, seed=a.seed, backend=a.backend,
                              tmp=a.tmp, keep=False, save_budget_s=a.save_budget_s, loads=a.loads,
                              query_reps=a.query_reps, date_reps=a.date_reps)
    res = rb.worker(args)
    res["ref_bench"] = a.ref_bench
    print("BENCH-RESULT " + json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
