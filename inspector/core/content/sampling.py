"""Byte-weighted and file-weighted sampling of a tree, mapped while the survey walks it.

Why it is unbiased (and needs one walk):
- The walk streams the files in some order; file k covers bytes [S_k, S_k + size_k) of the
  byte stream and ordinal slot [k, k + 1) of the file stream. Along each stream we lay a
  Poisson process of points, each with a uniform mark u, and give every point to the file
  that covers it (`PoissonTap`, a survey `StreamTap`: the walk compares two integers per file
  and calls us only on a hit). Conditional on their number, the points of a homogeneous
  Poisson process over [0, B) are i.i.d. uniform over [0, B): the files they land on are
  i.i.d. byte-weighted draws (probability size / B), and likewise i.i.d. uniform draws over
  files on the file stream, whatever B and F turn out to be. Nothing is drawn before the walk.
- The rate starts from a hint (the filesystem's usage, or a pilot estimate) and halves each
  time more than 2 × max_draws points are held: a point is kept at level t iff its mark is
  below 2^-t, so the points held are always those of the level's process (thinning a Poisson
  process by independent marks leaves a Poisson process), and the final level depends only on
  point counts, never on where the points fell. Memory is O(max_draws) whatever the tree.
- Draws are used in mark order (a random order, independent of positions), in batches (16, 32,
  ... 1024); every prefix of an i.i.d. sequence is again an i.i.d. sample, so stopping at a batch
  boundary (budget spent, precision reached) keeps the estimate unbiased. Within a batch the
  files are read in walk order (one reader, elevator order); a batch cut short by the budget is
  discarded, except the first, which always completes.
A file drawn twice (or by both streams) is read once: its identification is cached.
"""

from __future__ import annotations

import math
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from inspector.core.content.identify import Identification, Identifier
from inspector.core.content.result import ContentResult
from inspector.core.content.tally import (
    ContentTally,
    build_result,
    count_of,
    disguised,
    widest_half_width,
)
from inspector.core.progress import CancelToken, Progress, ProgressFn, no_progress
from inspector.core.survey.draws import Drawn as _Drawn
from inspector.core.survey.draws import DrawOrder, PoissonTap
from inspector.core.survey.fsview import FileSystemView
from inspector.core.survey.walk import SurveyResult, survey

DEFAULT_PRECISION = 0.01  # ±1 % at 95 %
MAX_DRAWS = 16_384  # per stream: ±0.77 % worst case; precision usually stops earlier
FIRST_BATCH = 16
MAX_BATCH = 1024
# Without a hint the byte stream starts dense enough for a 4 KiB tree and the file stream for 1
# file; each doubling of the tree beyond costs one thinning and about max_draws new marks
# (~0.3 s for the 20 doublings of a million files), a start too sparse would cost draws.
DEFAULT_BYTES_HINT = 4096
DEFAULT_FILES_HINT = 1

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class SamplingOptions:
    budget_s: float
    seed: int | None = None
    precision: float = DEFAULT_PRECISION
    max_draws: int = MAX_DRAWS


@dataclass(frozen=True, slots=True)
class StreamHints:
    """Rough sizes of the tree, to start the draws' density near the right level (the result
    does not depend on them; a wrong hint costs thinnings, or draws when it is far too large)."""

    bytes: int = DEFAULT_BYTES_HINT
    files: int = DEFAULT_FILES_HINT


def new_seed() -> int:
    # os.urandom is what secrets.randbits reads; secrets imports hmac and OpenSSL (~5 ms a start)
    return int.from_bytes(os.urandom(4), "little")


def survey_and_sample(
    root: str,
    identifier: Identifier,
    options: SamplingOptions,
    *,
    hints: StreamHints = StreamHints(),
    started: float | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    clock: Clock = time.monotonic,
    view: FileSystemView | None = None,
    stop_walk_at_budget: bool = False,
) -> tuple[SurveyResult, ContentResult, list[str]]:
    """Walk the tree at `root` once, mapping draws as it goes, then identify draws until the
    budget (counted from `started`, by default now: the walk spends it too), the precision or
    the draws run out. Returns the survey (exact counts), the content estimate and warnings."""
    started = clock() if started is None else started
    seed = options.seed if options.seed is not None else new_seed()
    tap = PoissonTap(random.Random(seed), options.max_draws, hints.bytes, hints.files)
    walk_cancel = (
        WalkDeadline(cancel, clock, started + options.budget_s) if stop_walk_at_budget else cancel
    )
    view = view or identifier.view
    surveyed = survey(root, view, tap=tap, progress=progress, cancel=walk_cancel)
    if not surveyed.complete:  # stopped while walking: nothing unbiased to report yet
        stopped = "cancelled" if cancel is not None and cancel.cancelled else "budget"
        empty = build_result(
            ContentTally(),
            "sampled",
            total_bytes=surveyed.bytes,
            total_files=surveyed.files,
            seed=seed,
            sampled_bytes=0,
            stopped=stopped,
        )
        return surveyed, empty, []
    if not surveyed.bytes:
        tap.by_bytes.points.clear()
    if not surveyed.files:
        tap.by_files.points.clear()
    by_byte, by_file = tap.by_bytes.ordered(), tap.by_files.ordered()
    run = _BatchRunner(identifier, by_byte, by_file, options, started, clock, progress, cancel)
    run.tally.stratify(surveyed.by_extension)
    stopped = run.all_batches()
    _release(by_byte, by_file)
    result = build_result(
        run.tally,
        "sampled",
        total_bytes=surveyed.bytes,
        total_files=surveyed.files,
        seed=seed,
        sampled_bytes=identifier.bytes_read,
        stopped=stopped,
    )
    return surveyed, result, run.tally.scan_warnings()


def _release(*orders: DrawOrder) -> None:
    """Free the points held (up to 100k) a slice at a time: freed at once, they held the GIL
    for 15-40 ms in the desk's worker thread; between slices another thread may run."""
    for order in orders:
        points = order.heap
        while points:
            del points[-4096:]
        order.made.clear()


class WalkDeadline(CancelToken):
    """Stops a walk when the budget's clock passes `deadline`, or when the scan is cancelled:
    a walk the pilot projected to fit may not (a cold cache, a slower part of the tree)."""

    def __init__(self, outer: CancelToken | None, clock: Clock, deadline: float) -> None:
        super().__init__()
        self.outer = outer
        self.clock = clock
        self.deadline = deadline

    @property
    def cancelled(self) -> bool:
        return (self.outer is not None and self.outer.cancelled) or self.clock() >= self.deadline


class _BatchRunner:
    """Uses draws in draw order, batch by batch, reading each batch's files in walk order."""

    def __init__(
        self,
        identifier: Identifier,
        by_byte: DrawOrder,
        by_file: DrawOrder,
        options: SamplingOptions,
        started: float,
        clock: Clock,
        progress: ProgressFn,
        cancel: CancelToken | None,
    ) -> None:
        self.identifier = identifier
        self.by_byte = by_byte
        self.by_file = by_file
        self.options = options
        self.deadline = started + options.budget_s
        self.clock = clock
        self.progress = progress
        self.cancel = cancel
        self.tally = ContentTally()
        self.cache: dict[int, Identification | None] = {}  # ordinal -> result (None: unreadable)
        self.reading_s = 0.0  # clock time of the batches counted
        self.draws_read = 0  # draw indexes of the batches counted

    def all_batches(self) -> str:
        done = 0
        size = FIRST_BATCH
        total = max(len(self.by_byte), len(self.by_file))
        needed = total
        while done < total:
            end = min(total, done + size, done + self._fits(), needed)
            if end <= done:
                return "budget"
            if not self._batch(done, end, first=done == 0):
                return "cancelled" if self._cancelled() else "budget"
            done = end
            size = min(MAX_BATCH, size * 2)
            self.progress(self._provisional(done, total))
            width = widest_half_width(self.tally)
            if width <= self.options.precision:
                return "precision"
            # Half-widths shrink as 1/√n: the draws the precision asks for, with a tenth to
            # spare, end the next batch rather than a doubling past them.
            if self.options.precision > 0:  # 0: read every draw the budget affords
                projected = math.ceil(1.1 * done * (width / self.options.precision) ** 2)
                needed = max(done + FIRST_BATCH, projected)
            if self._cancelled():
                return "cancelled"
            if self.clock() >= self.deadline:
                return "budget"
        return "exhausted"

    def _provisional(self, done: int, total: int) -> Progress:
        """Progress with the shares of bytes counted so far (an unbiased prefix of the draws),
        until the sampler stops: the desk and the CLI refresh their provisional figures."""
        stream = self.tally.by_bytes
        shares = []
        for category, _ in stream.categories.most_common():
            value, lo, hi = stream.share(count_of(category))
            shares.append((category, value, lo, hi))
        shares.sort(key=lambda share: -share[1])
        return Progress(
            stage="content",
            done=done,
            total=total,
            provisional=tuple(shares),
            provisional_why=f"sampling, {done:,} draws counted",
        )

    def _fits(self) -> int:
        """Draws the budget left can still read, at the cost per draw of the batches so far
        (with a tenth to spare): a batch cut short by the budget is discarded, so a last batch
        sized to fit counts reads a fixed-size one would throw away."""
        if not self.draws_read:
            return MAX_BATCH
        per_draw = self.reading_s / self.draws_read
        left = self.deadline - self.clock()
        return MAX_BATCH if per_draw <= 0 else int(0.9 * left / per_draw)

    def _cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def _batch(self, start: int, end: int, first: bool) -> bool:
        """Identify the files of draws [start, end) and count them; False = cut short (the
        batch is then not counted, so the estimate stays unbiased)."""
        began = self.clock()
        byte_part = self.by_byte.between(start, end)
        file_part = self.by_file.between(start, end)
        wanted = {d.ordinal: d for d in byte_part + file_part}
        for ordinal in sorted(wanted):
            if ordinal in self.cache:
                continue
            if self._cancelled() or (not first and self.clock() >= self.deadline):
                return False
            drawn = wanted[ordinal]
            try:
                ident: Identification | None = self.identifier.identify(drawn.path, drawn.size)
            except OSError:
                ident = None
            self.cache[ordinal] = ident
            if ident is not None:
                self.tally.note_file(drawn.path, ident, disguised(drawn.ext, ident))
        self.reading_s += self.clock() - began
        self.draws_read += end - start
        for d in byte_part:
            self._count(d, by_bytes=True)
        for d in file_part:
            self._count(d, by_bytes=False)
        return True

    def _count(self, d: _Drawn, *, by_bytes: bool) -> None:
        ident = self.cache[d.ordinal]
        if ident is None:
            self.tally.errors += 1
            return
        stream = self.tally.by_bytes if by_bytes else self.tally.by_files
        stream.add(ident, 1, disguised(d.ext, ident), d.ext)


def full_content(
    root: str,
    identifier: Identifier,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> tuple[SurveyResult, ContentResult, list[str]]:
    """Survey and identify every file in one walk: exact shares, intervals collapse."""
    tally = ContentTally()

    def visit(path: str, size: int, ext: str) -> None:
        try:
            ident = identifier.identify(path, size)
        except OSError:
            tally.errors += 1
            return
        hidden = disguised(ext, ident)
        tally.note_file(path, ident, hidden)
        tally.by_bytes.add(ident, size)
        tally.by_files.add(ident, 1, hidden)

    surveyed = survey(root, identifier.view, on_file=visit, progress=progress, cancel=cancel)
    result = build_result(
        tally,
        "full",
        total_bytes=surveyed.bytes,
        total_files=surveyed.files,
        seed=None,
        sampled_bytes=identifier.bytes_read,
        stopped="complete" if surveyed.complete else "cancelled",
    )
    return surveyed, result, tally.scan_warnings()
