"""Tallies of identified files and their conversion into a `ContentResult`.

Both modes share this: `--full` weighs every file by its size (exact shares), sampling counts
draws (estimates with Wilson intervals). Disguised files and broken-format warnings are noted
once per distinct file.
"""

from __future__ import annotations

import shlex
from collections import Counter
from dataclasses import dataclass, field

from inspector.core.content.identify import Identification, is_disguised
from inspector.core.content.identify.categories import ATTACHABLE_FORMATS, DISK_IMAGE
from inspector.core.content.result import (
    CategoryShare,
    ContentMethod,
    ContentResult,
    DisguisedShare,
    FormatShare,
)
from inspector.core.content.stats import half_width, wilson
from inspector.core.survey.names import display_name

MAX_EXAMPLES = 10
MAX_LISTED_WARNINGS = 5
MAX_LISTED_DISK_IMAGES = 10


@dataclass
class _Stream:
    """Weights per category and per (format, category) for one way of drawing files."""

    categories: Counter[str] = field(default_factory=Counter)
    formats: Counter[tuple[str, str]] = field(default_factory=Counter)
    total: int = 0
    disguised: int = 0

    def add(self, ident: Identification, weight: int, disguised: bool = False) -> None:
        self.categories[ident.category] += weight
        self.formats[(ident.format, ident.category)] += weight
        self.total += weight
        if disguised:
            self.disguised += weight


@dataclass
class ContentTally:
    """What has been identified so far: a byte-weighted and a file-weighted stream."""

    by_bytes: _Stream = field(default_factory=_Stream)
    by_files: _Stream = field(default_factory=_Stream)
    examples: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    disk_images: list[str] = field(default_factory=list)
    broken: int = 0
    errors: int = 0
    files_identified: int = 0

    def note_file(self, path: str, ident: Identification, disguised: bool) -> None:
        """Once per distinct file identified."""
        self.files_identified += 1
        if disguised and len(self.examples) < MAX_EXAMPLES:
            self.examples.append(display_name(path))
        if ident.warning:
            self.broken += 1
            if len(self.warnings) < MAX_LISTED_WARNINGS:
                self.warnings.append(f"{display_name(path)}: {ident.note}")
        if ident.category == DISK_IMAGE and len(self.disk_images) < MAX_LISTED_DISK_IMAGES:
            self.disk_images.append(disk_image_note(path, ident))

    def scan_warnings(self) -> list[str]:
        out = list(self.warnings) + self.disk_images
        if self.broken > len(self.warnings):
            out.append(
                f"{self.broken - len(self.warnings)} more files with broken or hostile "
                "headers counted as unknown"
            )
        if self.errors:
            out.append(
                f"{self.errors} draws hit files that could not be read (counted as errors, "
                "not as a class)"
            )
        return out


def disk_image_note(path: str, ident: Identification) -> str:
    """What an officer should know of a disk image found among the files: a drive inside a
    drive, whose own files this scan did not look into."""
    name = display_name(path)
    kind = f"{ident.format} ({ident.note})" if ident.note else ident.format
    if ident.format in ATTACHABLE_FORMATS or (ident.format == "vhd" and ident.note == "fixed"):
        return (
            f"{name}: disk image holding {kind}; its files were not looked into: scan it as "
            f"a drive with `inspector scan {shlex.quote(name)}`"
        )
    return (
        f"{name}: {kind} virtual disk; its files were not looked into: convert a copy to a raw "
        "image (`qemu-img convert -O raw`) and scan that as a drive"
    )


def disguised(ext: str, ident: Identification) -> bool:
    return is_disguised(ext, ident.format, ident.category, compressed=bool(ident.inside))


def widest_half_width(tally: ContentTally) -> float:
    """The widest 95 % half-interval among observed categories of the streams with draws
    (1.0 before anything is counted)."""
    widest = 0.0
    streams = [s for s in (tally.by_bytes, tally.by_files) if s.total]
    if not streams:
        return 1.0
    for stream in streams:
        for k in stream.categories.values():
            widest = max(widest, half_width(k, stream.total))
    return widest


def build_result(
    tally: ContentTally,
    method: ContentMethod,
    *,
    total_bytes: int,
    total_files: int,
    seed: int | None,
    sampled_bytes: int,
    stopped: str,
) -> ContentResult:
    """Shares of bytes per category and format, file estimates, disguised share.

    Sampled: each stream's weights are draw counts, intervals are Wilson. Full: weights are
    exact bytes and file counts, and intervals collapse to the value."""
    exact = method == "full"
    b, f = tally.by_bytes, tally.by_files

    def share(k: int, n: int) -> tuple[float, tuple[float, float]]:
        if n <= 0:
            return 0.0, (0.0, 0.0) if exact else (0.0, 1.0)
        value = k / n
        if exact:
            return round(value, 6), (round(value, 6), round(value, 6))
        lo, hi = wilson(k, n)
        return round(value, 6), (round(lo, 6), round(hi, 6))

    categories = []
    for name in set(b.categories) | set(f.categories):
        value, ci = share(b.categories[name], b.total)
        bytes_estimate = b.categories[name] if exact else round(value * total_bytes)
        files_estimate = (
            (f.categories[name] if exact else round(f.categories[name] / f.total * total_files))
            if f.total
            else 0
        )
        categories.append(CategoryShare(name, value, ci, bytes_estimate, files_estimate))
    categories.sort(key=lambda c: (-c.bytes_share, -c.files_estimate, c.category))
    formats = []
    for (fmt, category), k in b.formats.items():
        value, ci = share(k, b.total)
        formats.append(FormatShare(fmt, category, value, ci))
    formats.sort(key=lambda x: (-x.bytes_share, x.format))
    d_value, d_ci = share(f.disguised, f.total)
    return ContentResult(
        method=method,
        samples=b.total if not exact else tally.files_identified,
        sampled_bytes=sampled_bytes,
        seed=seed,
        categories=tuple(categories),
        formats=tuple(formats),
        disguised=DisguisedShare(d_value, d_ci, tuple(tally.examples)),
        file_samples=f.total,
        files_identified=tally.files_identified,
        errors=tally.errors,
        precision=0.0 if exact else round(widest_half_width(tally), 6),
        stopped=stopped,
    )
