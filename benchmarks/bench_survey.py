"""Survey speed of a 200k-file tree as a ratio to `du -s` measured in the same run.

    python benchmarks/bench_survey.py [--files N] [--dir PATH]

Both run on a warm cache (one untimed walk first); the best of 5 runs each is compared.
Run it from an install made by `pip install -e .`: the walk is then compiled with mypyc
(setup.py); the output says which build ran.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import best_of, make_tree, run_quiet
from inspector.core.survey.walk import survey
from inspector.native import lister_build, stale_build_error, survey_build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=200_000)
    parser.add_argument(
        "--dir", type=Path, default=Path(tempfile.gettempdir()) / "inspector-bench-tree"
    )
    args = parser.parse_args()
    if error := stale_build_error():
        sys.exit(error)
    root = make_tree(args.dir, args.files)
    result = survey(str(root))  # warm the cache
    du = best_of(5, lambda: run_quiet(["du", "-s", str(root)]))
    ours = best_of(5, lambda: survey(str(root)))
    print(f"tree: {result.files:,} files, {result.dirs:,} dirs")
    print(f"survey build: {survey_build()}, directory lister: {lister_build()} (setup.py)")
    print(f"du -s:   {du * 1000:8.1f} ms")
    print(f"survey:  {ours * 1000:8.1f} ms")
    print(f"ratio survey/du: {ours / du:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
