"""Text of figures as the desk shows them (shared by models and panels)."""

from __future__ import annotations

from inspector.core.case.verdicts import AI_CATEGORIES, Estimate
from inspector.core.media.raw_result import RawResult
from inspector.core.scan.result import ScanResult
from inspector.core.units import format_share, format_size


def ai_share(result: ScanResult | None) -> tuple[float, float, float] | None:
    """Share of AI data (datasets + model weights) of a scan with its interval, or None when
    content was not identified."""
    if result is None or result.content.method == "none":
        return None
    parts = [c for c in result.content.categories if c.category in AI_CATEGORIES]
    if not parts:
        return (0.0, 0.0, 0.0)
    if len(parts) == 1:
        return (parts[0].bytes_share, parts[0].ci[0], parts[0].ci[1])
    value = sum(p.bytes_share for p in parts)
    return (
        value,
        min(1.0, max(0.0, sum(p.ci[0] for p in parts))),
        min(1.0, sum(p.ci[1] for p in parts)),
    )


def ai_share_text(result: ScanResult | None) -> str:
    share = ai_share(result)
    if result is not None and result.removed:
        # the drive went away mid-scan: what was not read is unknown, not zero
        if share is None or not result.content.samples:
            return "unknown (removed — partial)"
        return f"{format_share(share[0], (share[1], share[2]))} (removed — partial)"
    if share is None:
        return "not identified" if result is not None else "—"
    return format_share(share[0], (share[1], share[2]))


def estimate_text(e: Estimate) -> str:
    if e.lo == e.hi == e.value:
        return format_size(e.value)
    return f"{format_size(e.value)} ({format_size(e.lo)}–{format_size(e.hi)})"


def fill_of(result: ScanResult | None, capacity: int) -> float | None:
    if result is None:
        return None
    if result.filesystem is not None:
        return result.filesystem.fill_ratio
    return result.survey.bytes / capacity if capacity else None


def used_of(result: ScanResult | None) -> int | None:
    if result is None:
        return None
    if result.filesystem is not None:
        return result.filesystem.used_bytes
    return result.survey.bytes


def raw_note(raw: RawResult) -> str:
    """One line on a partition known only from raw sampling (LUKS, unknown filesystem)."""
    he = raw.share("high-entropy")
    header = f"{raw.header_format} header" if raw.header_format else "no known header"
    return (
        f"raw sampling: {header}; high-entropy blocks {format_share(he.share, he.ci)} "
        f"({raw.samples} blocks)"
    )


def raw_notes(result: ScanResult) -> tuple[str, ...]:
    raws = [result.raw] if result.raw is not None else []
    raws += [p.raw for p in result.partitions if p.raw is not None]
    return tuple(raw_note(r) for r in raws)
