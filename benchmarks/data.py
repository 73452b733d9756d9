"""The data `benchmarks/run` measures on, built once and kept (a marker says it is complete).

Everything lives under one folder (default /tmp/inspector-bench, `--data`), locked while it
is built so two runs on a shared machine do not write the same tree at once.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.bench_hash import make_file
from benchmarks.common import make_tree


@contextmanager
def locked(data: Path, name: str) -> Iterator[None]:
    """Hold `name`'s lock while it is built (another run waits, then finds it complete)."""
    data.mkdir(parents=True, exist_ok=True)
    with open(data / f".lock-{name}", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def small_files_tree(data: Path, files: int) -> Path:
    """`files` tiny files, 100 to a folder (benchmarks.common.make_tree)."""
    with locked(data, f"tree-{files}"):
        return make_tree(data / f"tree-{files}", files)


def mixed_files(data: Path, files: int) -> Path:
    """`files` small real-format files (parquet, safetensors, jsonl, png, pdf, ...) written by
    the test corpus's writers (bench_identify.build); returns the folder holding only them."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # the writers import numpy
    from benchmarks.bench_identify import build

    with locked(data, f"mixed-{files}"):
        build(data / f"mixed-{files}", files)
    return data / f"mixed-{files}" / "tree"


def big_file(data: Path, mib: int) -> Path:
    """A file of `mib` MiB of random (distinct) blocks, read once so it sits in the cache."""
    with locked(data, f"random-{mib}MiB"):
        path = make_file(data / f"random-{mib}MiB.bin", mib)
    with open(path, "rb", buffering=0) as f:
        while f.read(16 * 2**20):
            pass
    return path


SIX = (
    "datasets/train-00000-of-00002.parquet",
    "datasets/chat.jsonl",
    "models/model.safetensors",
    "photos/holiday_0.png",
    "documents/notes.txt",
    "vault/container.bin",
)


def six_files(data: Path, demo: Path) -> Path:
    """Six of the demo's files (a dataset shard, jsonl, model, photo, text, encrypted blob):
    the small scan whose whole-process time the start-up goal is about."""
    folder = data / "six-files"
    with locked(data, "six-files"):
        for name in SIX:
            target = folder / name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(demo / name, target)
    return folder
