"""Verdicts: totals of a traveler or a group checked against the policy, with plain reasons.

Pure functions of dataclasses: the desk, the case store and training all call `evaluate`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from inspector.core.case.policy import Compare, Policy, Thresholds
from inspector.core.content.result import CategoryShare
from inspector.core.media.raw_result import RawResult
from inspector.core.scan.outside import OutsideCheck
from inspector.core.scan.result import ScanResult
from inspector.core.units import format_share, format_size

AI_CATEGORIES = frozenset({"ai-dataset", "ai-model"})
HEADER_NAMES = {"luks": "LUKS", "bitlocker": "BitLocker"}  # raw.py's header names, as written
ENCRYPTED = "encrypted"
VerdictKind = Literal["clear", "refer", "pending"]
# The interval rule, said once where reasons are listed (panel footer, report), not per bullet.
BASIS_WORDS = {
    "upper": "figures from sampling are compared at the upper end of their 95 % interval",
    "estimate": "figures from sampling are compared at their estimate",
}


@dataclass(frozen=True, slots=True)
class Estimate:
    """A figure with its 95 % interval (lo <= value <= hi)."""

    value: float
    lo: float
    hi: float

    @classmethod
    def exact(cls, value: float) -> Estimate:
        return cls(value, value, value)

    def pick(self, compare: Compare) -> float:
        return self.hi if compare == "upper" else self.value

    def share_of(self, total: float) -> Estimate:
        """This figure as a share of `total` (a positive amount), interval and all."""
        return Estimate(self.value / total, self.lo / total, self.hi / total)


@dataclass(frozen=True, slots=True)
class DriveFigures:
    """What a verdict needs from one drive's scan."""

    capacity_bytes: int
    used_bytes: int
    content_bytes: int  # survey bytes the shares refer to
    ai_bytes: Estimate
    encrypted_bytes: Estimate
    files: int
    disguised_files: Estimate
    # Facts found on the drive that decide more than any share does, worded as findings:
    # "LUKS2 encrypted partition on bay A03 (2.00 TB)". Listed first among the reasons.
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Totals:
    drives: int
    capacity_bytes: int
    used_bytes: int
    content_bytes: int
    ai_bytes: Estimate
    encrypted_bytes: Estimate
    files: int
    disguised_files: Estimate
    declared_bytes: int | None = None
    licence: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    figure: float
    threshold: float
    basis: Compare
    message: str
    firm: bool = True  # the estimate itself is over; False: only the interval's upper end is


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: VerdictKind
    reasons: tuple[str, ...]
    findings: tuple[Finding, ...] = ()


def drive_figures(
    scan: ScanResult, capacity_bytes: int | None = None, where: str | None = None
) -> DriveFigures:
    """Figures of one scan: its mounted filesystems, plus partitions known only from raw
    sampling (LUKS, unknown). Without content identification, AI and encrypted bytes are
    unknown: 0 to everything, so an upper-bound policy refers rather than clears blindly.
    `where` (a bay, a device) names the drive in the evidence it yields."""
    mounted = _mounted_figures(scan, capacity_bytes)
    raws = [(p.number, p.raw) for p in scan.partitions if p.raw is not None]
    if not raws and scan.raw is not None and scan.filesystem is None:
        raws = [(0, scan.raw)]
    parts = [raw_figures(r) for _, r in raws]
    parts += [outside_figures(c) for c in scan.outside if c.exceeds]
    if not parts:
        return mounted
    evidence = tuple(
        f"{r.header_note or HEADER_NAMES.get(r.header_format or '', r.header_format or 'an')} "
        "encrypted "
        f"{f'partition {n}' if n else 'device'}{f' on {where}' if where else ''} "
        f"({format_size(r.size_bytes)}): its content cannot be read"
        for n, r in raws
        if r.header_kind == "encrypted"
    )
    return DriveFigures(
        capacity_bytes=mounted.capacity_bytes,
        used_bytes=mounted.used_bytes + sum(p.used_bytes for p in parts),
        content_bytes=mounted.content_bytes + sum(p.content_bytes for p in parts),
        ai_bytes=sum_estimates([mounted.ai_bytes, *(p.ai_bytes for p in parts)]),
        encrypted_bytes=sum_estimates(
            [mounted.encrypted_bytes, *(p.encrypted_bytes for p in parts)]
        ),
        files=mounted.files,
        disguised_files=mounted.disguised_files,
        evidence=evidence,
    )


def raw_figures(raw: RawResult) -> DriveFigures:
    """Figures of a partition known only from raw sampling. Written (non-zero) blocks are in
    use. Behind a LUKS/BitLocker header the high-entropy blocks are encrypted; without one they
    may be encrypted or compressed, so encrypted bytes run from 0 to their upper bound. What
    lies inside is unknown: AI bytes from 0 to everything written."""
    size = raw.size_bytes
    zero = raw.share("zero")
    written_hi = (1 - zero.ci[0]) * size
    he = raw.share("high-entropy")
    if raw.header_kind == "encrypted":
        encrypted = Estimate(he.share * size, he.ci[0] * size, he.ci[1] * size)
    else:
        encrypted = Estimate(0.0, 0.0, he.ci[1] * size)
    return DriveFigures(
        capacity_bytes=size,
        used_bytes=round(size * (1 - zero.share)),
        content_bytes=size,
        ai_bytes=Estimate(0.0, 0.0, written_hi),
        encrypted_bytes=encrypted,
        files=0,
        disguised_files=Estimate.exact(0),
    )


def outside_figures(check: OutsideCheck) -> DriveFigures:
    """Written blocks a filesystem does not account for (deleted files, an unreplayed
    journal, a hidden volume): in use, and of unknown content, so AI and encrypted bytes run
    from 0 to all of them."""
    excess = float(check.excess_bytes)
    return DriveFigures(
        capacity_bytes=0,
        used_bytes=check.excess_bytes,
        content_bytes=check.excess_bytes,
        ai_bytes=Estimate(0.0, 0.0, excess),
        encrypted_bytes=Estimate(0.0, 0.0, excess),
        files=0,
        disguised_files=Estimate.exact(0),
    )


def _mounted_figures(scan: ScanResult, capacity_bytes: int | None) -> DriveFigures:
    survey_bytes = scan.survey.bytes
    folder = scan.device is None  # a directory: the filesystem around it is the desk's own
    used = (
        scan.filesystem.used_bytes if scan.filesystem is not None and not folder else survey_bytes
    )
    capacity = capacity_bytes
    if capacity is None:
        if scan.device is not None and scan.device.capacity_bytes:
            capacity = scan.device.capacity_bytes
        elif scan.filesystem is not None and not folder:
            capacity = scan.filesystem.size_bytes
        else:
            capacity = survey_bytes  # a folder carries what is in it, not its host's disk
    content = scan.content
    if content.method == "none":
        unknown = Estimate(0.0, 0.0, float(survey_bytes))
        return DriveFigures(
            capacity, used, survey_bytes, unknown, unknown, scan.survey.files,
            Estimate(0.0, 0.0, float(scan.survey.files)),
        )  # fmt: skip

    def share_of(categories: frozenset[str]) -> Estimate:
        wanted = [c for c in content.categories if c.category in categories]
        if not wanted:  # not seen in the sample: 0, but the interval's upper end is not 0
            n = max(content.samples, 1)
            upper = 0.0 if content.method == "full" else 1 - (1 - 0.95) ** (1 / n)
            return Estimate(0.0, 0.0, upper * survey_bytes)
        value, lo, hi = _share_sum(wanted)
        # a tree estimated without a full walk: its bytes have an interval of their own
        bytes_lo, bytes_hi = next(
            ((b_lo, b_hi) for name, _, b_lo, b_hi in scan.survey.estimated if name == "bytes"),
            (survey_bytes, survey_bytes),
        )
        return Estimate(value * survey_bytes, lo * bytes_lo, hi * bytes_hi)

    d = content.disguised
    files = scan.survey.files
    return DriveFigures(
        capacity_bytes=capacity,
        used_bytes=used,
        content_bytes=survey_bytes,
        ai_bytes=share_of(AI_CATEGORIES),
        encrypted_bytes=share_of(frozenset({ENCRYPTED})),
        files=files,
        disguised_files=Estimate(d.files_share * files, d.ci[0] * files, d.ci[1] * files),
    )


def _share_sum(parts: Sequence[CategoryShare]) -> tuple[float, float, float]:
    """Share of several categories together, with an interval: half-widths add in quadrature
    (an approximation; shares of disjoint categories are negatively correlated)."""
    value = sum(p.bytes_share for p in parts)
    if len(parts) == 1:
        return value, parts[0].ci[0], parts[0].ci[1]
    lo = math.sqrt(sum((p.bytes_share - p.ci[0]) ** 2 for p in parts))
    hi = math.sqrt(sum((p.ci[1] - p.bytes_share) ** 2 for p in parts))
    return value, max(0.0, value - lo), min(1.0, value + hi)


def sum_estimates(parts: Iterable[Estimate]) -> Estimate:
    """Sum of independent estimates: values add, interval half-widths add in quadrature."""
    items = list(parts)
    value = sum(e.value for e in items)
    lo = math.sqrt(sum((e.value - e.lo) ** 2 for e in items))
    hi = math.sqrt(sum((e.hi - e.value) ** 2 for e in items))
    return Estimate(value, max(0.0, value - lo), value + hi)


def totals(
    drives: Sequence[DriveFigures], declared_bytes: int | None = None, licence: str | None = None
) -> Totals:
    return Totals(
        drives=len(drives),
        capacity_bytes=sum(d.capacity_bytes for d in drives),
        used_bytes=sum(d.used_bytes for d in drives),
        content_bytes=sum(d.content_bytes for d in drives),
        ai_bytes=sum_estimates(d.ai_bytes for d in drives),
        encrypted_bytes=sum_estimates(d.encrypted_bytes for d in drives),
        files=sum(d.files for d in drives),
        disguised_files=sum_estimates(d.disguised_files for d in drives),
        declared_bytes=declared_bytes,
        licence=licence,
        evidence=tuple(e for d in drives for e in d.evidence),
    )


def group_totals(members: Sequence[Totals]) -> Totals:
    """A group's totals: its travelers' totals added, declarations added where all declared."""
    declared = [m.declared_bytes for m in members]
    return Totals(
        drives=sum(m.drives for m in members),
        capacity_bytes=sum(m.capacity_bytes for m in members),
        used_bytes=sum(m.used_bytes for m in members),
        content_bytes=sum(m.content_bytes for m in members),
        ai_bytes=sum_estimates(m.ai_bytes for m in members),
        encrypted_bytes=sum_estimates(m.encrypted_bytes for m in members),
        files=sum(m.files for m in members),
        disguised_files=sum_estimates(m.disguised_files for m in members),
        declared_bytes=None if any(d is None for d in declared) else sum(d or 0 for d in declared),
        licence="; ".join(sorted({m.licence for m in members if m.licence})) or None,
        evidence=tuple(e for m in members for e in m.evidence),
    )


def _range(e: Estimate) -> str:
    return f"{format_size(e.value)} ({format_size(e.lo)}–{format_size(e.hi)})"


def _pct_over(value: float, threshold: float) -> str:
    """A share shown with enough digits that it visibly exceeds `threshold` (1.04 % of files
    over a 1 % threshold must not read "1 %")."""
    for digits in (0, 1, 2, 3):
        text = f"{value * 100:.{digits}f}"
        if float(text) > threshold * 100:
            return f"{text} %"
    return f"{value * 100:.4f} %"


def evaluate(t: Totals, policy: Policy, scope: Literal["traveler", "group"]) -> Verdict:
    """Check totals against the policy's thresholds for `scope`; refer on any finding.

    Reasons are findings, one line each, evidence first (an encrypted partition), then what the
    estimate itself shows, then what the interval cannot rule out (the interval rule is stated
    once by whoever lists the reasons: BASIS_WORDS)."""
    th: Thresholds = policy.thresholds(scope)
    basis = policy.compare
    who = "this traveler" if scope == "traveler" else "the group"
    found: list[Finding] = []

    if t.capacity_bytes > th.total_capacity:
        found.append(Finding(
            "total_capacity", t.capacity_bytes, th.total_capacity, "estimate",
            f"{t.drives} drive(s) with {format_size(t.capacity_bytes)} of capacity, "
            f"over the {format_size(th.total_capacity)} threshold",
        ))  # fmt: skip
    declared = t.declared_bytes or 0
    undeclared = t.used_bytes - declared
    if undeclared > th.undeclared_volume:
        said = f"declared {format_size(declared)}" if t.declared_bytes else "declared nothing"
        found.append(Finding(
            "undeclared_volume", undeclared, th.undeclared_volume, "estimate",
            f"{format_size(undeclared)} of data undeclared ({format_size(t.used_bytes)} found, "
            f"{said}), over the {format_size(th.undeclared_volume)} tolerated",
        ))  # fmt: skip
    ai = t.ai_bytes.pick(basis)
    if ai > th.ai_data_licence:
        licence = f"; declared licence {t.licence!r} must be checked" if t.licence else ""
        limit = format_size(th.ai_data_licence)
        firm = t.ai_bytes.value > th.ai_data_licence
        text = (
            f"AI datasets and model weights: {_range(t.ai_bytes)}, over the {limit} that "
            f"needs a licence check{licence}"
            if firm
            else f"AI data over {limit} cannot be ruled out: up to {format_size(t.ai_bytes.hi)} "
            f"(estimate {format_size(t.ai_bytes.value)}){licence}"
        )
        found.append(Finding("ai_data_licence", ai, th.ai_data_licence, basis, text, firm))
    if t.content_bytes > 0:
        enc = t.encrypted_bytes.share_of(t.content_bytes)
        found += _share_finding(
            "encrypted_share", enc, th.encrypted_share, basis, "encrypted data", "the data"
        )
    if t.files > 0:
        share = t.disguised_files.share_of(t.files)
        found += _share_finding(
            "disguised_files", share, th.disguised_files, basis, "disguised files", "files",
            "disguised files (content contradicts the name)",
        )  # fmt: skip
    evidence = tuple(dict.fromkeys(t.evidence))
    if not found:
        within = f"all figures of {who} are within the policy thresholds"
        return Verdict("clear", (*evidence, within))
    found.sort(key=lambda f: not f.firm)  # stable: what is shown before what may be
    return Verdict("refer", (*evidence, *(f.message for f in found)), tuple(found))


def _share_finding(
    rule: str,
    share: Estimate,
    threshold: float,
    basis: Compare,
    what: str,
    of: str,
    described: str | None = None,
) -> list[Finding]:
    """A share over its threshold, worded by what is known: the estimate itself over it
    ("firm"), or only the interval's upper end (it "cannot be ruled out")."""
    if share.pick(basis) <= threshold:
        return []
    limit = format_share(threshold)
    firm = share.value > threshold
    text = (
        f"{described or what}: {format_share(share.value, (share.lo, share.hi))} of {of}, "
        f"over the {limit} threshold"
        if firm
        else f"{what} over {limit} cannot be ruled out: up to {_pct_over(share.hi, threshold)} "
        f"of {of} (estimate {format_share(share.value)})"
    )
    return [Finding(rule, share.pick(basis), threshold, basis, text, firm)]


def settle(verdict: Verdict, pending: Sequence[str]) -> Verdict:
    """PENDING while anything is still unknown (no drive yet, drives scanning, drives nobody
    carries): never CLEAR; what is already found stays listed, marked as so far."""
    if not pending:
        return verdict
    so_far = [f"so far: {r}" for r in verdict.reasons] if verdict.verdict == "refer" else []
    return Verdict("pending", (*pending, *so_far), verdict.findings)
