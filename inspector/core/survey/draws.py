"""Draws that ride the survey walk: marked Poisson points along its byte and file streams.

content/sampling.py explains why they are i.i.d. byte-weighted and file-weighted draws; this
module is compiled with the walk (setup.py): it creates a point per draw and per thinning, a
hundred thousand of them on a large drive.
"""

from __future__ import annotations

import bisect
import heapq
import math
import random
from collections.abc import Callable
from typing import Final

_START_DENSITY: Final = 1.5  # expected points at the hint, in units of max_draws


class Drawn:
    """The file a draw landed on: its ordinal in the walk, path, size and extension. A plain
    class, not a frozen dataclass: compiled, it is built in ~50 ns instead of ~1 µs, once per
    draw kept. A draw on a run of files (survey/fsview.FileRun) gets its path when first
    asked: a sampler uses a few hundred of its 16,384 draws. Nothing else changes after the
    walk."""

    __slots__ = ("_path", "ext", "ordinal", "resolve", "size")

    def __init__(
        self,
        ordinal: int,
        path: str,
        size: int,
        ext: str,
        resolve: Callable[[int], str] | None = None,
    ) -> None:
        self.ordinal = ordinal
        self._path = path
        self.size = size
        self.ext = ext
        self.resolve = resolve  # ordinal -> path, for a draw whose path is not made yet ("")

    @property
    def path(self) -> str:
        if not self._path and self.resolve is not None:
            self._path = self.resolve(self.ordinal)
            self.resolve = None
        return self._path


class RunPaths:
    """Paths of the files of runs that draws landed on, made on demand: (first ordinal,
    directory prefix, namer) per run, in walk order."""

    def __init__(self) -> None:
        self.firsts: list[int] = []
        self.runs: list[tuple[str, Callable[[int], str]]] = []

    def add(self, first: int, prefix: str, namer: Callable[[int], str]) -> None:
        self.firsts.append(first)
        self.runs.append((prefix, namer))

    def path_of(self, ordinal: int) -> str:
        k = bisect.bisect_right(self.firsts, ordinal) - 1
        prefix, namer = self.runs[k]
        return prefix + namer(ordinal - self.firsts[k])


class _PoissonStream:
    """Marked Poisson points along one stream (bytes or file ordinals), thinned by mark."""

    def __init__(self, rng: random.Random, max_draws: int, hint: int) -> None:
        self.rng = rng
        self.cap = 3 * max_draws  # a thinning leaves ~1.5 x max_draws: never fewer than asked
        self.max_draws = max_draws
        self.rate = _START_DENSITY * max_draws / max(1, hint)  # points per unit
        self.cut = 1.0  # marks below this are kept (2^-level)
        # (mark, ordinal, path, size, ext): a tuple of plain values, which the garbage
        # collector stops tracking at its first pass. Points held as (mark, Drawn) were ~100k
        # tracked objects on a large tree, and each full collection they triggered walked them
        # all in the scan's thread with the GIL held: 50-170 ms in which the desk could not
        # draw (benchmarks/bench_gui_stall.py). Drawn objects are built for the draws kept.
        self.points: list[tuple[float, int, str, int, str]] = []
        self.pos = self._spacing()
        self.resolve: Callable[[int], str] | None = None  # paths of points on runs ("")

    def _spacing(self) -> float:
        return -math.log(1.0 - self.rng.random()) / self.rate

    def take(self, end: int, ordinal: int, path: str, size: int, ext: str) -> None:
        """Give the file every point before `end` (the file covers [its start, end))."""
        rng, points = self.rng, self.points
        while self.pos < end:
            points.append((rng.random() * self.cut, ordinal, path, size, ext))
            if len(points) > self.cap:
                self._thin()
            self.pos += self._spacing()

    def _thin(self) -> None:
        while len(self.points) > self.cap:
            self.cut /= 2
            self.rate /= 2
            cut = self.cut
            self.points[:] = [p for p in self.points if p[0] < cut]  # in place: take() holds it

    def ordered(self) -> DrawOrder:
        """The draws in mark order, made as they are read (the stream's points go with it)."""
        points, self.points = self.points, []
        return DrawOrder(points, self.max_draws, self.resolve)

    def draws(self) -> list[Drawn]:
        """The draws in mark order (a uniformly random order), at most max_draws of them."""
        points = self.points
        if len(points) > 2 * self.max_draws:
            # Marks are uniform below `cut`: those below this bound are ~1.25 x max_draws of
            # them, and if at least max_draws, the smallest of them are the smallest of all
            # (the same draws). Sorting a third of the points instead of all of them keeps
            # the GIL held for less, in the desk's worker thread (bench_gui_stall.py).
            bound = self.cut * 1.25 * self.max_draws / len(points)
            low = [p for p in points if p[0] < bound]
            if len(low) >= self.max_draws:
                points = low
        points.sort()  # by mark (ties, a chance of 2^-53, by the file: still one order)
        resolve = self.resolve
        return [Drawn(p[1], p[2], p[3], p[4], resolve) for p in points[: self.max_draws]]


class DrawOrder:
    """A stream's draws in mark order, made as far as they are read: the sampler reads them in
    batches and usually stops after a few hundred of up to max_draws (16,384); sorting all the
    points and building a Drawn for each cost more than the walk of a large drive. The points
    are a heap (heapify is linear); each batch pops its draws. `points` are taken over."""

    def __init__(
        self,
        points: list[tuple[float, int, str, int, str]],
        max_draws: int,
        resolve: Callable[[int], str] | None,
    ) -> None:
        heapq.heapify(points)
        self.heap = points
        self.count = min(len(points), max_draws)
        self.resolve = resolve
        self.made: list[Drawn] = []

    def __len__(self) -> int:
        return self.count

    def upto(self, stop: int) -> list[Drawn]:
        """The first `stop` draws (fewer if there are fewer)."""
        stop = min(stop, self.count)
        made, heap, resolve = self.made, self.heap, self.resolve
        while len(made) < stop:
            p = heapq.heappop(heap)
            made.append(Drawn(p[1], p[2], p[3], p[4], resolve))
        return made[:stop]

    def between(self, start: int, stop: int) -> list[Drawn]:
        """Draws [start, stop) in mark order."""
        return self.upto(stop)[start:]


class PoissonTap:
    """The walk's StreamTap: byte-weighted and file-weighted draws, mapped as the walk goes.
    `bytes_hint` and `files_hint`: rough sizes of the tree, where the density starts."""

    def __init__(
        self, rng: random.Random, max_draws: int, bytes_hint: int, files_hint: int
    ) -> None:
        self.by_bytes = _PoissonStream(rng, max_draws, bytes_hint)
        self.by_files = _PoissonStream(rng, max_draws, files_hint)
        self.next_byte = int(self.by_bytes.pos)
        self.next_file = int(self.by_files.pos)
        self.run_paths: RunPaths | None = None

    def hit(self, path: str, size: int, ext: str, start: int, ordinal: int) -> None:
        self.by_bytes.take(start + size, ordinal, path, size, ext)
        self.by_files.take(ordinal + 1, ordinal, path, size, ext)
        self.next_byte = int(self.by_bytes.pos)
        self.next_file = int(self.by_files.pos)

    def hit_run(
        self,
        sizes: list[int],
        start: int,
        ordinal: int,
        ext: str,
        prefix: str,
        namer: Callable[[int], str],
    ) -> None:
        """`hit` for each file of a run (`sizes` in walk order, after `start` bytes and
        `ordinal` files) that the thresholds select: the same points in the same order, with
        the paths left to `Drawn.path` (`namer(i)` names the run's file i)."""
        if self.run_paths is None:
            self.run_paths = paths = RunPaths()
            self.by_bytes.resolve = self.by_files.resolve = paths.path_of
        self.run_paths.add(ordinal, prefix, namer)
        by_bytes, by_files = self.by_bytes, self.by_files
        next_byte, next_file = self.next_byte, self.next_file
        end = start
        for size in sizes:
            end += size
            if end > next_byte or ordinal >= next_file:
                by_bytes.take(end, ordinal, "", size, ext)
                by_files.take(ordinal + 1, ordinal, "", size, ext)
                next_byte = self.next_byte = int(by_bytes.pos)
                next_file = self.next_file = int(by_files.pos)
            ordinal += 1
