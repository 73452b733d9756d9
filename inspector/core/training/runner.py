"""Run a scenario headless through the real pipeline: plug, scan, assign, total, judge, grade.

The pieces are public for the GUI, which plays the same steps at the trainee's pace:
`scan_simulated(backend, drive, options)` when a drive is plugged, `assess(scenario, scans)`
for totals and verdicts, `grade(...)` for the trainee's answers. `run_scenario` strings them
together for `inspector train` and the tests. Every figure comes from the survey, the sampler
and the raw sampler run on the simulated drive; the scenario's own numbers appear only as the
`truth` the estimates are checked against.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from inspector.core.case.policy import Policy, load_policy
from inspector.core.case.verdicts import (
    AI_CATEGORIES,
    DriveFigures,
    Estimate,
    Totals,
    Verdict,
    drive_figures,
    evaluate,
    group_totals,
    totals,
)
from inspector.core.media.drives.model import Drive, DriveEventKind
from inspector.core.media.raw_result import RawResult
from inspector.core.progress import CancelToken, Progress, ProgressFn, no_progress
from inspector.core.scan.drive import scan_drive
from inspector.core.scan.result import ScanResult
from inspector.core.scan.tree import ScanOptions
from inspector.core.training.backend import SimulatedBackend
from inspector.core.training.formats import mix
from inspector.core.training.grading import Grade, grade
from inspector.core.training.scenario import GroupSpec, Scenario, TravelerSpec, VerdictKind

# Budgets run on the simulated drive's clock (drivetime.py): 30 s of drive time per drive.
TRAINING_BUDGET_S = 30.0  # of drive time per drive (walk included), as the desk's default


@dataclass(frozen=True, slots=True)
class Truth:
    """What the scenario really put on the drive (for grading the estimates, never a figure)."""

    categories: tuple[tuple[str, float], ...]  # category -> share of file bytes
    ai_share: float


@dataclass(frozen=True, slots=True)
class DriveScan:
    """One drive of a scenario as the pipeline saw it."""

    drive: Drive
    drive_id: str
    traveler: str
    scan: ScanResult | None  # the mounted filesystem; None when nothing could be mounted
    raw: RawResult | None  # raw sampling of a partition that cannot be mounted (LUKS)
    figures: DriveFigures
    truth: Truth
    plugs: int = 1  # times this drive (same identity) was plugged in; scanned once
    result: ScanResult | None = None  # the whole scan as a case records it (raw parts too)
    plugged_at: float = 0.0  # scenario time of its first plug
    # Drive time its scan took (the budget's clock: walk, listings, reads). One reader per
    # spindle and every drive of a case in parallel: each drive keeps its own clock.
    drive_time_s: float = 0.0

    @property
    def decided_at(self) -> float:
        return self.plugged_at + self.drive_time_s

    @property
    def ai_share(self) -> Estimate | None:
        """The pipeline's AI-data share of the drive's bytes, or None when not identified."""
        f = self.figures
        if not f.content_bytes or self.scan is None or self.scan.content.method == "none":
            return None
        return f.ai_bytes.share_of(f.content_bytes)

    @property
    def truth_in_interval(self) -> bool | None:
        share = self.ai_share
        if share is None:
            return None
        return share.lo - 1e-9 <= self.truth.ai_share <= share.hi + 1e-9


@dataclass(frozen=True, slots=True)
class TravelerResult:
    spec: TravelerSpec
    drives: tuple[DriveScan, ...]
    totals: Totals
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class GroupResult:
    spec: GroupSpec
    travelers: tuple[str, ...]
    totals: Totals
    verdict: Verdict


def _gradeable(v: Verdict) -> VerdictKind:
    """The training contract grades clear|refer: a scenario is judged after every drive is
    scanned (`evaluate`, never settled as pending), so anything else is a bug here."""
    if v.verdict == "pending":
        raise ValueError("a finished training scenario cannot be pending")
    return v.verdict


@dataclass(frozen=True, slots=True)
class Assessment:
    travelers: tuple[TravelerResult, ...]
    groups: tuple[GroupResult, ...]

    @staticmethod
    def decided_in(drives: Sequence[DriveScan]) -> float:
        """From the first plug to the last drive's figures, drives scanned in parallel."""
        if not drives:
            return 0.0
        return max(d.decided_at for d in drives) - min(d.plugged_at for d in drives)

    def verdicts(self) -> dict[str, VerdictKind]:
        out = {t.spec.name: _gradeable(t.verdict) for t in self.travelers}
        out.update({g.spec.name: _gradeable(g.verdict) for g in self.groups})
        return out

    def reasons(self) -> dict[str, tuple[str, ...]]:
        out = {t.spec.name: t.verdict.reasons for t in self.travelers}
        out.update({g.spec.name: g.verdict.reasons for g in self.groups})
        return out


@dataclass(frozen=True, slots=True)
class TrainingRun:
    scenario: Scenario
    seed: int
    budget_s: float
    policy: Policy
    scans: tuple[DriveScan, ...]
    assessment: Assessment
    grade: Grade
    complete: bool
    elapsed_s: float


def drive_seed(seed: int, drive_id: str) -> int:
    """The sampler's seed for one drive: fixed by the run's seed and the drive."""
    return mix(seed, *drive_id.encode(), 0x5EED) & 0x7FFFFFFF


def scan_simulated(
    backend: SimulatedBackend,
    drive: Drive,
    options: ScanOptions,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> DriveScan:
    """Scan a plugged simulated drive with the desk's own pipeline (`scan_drive`): survey and
    content sampling of its filesystem, or raw sampling of a partition that cannot be mounted."""
    spec = backend.spec_of(drive)
    seed = options.seed if options.seed is not None else drive_seed(backend.seed, spec.id)
    result = scan_drive(
        backend,
        drive,
        replace(options, seed=seed),
        progress=progress,
        cancel=cancel,
        target=f"{drive.path} ({spec.id})",
    )
    figures = drive_figures(result, drive.capacity_bytes, f"bay {drive.bay}" if drive.bay else None)
    raw = result.raw or next((p.raw for p in result.partitions if p.raw is not None), None)
    if result.filesystem is not None:
        plan = backend.plan_of(drive)
        total = plan.file_bytes or 1
        cats = tuple(sorted((c, b / total) for c, b in plan.category_bytes().items()))
        truth = Truth(cats, sum(s for c, s in cats if c in AI_CATEGORIES))
        return DriveScan(drive, spec.id, spec.traveler, result, raw, figures, truth, result=result)
    truth = Truth((("encrypted", 1.0),), 0.0)
    return DriveScan(drive, spec.id, spec.traveler, None, raw, figures, truth, result=result)


def assess(scenario: Scenario, scans: Sequence[DriveScan], policy: Policy) -> Assessment:
    """Totals and verdicts per traveler and per group from the drives scanned so far."""
    travelers = []
    for t in scenario.travelers:
        mine = tuple(s for s in scans if s.traveler == t.name)
        tot = totals([s.figures for s in mine], t.declared_bytes, t.licence)
        travelers.append(TravelerResult(t, mine, tot, evaluate(tot, policy, "traveler")))
    groups = []
    for g in scenario.groups:
        members = [r for r in travelers if r.spec.group == g.name]
        tot = group_totals([r.totals for r in members])
        names = tuple(r.spec.name for r in members)
        groups.append(GroupResult(g, names, tot, evaluate(tot, policy, "group")))
    return Assessment(tuple(travelers), tuple(groups))


def run_scenario(
    scenario: Scenario,
    *,
    seed: int | None = None,
    budget_s: float = TRAINING_BUDGET_S,
    policy: Policy | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> TrainingRun:
    """Play the whole timeline on a manual clock; scan each drive the first time it appears
    (a re-plugged drive, same identity, is counted once); assess and grade the pipeline."""
    started = time.monotonic()
    policy = policy or load_policy()
    run_seed = scenario.seed if seed is None else seed
    backend = SimulatedBackend(scenario, seed=run_seed)
    scans: dict[str, DriveScan] = {}  # identity -> scan
    complete = True
    total = len(scenario.drives)
    while not backend.finished:
        for event in backend.step():
            if event.kind is not DriveEventKind.ADDED:
                continue
            known = scans.get(event.drive.identity)
            if known is not None:
                scans[event.drive.identity] = replace(known, plugs=known.plugs + 1)
                continue
            if cancel is not None and cancel.cancelled:
                complete = False
                break
            progress(Progress("training", len(scans), total, detail=event.drive.serial or ""))
            options = ScanOptions(budget_s=budget_s, seed=None)
            result = scan_simulated(backend, event.drive, options, cancel=cancel)
            spent = result.scan.content.spent_s if result.scan is not None else 0.0
            result = replace(result, plugged_at=backend.clock.now(), drive_time_s=spent)
            if result.scan is not None and not result.scan.complete:
                complete = False
            scans[event.drive.identity] = result
    progress(Progress("training", len(scans), total))
    ordered = tuple(scans.values())
    assessment = assess(scenario, ordered, policy)
    graded = grade(scenario, assessment.verdicts(), assessment.reasons())
    return TrainingRun(
        scenario=scenario,
        seed=run_seed,
        budget_s=budget_s,
        policy=policy,
        scans=ordered,
        assessment=assessment,
        grade=graded,
        complete=complete and len(ordered) == total,
        elapsed_s=time.monotonic() - started,
    )
