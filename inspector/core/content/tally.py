"""Tallies of identified files and their conversion into a `ContentResult`.

Both modes share this: `--full` weighs every file by its size (exact shares), sampling counts
draws (estimates with Wilson intervals). Disguised files and broken-format warnings are noted
once per distinct file.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Callable, Iterable
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
from inspector.core.content.stats import Share, stratified_share, wilson
from inspector.core.survey.names import display_name
from inspector.core.survey.walk import OTHER_EXT, ExtensionStat

MAX_EXAMPLES = 10
MAX_LISTED_WARNINGS = 5
MAX_LISTED_DISK_IMAGES = 10


@dataclass
class _Stream:
    """Weights per category and per (format, category) for one way of drawing files; when
    stratified (`weights`: each extension's exact part of the stream's bytes or files), the
    same per extension, and shares are post-stratified (stats.stratified_share)."""

    categories: Counter[str] = field(default_factory=Counter)
    formats: Counter[tuple[str, str]] = field(default_factory=Counter)
    total: int = 0
    disguised: int = 0
    weights: dict[str, float] = field(default_factory=dict)
    by_stratum: dict[str, _Stream] = field(default_factory=dict)

    def add(
        self, ident: Identification, weight: int, disguised: bool = False, stratum: str = ""
    ) -> None:
        self.categories[ident.category] += weight
        self.formats[(ident.format, ident.category)] += weight
        self.total += weight
        if disguised:
            self.disguised += weight
        if self.weights:
            if stratum not in self.weights:  # pooled by the walk past MAX_EXTENSIONS
                stratum = OTHER_EXT
            if stratum not in self.weights:  # not from this survey: strata cannot hold
                self.weights, self.by_stratum = {}, {}
                return
            part = self.by_stratum.get(stratum)
            if part is None:
                part = self.by_stratum[stratum] = _Stream()
            part.add(ident, weight, disguised)

    def share(self, count: Callable[[_Stream], int]) -> Share:
        """The share of the stream's draws that `count` counts, with its 95 % interval."""
        if not self.weights:
            k = count(self)
            lo, hi = wilson(k, self.total)
            return Share(k / self.total if self.total else 0.0, lo, hi)
        empty = _Stream()
        parts = ((self.by_stratum.get(h, empty), w) for h, w in self.weights.items())
        return stratified_share((w, count(part), part.total) for part, w in parts)


def stratum_weights(parts: Iterable[tuple[str, int]]) -> dict[str, float]:
    """Each extension's part of the whole (bytes or files), those with none left out."""
    pairs = [(ext, n) for ext, n in parts if n > 0]
    total = sum(n for _, n in pairs)
    return {ext: n / total for ext, n in pairs} if total else {}


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

    def stratify(self, by_extension: Iterable[ExtensionStat]) -> None:
        """Post-stratify the draws by extension, whose exact bytes and files the survey
        counted: a drive of parquet, tar and safetensors shards is then known to ±1 % from a
        few hundred draws, where unstratified shares of 85/15 % need ~5,000."""
        stats = list(by_extension)
        self.by_bytes.weights = stratum_weights((e.ext, e.bytes) for e in stats)
        self.by_files.weights = stratum_weights((e.ext, e.files) for e in stats)

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
        for category in stream.categories:
            share = stream.share(count_of(category))
            widest = max(widest, (share.hi - share.lo) / 2)
    return widest


def count_of(name: str) -> Callable[[_Stream], int]:
    """Counts category `name` in a stream (or a stratum of one)."""
    return lambda s: s.categories[name]


def _format(key: tuple[str, str]) -> Callable[[_Stream], int]:
    return lambda s: s.formats[key]


def _disguised(s: _Stream) -> int:
    return s.disguised


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

    def share(
        stream: _Stream, count: Callable[[_Stream], int]
    ) -> tuple[float, tuple[float, float]]:
        if stream.total <= 0:
            return 0.0, (0.0, 0.0) if exact else (0.0, 1.0)
        if exact:
            value = round(count(stream) / stream.total, 6)
            return value, (value, value)
        value, lo, hi = stream.share(count)
        return round(value, 6), (round(lo, 6), round(hi, 6))

    categories = []
    for name in set(b.categories) | set(f.categories):
        value, ci = share(b, count_of(name))
        bytes_estimate = b.categories[name] if exact else round(value * total_bytes)
        files_estimate = 0
        if f.total:
            files_share = f.categories[name] / f.total if exact else f.share(count_of(name))[0]
            files_estimate = f.categories[name] if exact else round(files_share * total_files)
        categories.append(CategoryShare(name, value, ci, bytes_estimate, files_estimate))
    categories.sort(key=lambda c: (-c.bytes_share, -c.files_estimate, c.category))
    formats = []
    for fmt, category in b.formats:
        value, ci = share(b, _format((fmt, category)))
        formats.append(FormatShare(fmt, category, value, ci))
    formats.sort(key=lambda x: (-x.bytes_share, x.format))
    d_value, d_ci = share(f, _disguised)
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
