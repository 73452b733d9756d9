"""A sampled scan's whole-process time as a ratio to the survey-only scan of the same tree.

    python benchmarks/bench_scale.py [--files 1000000] [--budget 5] [--runs 3] [--dir PATH]

Both are `inspector scan DIR --json` processes (start-up, walk, sampling, JSON), run
alternately on a warm cache after one untimed walk; prints one JSON document: the best and the
range of each, their ratio (goal <= 1.3x), and whether the exact counts are identical.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import make_tree
from inspector.native import stale_build_error, survey_build

COUNTS = ("files", "dirs", "symlinks", "other", "bytes", "allocated_bytes", "errors")


def _scan(root: Path, budget: float) -> tuple[float, dict[str, Any]]:
    cmd = [sys.executable, "-m", "inspector", "scan", str(root), "--json", "--budget", str(budget)]
    if budget:
        cmd += ["--seed", "7"]
    start = time.perf_counter()
    out = subprocess.run(cmd, check=False, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode not in (0, 3):
        sys.exit(f"inspector scan failed ({out.returncode}): {out.stderr.strip()}")
    return elapsed, json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1_000_000)
    parser.add_argument("--budget", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--dir", type=Path, default=Path(tempfile.gettempdir()) / "inspector-bench-scale"
    )
    args = parser.parse_args()
    if error := stale_build_error():
        sys.exit(error)
    root = make_tree(args.dir, args.files)
    _scan(root, 0)  # warm the cache
    only: list[float] = []
    sampled: list[float] = []
    docs: list[dict[str, Any]] = []
    for _ in range(args.runs):  # alternate, so both see the same load
        t, base = _scan(root, 0)
        only.append(t)
        t, doc = _scan(root, args.budget)
        sampled.append(t)
        docs.append(doc)
    identical = all(d["survey"][k] == base["survey"][k] for d in docs for k in COUNTS)
    content = docs[-1]["content"]
    report = {
        "benchmark": "scale",
        "files": base["survey"]["files"],
        "survey_build": survey_build(),
        "budget_s": args.budget,
        "survey_only_s": {
            "best": round(min(only), 3),
            "range": [round(min(only), 3), round(max(only), 3)],
        },
        "sampled_s": {
            "best": round(min(sampled), 3),
            "range": [round(min(sampled), 3), round(max(sampled), 3)],
        },
        "ratio": round(min(sampled) / min(only), 3),
        "goal": 1.3,
        "identical_counts": identical,
        "samples": content["samples"],
        "stopped": content["stopped"],
        "method": content["method"],
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
