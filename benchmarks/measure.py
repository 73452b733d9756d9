"""Timing whole processes, both sides alternating, for `benchmarks/run`.

Each side is a command line run as its own process (what an officer or a script runs), timed
wall-clock from spawn to exit, with the CPU time the kernel reports for it (wait4). The sides
take turns, and the order of a round flips every round, so a neighbour's load drifting over
the run hits every side alike; ratios are taken within each round.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class BenchError(RuntimeError):
    """A benchmarked command failed: its figures would mean nothing."""


@dataclass(frozen=True, slots=True)
class Sample:
    wall_s: float
    cpu_s: float


def run_once(cmd: Sequence[str], *, env: Mapping[str, str] | None = None) -> Sample:
    """Run `cmd` with its output discarded; raise BenchError unless it exits 0 (or 3, a
    scan that finished incomplete, which Inspector reports as such)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=None if env is None else {**os.environ, **env},
    )
    assert proc.stderr is not None
    err = proc.stderr.read()  # never fills the pipe: read until the child closes it
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode not in (0, 3):
        tail = err.decode(errors="replace").strip().splitlines()[-1:] or ["(no message)"]
        raise BenchError(f"{' '.join(cmd)}: exit {proc.returncode}: {tail[0]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime)


def peak_rss_mib(cmd: Sequence[str]) -> float:
    """Peak RSS of `cmd`, as GNU time reports it. Not from our own wait4: a child forked from
    this Python process starts with (and the kernel's high-water mark keeps) the parent's
    resident set until it execs, so every command would show at least our ~25 MiB."""
    with tempfile.NamedTemporaryFile("r") as out:
        run_once(["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd])
        return int(out.read().split()[-1]) / 1024


@dataclass(frozen=True, slots=True)
class Spread:
    median: float
    low: float
    high: float

    @staticmethod
    def of(values: Sequence[float]) -> Spread:
        return Spread(statistics.median(values), min(values), max(values))

    def json(self, digits: int = 4) -> dict[str, float]:
        return {
            "median": round(self.median, digits),
            "min": round(self.low, digits),
            "max": round(self.high, digits),
        }


def alternate(
    sides: Mapping[str, Sequence[str]],
    rounds: int,
    *,
    warmup: int = 1,
    env: Mapping[str, str] | None = None,
) -> dict[str, list[Sample]]:
    """`rounds` samples of each side, the sides taking turns (order flipped every round),
    after `warmup` untimed runs of each (page cache, lazy loads)."""
    names = list(sides)
    for _ in range(warmup):
        for name in names:
            run_once(sides[name], env=env)
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    for i in range(rounds):
        for name in names if i % 2 == 0 else reversed(names):
            samples[name].append(run_once(sides[name], env=env))
    return samples


def walls(samples: Sequence[Sample]) -> list[float]:
    return [s.wall_s for s in samples]


def paired_ratios(top: Sequence[Sample], bottom: Sequence[Sample]) -> list[float]:
    """top/bottom wall time of each round (both taken within the same round)."""
    return [t.wall_s / b.wall_s for t, b in zip(top, bottom, strict=True)]
