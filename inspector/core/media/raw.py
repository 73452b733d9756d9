"""Raw sector sampling: what an unmountable, unknown or encrypted device holds, from a sample.

Draws random 4 KiB blocks of the device (or image) read-only and classifies each (blocks.py):
never written (all zero), high entropy (encrypted, random or compressed), text, or other
structured data. Draws come in batches of random blocks read in sorted order (the elevator
order an HDD serves fastest) by one reader thread with `O_DIRECT` where the device allows, while
the previous batch is classified: the device never waits for the classifier. Drawing goes on
until the budget, the precision goal (every class within ±1 % at 95 %) or the last block; a
batch cut short is not counted, so the estimate stays unbiased. Shares come with Wilson 95 %
intervals (exact when every block was read). Failed reads are counted, never classed: a
sample with failed reads is not complete.

The result says what the device is (`finding`): blank, encrypted without a header (what a
VeraCrypt volume or a random wipe looks like), encrypted with a header, a damaged filesystem,
or unknown data.
"""

from __future__ import annotations

import errno as errno_names
import math
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, BinaryIO

import numpy as np

from inspector.core.content.stats import wilson
from inspector.core.media.blocks import (
    BLOCK,
    CLASSES,
    HEAD_BYTES,
    Header,
    classify_batch,
    ext_backup_superblock,
    header_of,
)
from inspector.core.media.raw_result import FINDING_TEXT, RawResult, RawShare
from inspector.core.media.rawio import AlignedBatch, BlockSource, source_of
from inspector.core.progress import CancelToken, Progress, ProgressFn, no_progress

PRECISION = 0.01  # stop once every class is known within ±1 % (95 %)
BATCH = 64
MIN_SAMPLES = 2401  # before stopping on precision: ±2 % at 95 % whatever the shares
# Reads failing this often mean a failing or vanished medium: stop instead of hammering it.
_STOP_AFTER_FAILED = 256
_ABORT_AFTER_FAILED = 8  # failed reads in a row end a batch early
_CLASSIFY_ROWS = 16  # as cheap a block as 64 rows at once (measured 7.6 vs 8.6 µs)
BLANK_MAX = 0.0  # blank: not one written block among the draws
ENCRYPTED_LO = 0.9  # no header, and at least ~90 % of blocks look random


def finding_of(
    header: Header | None, shares: tuple[RawShare, ...], samples: int, *, mounted: bool = False
) -> str:
    """What the device is, from its header and its block classes; `mounted`: its filesystem
    (or a partition of it) was mounted, so a filesystem signature is no damage."""
    if header is not None:
        if header.kind == "encrypted":
            return "encrypted-header"
        if header.kind == "partition-table":
            return "partition-table"
        if header.kind == "filesystem":
            # raw-sampled because it did not mount, unless it did
            return "filesystem" if mounted else "damaged-filesystem"
        if header.kind == "container":
            return "container"
    if samples == 0:
        return "unknown-data"
    by_class = {s.cls: s for s in shares}
    if by_class["zero"].share >= 1.0 - BLANK_MAX:
        return "blank"
    if by_class["high-entropy"].ci[0] >= ENCRYPTED_LO:
        return "encrypted-no-header"
    return "unknown-data"


def describe(finding: str, header: Header | None) -> str:
    text = FINDING_TEXT[finding]
    if finding == "encrypted-header" and header is not None:
        return f"encrypted ({header.note or header.format} header)"
    if header is not None and finding in ("damaged-filesystem", "container"):
        where = f", {header.note}" if header.note else ""
        return f"{text}: {header.format} signature{where}"
    return text


class _Draws:
    """Random block numbers without repetition, batch by batch, reproducible from the seed."""

    _PERMUTE_BELOW = 1 << 18  # small devices: one shuffled list (≤ 1 GiB of 4 KiB blocks)

    def __init__(self, rng: random.Random, blocks: int) -> None:
        self.rng = rng
        self.blocks = blocks
        self.drawn = 0
        self._order: list[int] | None = None
        self._seen: set[int] = set()
        if blocks <= self._PERMUTE_BELOW:
            self._order = list(range(blocks))
            rng.shuffle(self._order)

    def next(self, n: int) -> list[int]:
        n = min(n, self.blocks - self.drawn)
        if self._order is not None:
            out = self._order[self.drawn : self.drawn + n]
        else:
            out = []
            while len(out) < n:
                index = self.rng.randrange(self.blocks)
                if index not in self._seen:
                    self._seen.add(index)
                    out.append(index)
        self.drawn += n
        return sorted(out)


@dataclass(slots=True)
class _Read:
    ok: list[bool]
    failures: list[str]


def _read_batch(
    source: BlockSource, batch: AlignedBatch, indices: list[int], cancel: CancelToken | None
) -> _Read:
    """Read the blocks of one batch. A cancel, or a run of failed reads (a dying or vanished
    drive can take seconds per failed read), stops it early: the rest is neither a sample nor
    a failure."""
    ok = [False] * len(indices)
    failures: list[str] = []
    failed_in_a_row = 0
    for row, index in enumerate(indices):
        if (cancel is not None and cancel.cancelled) or failed_in_a_row >= _ABORT_AFTER_FAILED:
            break
        try:
            got = source.read_into(batch.row(row), index * BLOCK)
        except OSError as exc:
            failures.append(errno_names.errorcode.get(exc.errno or 0, "OSError"))
            failed_in_a_row += 1
            continue
        if got != BLOCK:
            failures.append("short-read")  # past the end: the medium shrank or went away
            failed_in_a_row += 1
            continue
        ok[row] = True
        failed_in_a_row = 0
    return _Read(ok, failures)


def _classify_into(counts: list[int], buf: AlignedBatch, ok: list[bool]) -> None:
    """Add the classes of the blocks read to `counts`, a few rows at a time with the GIL let
    go in between: the reader thread, whose next read has returned, then waits microseconds
    for it instead of the whole batch's classification (with whole batches: a median 0.86x
    of fio's rate in benchmarks/bench_raw.py)."""
    rows = buf.array[: len(ok)]
    if not all(ok):
        rows = rows[np.flatnonzero(ok)]
    for start in range(0, rows.shape[0], _CLASSIFY_ROWS):
        classes = classify_batch(rows[start : start + _CLASSIFY_ROWS])
        for cls, c in enumerate(np.bincount(classes, minlength=len(CLASSES))):
            counts[cls] += int(c)
        time.sleep(0)


def _widest(counts: list[int], n: int) -> float:
    return max(((hi - lo) / 2 for lo, hi in (wilson(c, n) for c in counts)), default=1.0)


def _read_head(source: BlockSource, size_bytes: int) -> Header | None:
    def read_at(offset: int, length: int) -> bytes:
        try:
            return source.read_bytes(offset, length)
        except OSError:
            return b""

    return header_of(read_at(0, min(size_bytes, HEAD_BYTES))) or ext_backup_superblock(
        read_at, size_bytes
    )


def raw_sample(
    source: BinaryIO | BlockSource,
    size_bytes: int,
    *,
    max_samples: int | None = None,
    budget_s: float = 30.0,
    precision: float = PRECISION,
    seed: int | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    clock: Callable[[], float] = time.monotonic,
    mounted: bool = False,
) -> RawResult:
    """Sample the blocks of `source` (opened read-only by the caller) until the budget, the
    precision goal, `max_samples` or the last block; `max_samples=0` reads the header only."""
    started = clock()
    seed = seed if seed is not None else random.SystemRandom().randrange(1 << 32)
    reader = source_of(source)
    header = _read_head(reader, size_bytes)
    blocks = size_bytes // BLOCK
    limit = blocks if max_samples is None else min(blocks, max_samples)
    draws = _Draws(random.Random(seed), blocks)
    counts = [0] * len(CLASSES)
    failures: list[str] = []
    buffers = (AlignedBatch(BATCH), AlignedBatch(BATCH))
    read_started = clock()
    reads = 0

    def stop_now() -> str | None:
        if cancel is not None and cancel.cancelled:
            return "cancelled"
        if len(failures) >= _STOP_AFTER_FAILED or (failures and len(failures) * 2 > reads):
            return "errors"
        if clock() - started >= budget_s:
            return "budget"
        n = sum(counts)
        if n >= MIN_SAMPLES and _widest(counts, n) <= precision:
            return "precision"
        return None

    # what progress counts towards: the draws the precision goal needs, at most every block
    expected = min(limit, max(MIN_SAMPLES, blocks_needed(precision))) if precision else limit
    stop: str | None = "header-only" if limit == 0 else None
    pending: tuple[Any, AlignedBatch, list[int]] | None = None
    turn = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="inspector-raw") as pool:
        while True:
            nxt = None
            stop = stop or stop_now()
            if stop is None and draws.drawn < limit:
                # read the next batch while this one is classified
                indices = draws.next(min(BATCH, limit - draws.drawn))
                buf = buffers[turn % 2]
                turn += 1
                nxt = (pool.submit(_read_batch, reader, buf, indices, cancel), buf, indices)
            elif stop is None:
                stop = "exhausted" if limit == blocks else "samples"
            if pending is not None:
                future, buf, indices = pending
                got: _Read = future.result()
                reads += sum(got.ok) + len(got.failures)
                failures += got.failures
                if cancel is not None and cancel.cancelled:
                    stop = "cancelled"  # the batch read while cancelling is not counted
                else:
                    _classify_into(counts, buf, got.ok)
                progress(Progress(stage="raw", done=sum(counts), total=expected))
            if nxt is None:
                break
            pending = nxt
    stopped = stop or "exhausted"
    for buf in buffers:
        buf.close()
    n = sum(counts)
    exact = n == blocks and not failures
    shares = tuple(
        RawShare(c, counts[i] / n if n else 0.0, _interval(counts[i], n, exact))
        for i, c in enumerate(CLASSES)
    )
    finding = finding_of(header, shares, n, mounted=mounted)
    reading = clock() - read_started
    return RawResult(
        size_bytes=size_bytes,
        block_size=BLOCK,
        samples=n,
        seed=seed,
        header_format=header.format if header else None,
        header_kind=header.kind if header else None,
        shares=shares,
        elapsed_s=clock() - started,
        complete=not failures and stopped != "cancelled" and (n > 0 or limit == 0),
        errors=len(failures),
        finding=finding,
        finding_text=describe(finding, header),
        header_note=header.note if header else "",
        stopped=stopped,
        precision=None if not n else (0.0 if exact else round(_widest(counts, n), 6)),
        reads_per_s=reads / reading if reading > 0 else 0.0,
        direct_io=reader.direct,
        error_kinds=tuple(sorted(set(failures))),
    )


def _interval(k: int, n: int, exact: bool) -> tuple[float, float]:
    if exact:
        return (k / n, k / n)
    lo, hi = wilson(k, n)
    return (max(0.0, lo), min(1.0, hi))


def blocks_needed(precision: float = PRECISION) -> int:
    """Draws for ±precision at 95 % in the worst case (a 50 % share)."""
    return math.ceil((1.96 / precision) ** 2 / 4) if precision > 0 else 0
