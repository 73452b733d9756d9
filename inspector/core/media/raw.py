"""Raw sector sampling: what an unmountable, unknown or encrypted device holds, from a sample.

Reads N random blocks of the device (or image) read-only, in sorted order from one reader (the
elevator order an HDD serves fastest), and classifies each block: never written (all zero),
high entropy (encrypted, random or compressed), text, or other structured data. Shares come
with Wilson 95 % intervals; the header at offset 0 is named when it is known (LUKS, BitLocker,
a partition table, a filesystem superblock).
"""

from __future__ import annotations

import io
import math
import os
import random
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any, BinaryIO

from inspector.core.content.stats import wilson
from inspector.core.progress import CancelToken, Progress, ProgressFn, no_progress

BLOCK = 4096
DEFAULT_SAMPLES = 2401  # ±2 % at 95 % in the worst case
# "high-entropy" is encrypted, random or well-compressed: at block level these cannot be told
# apart (measured: xz output has the chi-square of random data); a LUKS/BitLocker header can.
CLASSES = ("zero", "high-entropy", "text", "structured")
HIGH_ENTROPY_BITS = 7.8  # a random 4 KiB block measures ~7.95 bits/byte

_HEADERS: tuple[tuple[int, bytes, str, str], ...] = (
    (0, b"LUKS\xba\xbe", "luks", "encrypted"),
    (3, b"-FVE-FS-", "bitlocker", "encrypted"),
    (512, b"EFI PART", "gpt", "partition-table"),
    (1080, b"\x53\xef", "ext", "filesystem"),
    (3, b"NTFS    ", "ntfs", "filesystem"),
    (3, b"EXFAT   ", "exfat", "filesystem"),
    (54, b"FAT12   ", "vfat", "filesystem"),
    (54, b"FAT16   ", "vfat", "filesystem"),
    (82, b"FAT32   ", "vfat", "filesystem"),
    (0, b"XFSB", "xfs", "filesystem"),
)


@dataclass(frozen=True, slots=True)
class RawShare:
    cls: str
    share: float
    ci: tuple[float, float]


@dataclass(frozen=True, slots=True)
class RawResult:
    size_bytes: int
    block_size: int
    samples: int
    seed: int
    header_format: str | None
    header_kind: str | None
    shares: tuple[RawShare, ...]
    elapsed_s: float
    complete: bool
    errors: int = 0

    def share(self, cls: str) -> RawShare:
        return next((s for s in self.shares if s.cls == cls), RawShare(cls, 0.0, (0.0, 0.0)))


def raw_json(r: RawResult) -> dict[str, object]:
    """The `raw` object of inspector.scan/1."""
    return {
        "method": "sampled",
        "size_bytes": r.size_bytes,
        "block_size": r.block_size,
        "samples": r.samples,
        "seed": r.seed,
        "header_format": r.header_format,
        "header_kind": r.header_kind,
        "shares": [{"class": s.cls, "share": s.share, "ci": list(s.ci)} for s in r.shares],
        "elapsed_s": round(r.elapsed_s, 3),
        "complete": r.complete,
        "errors": r.errors,
    }


def raw_from_json(d: dict[str, Any]) -> RawResult:
    shares = tuple(
        RawShare(str(x["class"]), float(x["share"]), (float(x["ci"][0]), float(x["ci"][1])))
        for x in d.get("shares", ())
    )
    return RawResult(
        size_bytes=int(d["size_bytes"]),
        block_size=int(d.get("block_size", BLOCK)),
        samples=int(d.get("samples", 0)),
        seed=int(d.get("seed", 0)),
        header_format=d.get("header_format"),
        header_kind=d.get("header_kind"),
        shares=shares,
        elapsed_s=float(d.get("elapsed_s", 0.0)),
        complete=bool(d.get("complete", False)),
        errors=int(d.get("errors", 0)),
    )


class Window(io.RawIOBase):
    """A read-only window [start, start + size) of a device: a partition seen from its disk."""

    def __init__(self, path: str, start: int, size: int) -> None:
        super().__init__()
        self._fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        self._start, self._size, self._pos = start, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def readinto(self, buffer: Any) -> int:
        length = max(0, min(len(buffer), self._size - self._pos))
        data = os.pread(self._fd, length, self._start + self._pos) if length else b""
        buffer[: len(data)] = data
        self._pos += len(data)
        return len(data)

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


def entropy_bits(block: bytes) -> float:
    """Shannon entropy in bits per byte."""
    if not block:
        return 0.0
    n = len(block)
    return -sum(c / n * math.log2(c / n) for c in Counter(block).values())


def classify_block(block: bytes) -> str:
    if not block.strip(b"\x00"):
        return "zero"
    if entropy_bits(block) > HIGH_ENTROPY_BITS:
        return "high-entropy"
    text_bytes = sum(1 for b in block if 32 <= b < 127 or b in (9, 10, 13))
    if text_bytes / len(block) > 0.95:
        return "text"
    return "structured"


def header_of(head: bytes) -> tuple[str, str] | None:
    for offset, magic, fmt, kind in _HEADERS:
        if head[offset : offset + len(magic)] == magic:
            return fmt, kind
    return None


def raw_sample(
    source: BinaryIO,
    size_bytes: int,
    *,
    samples: int = DEFAULT_SAMPLES,
    budget_s: float = 30.0,
    seed: int | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> RawResult:
    """Sample `samples` blocks of `source` (opened read-only by the caller)."""
    started = time.monotonic()
    seed = seed if seed is not None else int.from_bytes(os.urandom(4), "little")
    rng = random.Random(seed)
    blocks = max(1, size_bytes // BLOCK)
    wanted = min(samples, blocks)
    # shuffled draw order, read in sorted batches: stopping on the budget keeps a random sample
    draws = rng.sample(range(blocks), wanted) if blocks > wanted else list(range(blocks))
    rng.shuffle(draws)
    source.seek(0)
    head = source.read(BLOCK)
    header = header_of(head)
    counts: Counter[str] = Counter()
    errors = 0
    done = 0
    complete = True
    batch = 64
    for start in range(0, len(draws), batch):
        if (cancel is not None and cancel.cancelled) or time.monotonic() - started > budget_s:
            complete = False
            break
        for index in sorted(draws[start : start + batch]):
            try:
                source.seek(index * BLOCK)
                block = source.read(BLOCK)
            except OSError:
                errors += 1
                continue
            if not block:
                errors += 1
                continue
            counts[classify_block(block)] += 1
            done += 1
        progress(Progress(stage="raw", done=done, total=wanted))
    n = sum(counts.values())
    shares = tuple(RawShare(c, counts[c] / n if n else 0.0, wilson(counts[c], n)) for c in CLASSES)
    return RawResult(
        size_bytes=size_bytes,
        block_size=BLOCK,
        samples=n,
        seed=seed,
        header_format=header[0] if header else None,
        header_kind=header[1] if header else None,
        shares=shares,
        elapsed_s=time.monotonic() - started,
        complete=complete and errors == 0,
        errors=errors,
    )
