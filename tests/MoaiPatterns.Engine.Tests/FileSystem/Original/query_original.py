#!/usr/bin/env python3
"""What the original library sees in a filesystem store
(usage: query_original.py <original checkout> <store> [id ...]).

Prints one JSON object: {"by_type": {type: [ids]}, "untyped": [ids], "loaded": {id: true|false}}.
The original's moai_flow/patterns/storage.py and schema.py are loaded from the checkout as an
isolated package; its code is never copied into this repository.
"""
import importlib.util
import json
import sys
import types
from pathlib import Path

here = Path(sys.argv[1]).resolve() / "moai_flow" / "patterns"
args = sys.argv[2:]
pkg = types.ModuleType("_original_patterns")
pkg.__path__ = [str(here)]
sys.modules["_original_patterns"] = pkg
mods = {}
for name in ("schema", "storage"):
    spec = importlib.util.spec_from_file_location(f"_original_patterns.{name}", here / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[f"_original_patterns.{name}"] = mod
    spec.loader.exec_module(mod)
    mods[name] = mod

store = mods["storage"].PatternStorage(backend="filesystem", base_path=args[0])
types_ = ["task_completion", "error_occurrence", "agent_usage", "user_correction"]
result = {
    "by_type": {t: [p["pattern_id"] for p in store.query(pattern_type=t, limit=1_000_000)] for t in types_},
    "untyped": [p["pattern_id"] for p in store.query(limit=1_000_000)],
    "loaded": {i: store.load(i) is not None for i in args[1:]},
}
print(json.dumps(result))
