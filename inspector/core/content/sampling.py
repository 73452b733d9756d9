"""Byte-weighted and file-weighted sampling of a surveyed tree, within a time budget.

Why it is unbiased:
- Byte-weighted: the survey gives the total B of file sizes. We draw offsets u_1..u_N uniformly
  in [0, B) with a seeded RNG, then walk the tree again and give each draw to the file whose
  byte range [start, start + size) holds it. A file is drawn with probability size / B, so the
  fraction of draws landing in category C is an unbiased estimate of C's share of bytes.
- File-weighted: likewise with uniform file ordinals in [0, F): each file has probability 1 / F.
- Early stop: draws are i.i.d. and are *used* in draw order, in batches (16, 32, ... 1024);
  every prefix of an i.i.d. sequence is again an i.i.d. sample, so stopping at a batch boundary
  (budget spent, precision reached) keeps the estimate unbiased. Within a batch the files are
  read in walk order (one reader, elevator order); a batch cut short by the budget is
  discarded, except the first, which always completes.
Memory is O(N) for the draws, whatever the number of files (the walk keeps aggregates only).
A file drawn twice (or by both streams) is read once: its identification is cached.
"""

from __future__ import annotations

import dataclasses
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from inspector.core.content.identify import Identification, Identifier
from inspector.core.content.result import ContentResult
from inspector.core.content.tally import ContentTally, build_result, disguised, widest_half_width
from inspector.core.progress import CancelToken, Progress, ProgressFn, no_progress
from inspector.core.survey.walk import SurveyResult, survey

DEFAULT_PRECISION = 0.01  # ±1 % at 95 %
MAX_DRAWS = 16_384  # per stream: ±0.77 % worst case; precision usually stops earlier
FIRST_BATCH = 16
MAX_BATCH = 1024

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class SamplingOptions:
    budget_s: float
    seed: int | None = None
    precision: float = DEFAULT_PRECISION
    max_draws: int = MAX_DRAWS


@dataclass(frozen=True, slots=True)
class _Drawn:
    """The file a draw landed on: its ordinal in the walk, path, size and extension."""

    ordinal: int
    path: str
    size: int
    ext: str


class _DrawMapper:
    """The survey's `on_file` hook of the second walk: hands each draw its file."""

    def __init__(self, byte_draws: list[int], file_draws: list[int]) -> None:
        self.byte_order = sorted(range(len(byte_draws)), key=byte_draws.__getitem__)
        self.file_order = sorted(range(len(file_draws)), key=file_draws.__getitem__)
        self.byte_draws = byte_draws
        self.file_draws = file_draws
        self.by_byte: list[_Drawn | None] = [None] * len(byte_draws)
        self.by_file: list[_Drawn | None] = [None] * len(file_draws)
        self.bp = self.fp = 0
        self.start = 0
        self.ordinal = 0

    def __call__(self, path: str, size: int, ext: str) -> None:
        end = self.start + size
        ordinal = self.ordinal
        drawn: _Drawn | None = None
        order, draws = self.byte_order, self.byte_draws
        while self.bp < len(order) and draws[order[self.bp]] < end:
            drawn = drawn or _Drawn(ordinal, path, size, ext)
            self.by_byte[order[self.bp]] = drawn
            self.bp += 1
        order, draws = self.file_order, self.file_draws
        while self.fp < len(order) and draws[order[self.fp]] == ordinal:
            drawn = drawn or _Drawn(ordinal, path, size, ext)
            self.by_file[order[self.fp]] = drawn
            self.fp += 1
        self.start = end
        self.ordinal += 1


def new_seed() -> int:
    return secrets.randbits(32)


def sample_content(
    root: str,
    surveyed: SurveyResult,
    identifier: Identifier,
    options: SamplingOptions,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    clock: Clock = time.monotonic,
) -> tuple[ContentResult, list[str]]:
    """Estimate content shares of the tree at `root` (already surveyed). Returns the result and
    warnings for the scan."""
    started = clock()
    seed = options.seed if options.seed is not None else new_seed()
    rng = random.Random(seed)
    n = options.max_draws
    byte_draws = [rng.randrange(surveyed.bytes) for _ in range(n)] if surveyed.bytes else []
    file_draws = [rng.randrange(surveyed.files) for _ in range(n)] if surveyed.files else []
    mapper = _DrawMapper(byte_draws, file_draws)

    def mapping(p: Progress) -> None:
        progress(dataclasses.replace(p, stage="mapping draws", total=surveyed.files))

    remap = survey(root, identifier.view, on_file=mapper, progress=mapping, cancel=cancel)
    warnings: list[str] = []
    if not remap.complete:  # cancelled while mapping draws: nothing unbiased to report yet
        empty = build_result(
            ContentTally(),
            "sampled",
            total_bytes=surveyed.bytes,
            total_files=surveyed.files,
            seed=seed,
            sampled_bytes=0,
            stopped="cancelled",
        )
        return empty, warnings
    if remap.bytes != surveyed.bytes or remap.files != surveyed.files:
        warnings.append(
            "the tree changed between the survey and sampling; draws outside it are dropped"
        )
    run = _BatchRunner(identifier, mapper, options, started, clock, progress, cancel)
    stopped = run.all_batches()
    result = build_result(
        run.tally,
        "sampled",
        total_bytes=surveyed.bytes,
        total_files=surveyed.files,
        seed=seed,
        sampled_bytes=identifier.bytes_read,
        stopped=stopped,
    )
    return result, warnings + run.tally.scan_warnings()


class _BatchRunner:
    """Uses draws in draw order, batch by batch, reading each batch's files in walk order."""

    def __init__(
        self,
        identifier: Identifier,
        mapper: _DrawMapper,
        options: SamplingOptions,
        started: float,
        clock: Clock,
        progress: ProgressFn,
        cancel: CancelToken | None,
    ) -> None:
        self.identifier = identifier
        self.by_byte = mapper.by_byte
        self.by_file = mapper.by_file
        self.options = options
        self.deadline = started + options.budget_s
        self.clock = clock
        self.progress = progress
        self.cancel = cancel
        self.tally = ContentTally()
        self.cache: dict[int, Identification | None] = {}  # ordinal -> result (None: unreadable)

    def all_batches(self) -> str:
        done = 0
        size = FIRST_BATCH
        total = max(len(self.by_byte), len(self.by_file))
        while done < total:
            end = min(total, done + size)
            if not self._batch(done, end, first=done == 0):
                return "cancelled" if self._cancelled() else "budget"
            done = end
            size = min(MAX_BATCH, size * 2)
            self.progress(Progress(stage="content", done=done, total=total))
            if widest_half_width(self.tally) <= self.options.precision:
                return "precision"
            if self._cancelled():
                return "cancelled"
            if self.clock() >= self.deadline:
                return "budget"
        return "exhausted"

    def _cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def _batch(self, start: int, end: int, first: bool) -> bool:
        """Identify the files of draws [start, end) and count them; False = cut short (the
        batch is then not counted, so the estimate stays unbiased)."""
        byte_part = self.by_byte[start:end]
        file_part = self.by_file[start:end]
        wanted = {d.ordinal: d for d in byte_part + file_part if d is not None}
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
        for d in byte_part:
            self._count(d, by_bytes=True)
        for d in file_part:
            self._count(d, by_bytes=False)
        return True

    def _count(self, d: _Drawn | None, *, by_bytes: bool) -> None:
        if d is None:  # a draw past the end of a tree that shrank since the survey
            return
        ident = self.cache[d.ordinal]
        if ident is None:
            self.tally.errors += 1
            return
        stream = self.tally.by_bytes if by_bytes else self.tally.by_files
        stream.add(ident, 1, disguised(d.ext, ident))


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
