"""Cases as the desk sees them: frozen values read from the store, and their verdicts.

`summarize(case, travelers, drives)` turns a case's records into per-traveler and per-group
totals and verdicts, through `verdicts.evaluate` and the policy stored with the case (never the
policy currently on disk: a case is judged by the rules it was opened under).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from inspector.core.case.policy import Policy, parse_policy
from inspector.core.case.verdicts import (
    DriveFigures,
    Estimate,
    Totals,
    Verdict,
    drive_figures,
    evaluate,
    group_totals,
    settle,
    totals,
)
from inspector.core.media.drives.model import Drive
from inspector.core.scan.result import ScanResult
from inspector.core.survey.names import display_name

# The languages a receipt (and a report) can be printed in: codes as the desk's catalogues.
LANGUAGES = ("en", "ms", "zh_CN")
NO_GROUP = "(no group)"  # travelers without a group name are judged together under this name
DriveState = Literal["scanning", "complete", "incomplete"]
Outcome = Literal["clear", "refer", "pending"]


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    officer: str
    desk: str
    opened_at: str  # ISO 8601 UTC
    closed_at: str | None
    policy_name: str
    policy_text: str
    policy_hash: str  # BLAKE3 of policy_text
    training: bool

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def policy(self) -> Policy:
        return parse_policy(self.policy_text, f"case {self.id} policy")


@dataclass(frozen=True, slots=True)
class Declaration:
    text: str
    declared_bytes: int | None  # None: nothing declared as a volume
    licence: str | None
    updated_at: str


@dataclass(frozen=True, slots=True)
class DeclarationInput:
    """What a traveler declares; `declared_bytes` None = no volume stated."""

    text: str
    declared_bytes: int | None = None
    licence: str | None = None


@dataclass(frozen=True, slots=True)
class Traveler:
    id: int
    case_id: int
    name: str
    document: str | None  # travel document number
    group: str | None
    declaration: Declaration | None
    group_id: int | None = None  # the store's group record (shared by every desk's members)
    language: str = "en"  # the traveler's receipt is printed in it (LANGUAGES)

    @property
    def group_name(self) -> str:
        return self.group or NO_GROUP


@dataclass(frozen=True, slots=True)
class DriveIdentity:
    """Who a drive is: `key` is stable across re-plugs (WWN, serial+model+size, or the target)."""

    key: str
    target: str  # device path, image or directory scanned
    model: str | None = None
    serial: str | None = None
    wwn: str | None = None
    capacity_bytes: int | None = None

    @classmethod
    def of_drive(cls, drive: Drive) -> DriveIdentity:
        """A drive as the backend reported it (identity stable across re-plugs). An image on
        a loop device is recorded by its file: /dev/loopN changes on every attach."""
        return cls(
            key=drive.identity,
            target=drive.backing_file or drive.path,
            model=drive.model,
            serial=drive.serial,
            wwn=drive.wwn,
            capacity_bytes=drive.capacity_bytes,
        )

    @classmethod
    def of_target(cls, target: str) -> DriveIdentity:
        """A directory or image known only by its path (escaped: it may not be valid UTF-8)."""
        shown = display_name(target)
        return cls(key=f"target:{shown}", target=shown)


@dataclass(frozen=True, slots=True)
class DriveRecord:
    id: int
    case_id: int
    traveler_id: int | None  # None: attached to the case, carried by nobody named yet
    identity: DriveIdentity
    bay: str | None
    mount_options: str | None
    started_at: str
    finished_at: str | None
    complete: bool  # False while scanning, and forever if the scan died or was partial
    result: ScanResult | None
    result_hash: str | None  # BLAKE3 of the stored scan JSON

    @property
    def state(self) -> DriveState:
        if self.finished_at is None:
            return "scanning"  # or interrupted: a scan that died leaves this state behind
        return "complete" if self.complete else "incomplete"


@dataclass(frozen=True, slots=True)
class StoredVerdict:
    """A verdict as recorded when it last changed (the store keeps the history)."""

    scope: Literal["traveler", "group"]
    subject: str  # traveler or group name
    verdict: Outcome
    reasons: tuple[str, ...]
    computed_at: str


@dataclass(frozen=True, slots=True)
class Change:
    """What a committed write changed: passed to Store listeners (the GUI bridge)."""

    case_id: int | None
    kinds: tuple[str, ...]  # audit kinds of the write, e.g. ("scan finished", "verdict")
    remote: bool = False  # written by another desk (or process), seen through the feed
    verdicts: tuple[tuple[str, str, str], ...] = ()  # (scope, subject, verdict) it recorded


@dataclass(frozen=True, slots=True)
class TravelerSummary:
    traveler: Traveler
    drives: tuple[DriveRecord, ...]
    totals: Totals
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class GroupSummary:
    name: str
    travelers: tuple[str, ...]  # every member, at this desk and at others
    totals: Totals
    verdict: Verdict
    elsewhere: tuple[str, ...] = ()  # members in other desks' cases: "Name (case 12, desk 2)"


@dataclass(frozen=True, slots=True)
class GroupRecord:
    """A group as the store keeps it: open until closed, members from any desk's cases."""

    id: int
    name: str
    opened_at: str
    opened_by: str
    closed_at: str | None
    members: tuple[tuple[str, int, str], ...]  # (traveler, case id, desk)


@dataclass(frozen=True, slots=True)
class Peer:
    """A member of one of the case's groups recorded in another case (another desk)."""

    traveler: Traveler
    drives: tuple[DriveRecord, ...]
    desk: str


@dataclass(frozen=True, slots=True)
class CaseSummary:
    case: Case
    travelers: tuple[TravelerSummary, ...]
    groups: tuple[GroupSummary, ...]
    unscanned: int  # drives without a result (scanning or interrupted)
    unassigned: tuple[DriveRecord, ...] = ()  # drives of the case nobody carries (yet)

    @property
    def scanning(self) -> int:
        drives = [d for t in self.travelers for d in t.drives] + list(self.unassigned)
        return sum(1 for d in drives if d.state == "scanning")

    @property
    def open_items(self) -> tuple[str, ...]:
        """Why the case is not settled yet (empty when it is): the report's provisional mark."""
        items = []
        if not self.travelers:
            items.append("no traveler recorded")
        waiting = [t.traveler.name for t in self.travelers if not t.drives]
        if waiting:
            items.append(f"{len(waiting)} traveler(s) without a drive: {', '.join(waiting)}")
        if self.scanning:
            items.append(f"{self.scanning} drive(s) still scanning (or interrupted)")
        failed = unread([d for t in self.travelers for d in t.drives] + list(self.unassigned))
        if failed:
            items.append(f"{failed} drive(s) could not be read (the scan failed)")
        if self.unassigned:
            items.append(f"{len(self.unassigned)} drive(s) not assigned to a traveler")
        return tuple(items)

    @property
    def verdict(self) -> Outcome:
        every = [t.verdict for t in self.travelers] + [g.verdict for g in self.groups]
        if any(v.verdict == "refer" for v in every):
            return "refer"
        if self.open_items or any(v.verdict == "pending" for v in every):
            return "pending"
        return "clear"


def figures_of(drive: DriveRecord) -> DriveFigures | None:
    """A drive's figures; without a result (scanning, interrupted) only its capacity is known,
    and counts (as on the desk): the traveler carries it whatever is on it."""
    if drive.result is None:
        capacity = drive.identity.capacity_bytes
        if not capacity:
            return None
        nothing = Estimate.exact(0.0)
        return DriveFigures(capacity, 0, 0, nothing, nothing, 0, nothing)
    where = f"bay {drive.bay}" if drive.bay else drive.identity.target
    return drive_figures(drive.result, drive.identity.capacity_bytes, where)


FiguresFn = Callable[[DriveRecord], DriveFigures | None]


def _traveler_summary(
    t: Traveler, drives: Sequence[DriveRecord], policy: Policy, figures_fn: FiguresFn
) -> TravelerSummary:
    mine = tuple(d for d in drives if d.traveler_id == t.id)
    figures = [f for f in (figures_fn(d) for d in mine) if f is not None]
    decl = t.declaration
    tot = totals(
        figures,
        declared_bytes=decl.declared_bytes if decl else None,
        licence=decl.licence if decl else None,
    )
    verdict = settle(evaluate(tot, policy, "traveler"), traveler_pending(mine))
    return TravelerSummary(t, mine, tot, verdict)


def unread(drives: Sequence[DriveRecord]) -> int:
    """Drives whose scan ended without any result (refused, failed): nothing is known of
    them, so nothing about their traveler can be CLEAR until they are scanned again."""
    return sum(1 for d in drives if d.state == "incomplete" and d.result is None)


def traveler_pending(drives: Sequence[DriveRecord]) -> tuple[str, ...]:
    if not drives:
        return ("no drive recorded yet",)
    reasons = []
    scanning = sum(1 for d in drives if d.state == "scanning")
    if scanning:
        reasons.append(f"{scanning} drive(s) still scanning")
    failed = unread(drives)
    if failed:
        reasons.append(f"{failed} drive(s) could not be read (the scan failed): scan again")
    return tuple(reasons)


def summarize(
    case: Case,
    travelers: Sequence[Traveler],
    drives: Sequence[DriveRecord],
    policy: Policy | None = None,
    peers: Sequence[Peer] = (),
    figures_fn: FiguresFn = figures_of,
) -> CaseSummary:
    """Totals and verdicts per traveler and group. Drives without a result count with their
    capacity only (and are reported as unscanned): a partial result counts what it saw. A traveler
    without a drive, or with one still scanning, is PENDING; so is a group with such a member.
    `peers`: members of the case's groups at other desks; their drives count in the group's
    totals (judged by this case's policy), never in this case's own travelers."""
    policy = policy or case.policy()
    per_traveler = [_traveler_summary(t, drives, policy, figures_fn) for t in travelers]
    groups: dict[str, list[TravelerSummary]] = {}
    for s in per_traveler:
        groups.setdefault(s.traveler.group_name, []).append(s)
    where: dict[int, str] = {}
    for p in peers:
        if p.traveler.group in groups:
            groups[p.traveler.group].append(
                _traveler_summary(p.traveler, p.drives, policy, figures_fn)
            )
            desk = f", desk {p.desk}" if p.desk else ""
            where[p.traveler.id] = f"{p.traveler.name} (case {p.traveler.case_id}{desk})"
    per_group = []
    for name in sorted(groups):
        members = groups[name]
        gt = group_totals([m.totals for m in members])
        waiting = [m.traveler.name for m in members if m.verdict.verdict == "pending"]
        pending = (f"pending for {', '.join(waiting)}",) if waiting else ()
        per_group.append(
            GroupSummary(
                name,
                tuple(m.traveler.name for m in members),
                gt,
                settle(evaluate(gt, policy, "group"), pending),
                tuple(where[m.traveler.id] for m in members if m.traveler.id in where),
            )
        )
    return CaseSummary(
        case=case,
        travelers=tuple(per_traveler),
        groups=tuple(per_group),
        unscanned=sum(1 for d in drives if d.result is None),
        unassigned=tuple(d for d in drives if d.traveler_id is None),
    )
