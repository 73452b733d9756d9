"""Combine per-partition results into the drive's top-level survey, filesystem and content.

Surveys add up. Content shares are byte-weighted (each partition weighs by its share of the
drive's surveyed bytes); the disguised-file share is file-weighted. Interval bounds combine
with the same weights: for independent partitions that is conservative (never narrower than
the truth), which is the side an officer's threshold comparison should err on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from inspector.core.content.result import (
    CategoryShare,
    ContentMethod,
    ContentResult,
    DisguisedShare,
    FormatShare,
)
from inspector.core.media.drives.model import FilesystemInfo
from inspector.core.survey.walk import ExtensionStat, SurveyResult

MAX_DISGUISED_EXAMPLES = 10


def combine_surveys(root: str, surveys: Sequence[SurveyResult]) -> SurveyResult:
    if len(surveys) == 1:
        return dataclasses.replace(surveys[0], root=root)
    ext: dict[str, list[int]] = {}
    for s in surveys:
        for e in s.by_extension:
            slot = ext.setdefault(e.ext, [0, 0])
            slot[0] += e.files
            slot[1] += e.bytes
    by_ext = tuple(
        sorted(
            (ExtensionStat(name, n, b) for name, (n, b) in ext.items()),
            key=lambda e: (-e.bytes, -e.files, e.ext),
        )
    )
    return SurveyResult(
        root=root,
        files=sum(s.files for s in surveys),
        dirs=sum(s.dirs for s in surveys),
        symlinks=sum(s.symlinks for s in surveys),
        other=sum(s.other for s in surveys),
        bytes=sum(s.bytes for s in surveys),
        allocated_bytes=sum(s.allocated_bytes for s in surveys),
        errors=sum(s.errors for s in surveys),
        by_extension=by_ext,
        warnings=tuple(w for s in surveys for w in s.warnings),
        complete=all(s.complete for s in surveys),
        elapsed_s=sum(s.elapsed_s for s in surveys),
        estimated=_summed_estimates(surveys),
        basis="; ".join(s.basis for s in surveys if s.basis),
    )


def _summed_estimates(
    surveys: Sequence[SurveyResult],
) -> tuple[tuple[str, float, float, float], ...]:
    """Estimated figures of partitions not walked to the end, summed with the exact ones of
    those that were (an exact figure is its own interval; the sum of the bounds is wider than
    a combined interval needs to be, never narrower)."""
    if not any(s.estimated for s in surveys):
        return ()
    out = []
    for name in ("files", "bytes", "dirs"):
        value = lo = hi = 0.0
        for s in surveys:
            known = {n: (v, a, b) for n, v, a, b in s.estimated}
            exact = float(getattr(s, name))
            v, a, b = known.get(name, (exact, exact, exact))
            value, lo, hi = value + v, lo + a, hi + b
        out.append((name, value, lo, hi))
    return tuple(out)


def combine_filesystems(infos: Sequence[FilesystemInfo]) -> FilesystemInfo | None:
    if not infos:
        return None
    if len(infos) == 1:
        return infos[0]
    types = {f.type for f in infos}
    used = sum(f.used_bytes for f in infos)
    free = sum(f.free_bytes for f in infos)
    return FilesystemInfo(
        type=types.pop() if len(types) == 1 else "mixed",
        uuid=None,
        label=None,
        size_bytes=sum(f.size_bytes for f in infos),
        used_bytes=used,
        free_bytes=free,
        fill_ratio=round(used / (used + free), 6) if used + free else 0.0,
    )


def _weights(amounts: Sequence[int]) -> list[float]:
    total = sum(amounts)
    if total == 0:
        return [1.0 / len(amounts)] * len(amounts) if amounts else []
    return [a / total for a in amounts]


def _ci(pairs: Sequence[tuple[float, tuple[float, float]]]) -> tuple[float, float]:
    lo = sum(w * ci[0] for w, ci in pairs)
    hi = sum(w * ci[1] for w, ci in pairs)
    return (round(max(0.0, lo), 6), round(min(1.0, hi), 6))


def combine_content(
    parts: Sequence[tuple[ContentResult, SurveyResult]], seed: int | None = None
) -> ContentResult:
    """Byte-weighted combination of the partitions' content results (one part: itself)."""
    if not parts:
        return ContentResult(seed=seed)
    if len(parts) == 1:
        return parts[0][0]
    byte_w = _weights([s.bytes for _, s in parts])
    file_w = _weights([s.files for _, s in parts])
    categories: dict[str, list[tuple[float, CategoryShare]]] = {}
    formats: dict[tuple[str, str], list[tuple[float, FormatShare]]] = {}
    for (content, _), w in zip(parts, byte_w, strict=True):
        for c in content.categories:
            categories.setdefault(c.category, []).append((w, c))
        for f in content.formats:
            formats.setdefault((f.format, f.category), []).append((w, f))
    # A category absent from a partition has share 0 there (CI [0, 0]): it adds nothing.
    cats = tuple(
        sorted(
            (
                CategoryShare(
                    category=name,
                    bytes_share=round(sum(w * c.bytes_share for w, c in items), 6),
                    ci=_ci([(w, c.ci) for w, c in items]),
                    bytes_estimate=sum(c.bytes_estimate for _, c in items),
                    files_estimate=sum(c.files_estimate for _, c in items),
                )
                for name, items in categories.items()
            ),
            key=lambda c: (-c.bytes_share, c.category),
        )
    )
    fmts = tuple(
        sorted(
            (
                FormatShare(
                    format=fmt,
                    category=cat,
                    bytes_share=round(sum(w * f.bytes_share for w, f in items), 6),
                    ci=_ci([(w, f.ci) for w, f in items]),
                )
                for (fmt, cat), items in formats.items()
            ),
            key=lambda f: (-f.bytes_share, f.format),
        )
    )
    disguised = DisguisedShare(
        files_share=round(
            sum(w * c.disguised.files_share for (c, _), w in zip(parts, file_w, strict=True)), 6
        ),
        ci=_ci([(w, c.disguised.ci) for (c, _), w in zip(parts, file_w, strict=True)]),
        examples=tuple(ex for c, _ in parts for ex in c.disguised.examples)[
            :MAX_DISGUISED_EXAMPLES
        ],
    )
    methods = {c.method for c, _ in parts}
    method: ContentMethod = (
        "none" if methods == {"none"} else "full" if methods == {"full"} else "sampled"
    )
    return ContentResult(
        method=method,
        samples=sum(c.samples for c, _ in parts),
        sampled_bytes=sum(c.sampled_bytes for c, _ in parts),
        seed=seed if seed is not None else parts[0][0].seed,
        categories=cats,
        formats=fmts,
        disguised=disguised,
    )
