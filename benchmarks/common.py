"""Helpers shared by the benchmarks: timing a command and building reference trees."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def best_of(runs: int, fn: Callable[[], object]) -> float:
    """Best wall time of `runs` calls (the least disturbed by the rest of the machine)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run_quiet(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_tree(root: Path, files: int = 200_000, per_dir: int = 100, fanout: int = 20) -> Path:
    """A tree of `files` small files, `per_dir` to a folder, `fanout` folders per parent."""
    marker = root.with_name(f"{root.name}.complete-{files}")
    if marker.exists():
        return root
    n = 0
    a = 0
    while n < files:
        for b in range(fanout):
            d = root / f"{a}" / f"{b}"
            d.mkdir(parents=True, exist_ok=True)
            for c in range(per_dir):
                if n >= files:
                    break
                with open(d / f"f{c}.{('bin', 'txt', 'parquet', 'jpg')[c % 4]}", "wb") as f:
                    f.write(b"z" * ((a + b + c) % 97))
                n += 1
        a += 1
    marker.touch()
    os.sync()
    return root
