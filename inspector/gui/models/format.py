"""Text of figures as the desk shows them (shared by models and panels)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from inspector.core.case.verdicts import AI_CATEGORIES, Estimate
from inspector.core.content.result import CONFIDENCE
from inspector.core.media.raw_result import RawResult
from inspector.core.scan.result import ScanResult
from inspector.core.units import format_share, format_size

translate = QCoreApplication.translate  # lupdate reads the translate("Context", "text") calls


def ai_share(result: ScanResult | None) -> tuple[float, float, float] | None:
    """Share of AI data (datasets + model weights) of a scan with its interval, or None when
    content was not identified."""
    content = result.content if result is not None else None
    if (
        content is None
        or content.method == "none"
        or (content.method == "sampled" and content.samples == 0)
    ):
        return None
    parts = [c for c in content.categories if c.category in AI_CATEGORIES]
    if not parts:
        # Not seen is not a firm zero: the same upper bound the verdict uses (n draws, none hit).
        upper = 0.0 if content.method == "full" else 1 - (1 - CONFIDENCE) ** (1 / content.samples)
        return (0.0, 0.0, upper)
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
            return translate("Format", "unknown (removed — partial)")
        text = format_share(share[0], (share[1], share[2]))
        return translate("Format", "{share} (removed — partial)").format(share=text)
    if share is None:
        return translate("Format", "not identified") if result is not None else "—"
    text = format_share(share[0], (share[1], share[2]))
    # A scan cut short (drive pulled, cancelled) read only part of the drive: say so.
    return (
        text
        if result is None or result.complete
        else translate("Format", "partial: {share}").format(share=text)
    )


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
    if raw.header_format:
        header = translate("Format", "{format} header").format(format=raw.header_format)
    else:
        header = translate("Format", "no known header")
    return translate(
        "Format", "raw sampling: {header}; high-entropy blocks {share} ({blocks} blocks)"
    ).format(header=header, share=format_share(he.share, he.ci), blocks=raw.samples)


def raw_notes(result: ScanResult) -> tuple[str, ...]:
    raws = [result.raw] if result.raw is not None else []
    raws += [p.raw for p in result.partitions if p.raw is not None]
    return tuple(raw_note(r) for r in raws)
