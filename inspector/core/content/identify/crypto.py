"""Encrypted containers (LUKS, BitLocker), zero-filled files, and the entropy test that tells
encrypted (or random) data from everything else."""

from __future__ import annotations

import math
import zlib
from typing import Final

from inspector.core.content.identify.model import Identification, found
from inspector.core.content.identify.probe import Probe

ENTROPY_WINDOW: Final = 64 * 1024
MIN_ENTROPY_WINDOW: Final = 4096
ENTROPY_LIMIT: Final = 7.99
_INCOMPRESSIBLE: Final = 0.99  # zlib output / input above this: no redundancy zlib can find


def sniff_luks(p: Probe) -> Identification | None:
    head = p.head
    if head.startswith(b"LUKS\xba\xbe") and len(head) >= 8 and head[6:8] in (b"\0\1", b"\0\2"):
        return found("luks", f"LUKS{head[7]}")
    return None


def sniff_bitlocker(p: Probe) -> Identification | None:
    if p.head[3:11] == b"-FVE-FS-":
        return found("bitlocker")
    return None


def sniff_zeros(p: Probe) -> Identification | None:
    """All-zero content: head, tail and a middle window all zero (a wiped or sparse file)."""
    head = p.head
    if not head or head[0] or head[-1] or head.strip(b"\0"):
        return None
    if p.whole:
        return found("zeros")
    if p.tail.strip(b"\0") or p.window(4096).strip(b"\0"):
        return None
    return found("zeros", "head, middle and tail are zero")


def byte_entropy(data: bytes) -> float:
    """Shannon entropy in bits per byte."""
    n = len(data)
    if not n:
        return 0.0
    # One pass over the bytes (compiled: a native loop, ~0.3 ms for 64 KiB); 256 passes of
    # bytes.count took ~15 ms, a sixth of the demo scan's whole process.
    counts = [0] * 256
    for value in data:
        counts[value] += 1
    total = 0.0
    for count in counts:
        if count:
            q = count / n
            total -= q * math.log2(q)
    return total


def entropy_threshold(n: int) -> float:
    """Entropy that random data of n bytes reaches: the plug-in estimator falls short of 8 by
    about 255 / (2 n ln 2) bits, so 4 KiB of random bytes measures ~7.955 and 64 KiB ~7.997.
    The limit is 7.99, lowered by that bias for short windows (minus a margin of 0.01)."""
    return min(ENTROPY_LIMIT, 8.0 - 255.0 / (2.0 * n * math.log(2.0)) - 0.01)


_BROTLI_NAMES: Final = frozenset(("br", "brotli"))


def sniff_high_entropy(p: Probe) -> Identification | None:
    """No known header, incompressible and near 8 bits/byte: encrypted (or random) data."""
    window = p.window(ENTROPY_WINDOW)
    if len(window) < MIN_ENTROPY_WINDOW:
        return None
    if len(zlib.compress(window, 1)) < _INCOMPRESSIBLE * len(window):
        return None
    if byte_entropy(window) < entropy_threshold(len(window)):
        return None
    if _raw_deflate(p.head):
        return found("deflate", "raw deflate stream (no header)")
    if p.name.rsplit(".", 1)[-1].lower() in _BROTLI_NAMES:
        # Brotli has no signature and no decoder ships with Python: its name cannot be checked,
        # and an encrypted volume renamed .br must not slip out of this category.
        return found("encrypted", "high entropy, no known header; the name says brotli")
    return found("encrypted", "high entropy, incompressible, no known header")


def _raw_deflate(head: bytes) -> bool:
    """A headerless deflate stream (zip members cut out, .deflate files): it inflates to at least
    4 KiB without error. Random bytes fail within a few bytes (invalid block types or codes)."""
    try:
        out = zlib.decompressobj(-zlib.MAX_WBITS).decompress(head[:16384], 4096)
    except zlib.error:
        return False
    return len(out) >= 4096
