"""Byte sizes as officers read them: SI units as on drive labels (TB = 10^12 bytes).

Binary units (KiB, MiB, GiB, TiB, PiB) are accepted in input and shown only when asked for.
"""

from __future__ import annotations

import math
import re

from inspector.core.errors import UsageError

_SI = {
    "": 1,
    "B": 1,
    "KB": 10**3,
    "MB": 10**6,
    "GB": 10**9,
    "TB": 10**12,
    "PB": 10**15,
    "EB": 10**18,
}
_BIN = {"KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40, "PIB": 2**50, "EIB": 2**60}
_SIZE_RE = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*([A-Za-z]*)\s*$")
MAX_BYTES = 10**21  # a zettabyte: anything above is not a plausible carried volume


def parse_size(text: str) -> int:
    """Parse "2 TB", "1.2 PB", "500 GiB", "0" into bytes; raise UsageError with a hint."""
    m = _SIZE_RE.match(text)
    if not m:
        raise UsageError(f"{text!r} is not a size; use a size such as 2 TB, 1.2 PB or 500 GiB")
    number = float(m.group(1).replace(",", "."))
    unit = m.group(2).upper()
    if unit in ("T", "G", "M", "K", "P"):
        unit += "B"
    factor = _SI.get(unit) or _BIN.get(unit)
    if factor is None:
        raise UsageError(f"unknown unit {m.group(2)!r} in {text!r}; use B, GB, TB, PB or GiB, TiB")
    value = number * factor
    if not math.isfinite(value) or value > MAX_BYTES:
        raise UsageError(f"{text!r} is larger than any plausible volume")
    return round(value)


def format_size(n: int | float, binary: bool = False) -> str:
    """Format bytes with three significant figures: 80.0 TB, 1.20 PB, 512 B."""
    step, units = (
        (1024, ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"])
        if binary
        else (1000, ["B", "kB", "MB", "GB", "TB", "PB", "EB"])
    )
    value = float(n)
    for unit in units:
        if abs(value) < step or unit == units[-1]:
            if unit == "B":
                return f"{int(value)} B"
            digits = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
            return f"{value:.{digits}f} {unit}"
        value /= step
    raise AssertionError("unreachable")


def format_share(share: float, ci: tuple[float, float] | None = None) -> str:
    """61 % (58–64 %) — a share with its interval, as officers read it.

    Shares under 1 % keep one decimal (0.3 %), so small but present classes do not read 0;
    shares above 99 % likewise (99.8 %), so "nearly all" does not read "all"."""
    pct = f"{_percent(share)} %"
    if ci is None:
        return pct
    return f"{pct} ({_percent(ci[0])}–{_percent(ci[1])} %)"


def _percent(value: float) -> str:
    pct = value * 100
    if 99 < pct < 100:
        return f"{pct:.1f}" if pct <= 99.95 else ">99.9"
    if pct == 0 or pct >= 0.95:
        return f"{pct:.0f}"
    return f"{pct:.1f}" if pct >= 0.05 else "<0.1"
