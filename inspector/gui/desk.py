"""The desk's state: drives seen, travelers of the case, who carries which drive.

One `DeskState` per window. Models and panels read it and redraw on its signals; only the
controller (and the officer's actions through it) change it. Values are frozen dataclasses,
replaced whole on every change, so a model never sees a half-updated row.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal

from inspector.core.case.policy import Policy
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
from inspector.core.errors import UsageError
from inspector.core.media.drives.model import Drive
from inspector.core.scan.result import ScanResult
from inspector.core.units import format_size, parse_size

translate = QCoreApplication.translate  # lupdate reads the translate("Context", "text") calls


class DriveStatus(enum.Enum):
    DETECTED = "detected"
    QUEUED = "queued"  # waiting for a free scan slot (one reader per spindle, few at a time)
    MOUNTING = "mounting"
    SURVEYING = "surveying"
    SAMPLING = "sampling"
    DONE = "done"
    INCOMPLETE = "incomplete"
    ERROR = "error"
    REMOVED = "removed"
    SKIPPED = "system disk, not scanned"  # holds the running system: never mounted


BUSY = frozenset({DriveStatus.MOUNTING, DriveStatus.SURVEYING, DriveStatus.SAMPLING})


# The words the drive table shows for each state (the enum's values stay English: logs, tests).
STATUS_WORDS = {
    DriveStatus.DETECTED: QT_TRANSLATE_NOOP("DeskState", "detected"),
    DriveStatus.QUEUED: QT_TRANSLATE_NOOP("DeskState", "queued"),
    DriveStatus.MOUNTING: QT_TRANSLATE_NOOP("DeskState", "mounting"),
    DriveStatus.SURVEYING: QT_TRANSLATE_NOOP("DeskState", "surveying"),
    DriveStatus.SAMPLING: QT_TRANSLATE_NOOP("DeskState", "sampling"),
    DriveStatus.DONE: QT_TRANSLATE_NOOP("DeskState", "done"),
    DriveStatus.INCOMPLETE: QT_TRANSLATE_NOOP("DeskState", "incomplete"),
    DriveStatus.ERROR: QT_TRANSLATE_NOOP("DeskState", "error"),
    DriveStatus.REMOVED: QT_TRANSLATE_NOOP("DeskState", "removed"),
    DriveStatus.SKIPPED: QT_TRANSLATE_NOOP("DeskState", "system disk, not scanned"),
}


def status_word(status: DriveStatus) -> str:
    return translate("DeskState", STATUS_WORDS[status])


@dataclass(frozen=True, slots=True)
class DriveOutcome:
    """What a finished scan job hands back when the ScanResult alone does not say it all:
    a partition known only from raw sampling (LUKS) has figures but no filesystem result."""

    result: ScanResult | None
    figures: DriveFigures
    notes: tuple[str, ...] = ()
    complete: bool = True
    record: ScanResult | None = None  # what the case records when `result` is None (raw only)


@dataclass(frozen=True, slots=True)
class DriveRow:
    drive: Drive
    status: DriveStatus = DriveStatus.DETECTED
    fraction: float | None = None  # progress of the current stage, when known
    files_seen: int = 0
    provisional: str = ""  # content estimated while the scan runs, with intervals
    result: ScanResult | None = None
    figures: DriveFigures | None = None  # set when they do not come from `result` alone
    notes: tuple[str, ...] = ()
    record: ScanResult | None = None  # the scan as recorded in the case, if not `result`
    finished: bool = False  # a scan has finished (complete or not) at least once
    error: str | None = None
    traveler: str | None = None
    budget_s: float = 0.0
    full: bool = False
    present: bool = True

    @property
    def identity(self) -> str:
        return self.drive.identity

    @property
    def busy(self) -> bool:
        return self.status in BUSY

    def status_text(self) -> str:
        """The state as the drive table shows it, in the desk's language."""
        from inspector.gui.i18n import locale

        early = f" · {self.provisional}" if self.provisional and self.busy else ""
        if self.status == DriveStatus.SAMPLING and self.fraction is not None:
            percent = locale().toString(self.fraction * 100, "f", 0)
            return translate("DeskState", "sampling {percent} %").format(percent=percent) + early
        if self.status == DriveStatus.SURVEYING and self.files_seen:
            files = locale().toString(self.files_seen)
            return translate("DeskState", "surveying: {files} files").format(files=files) + early
        if early:
            return status_word(self.status) + early
        if self.result is not None and self.result.removed:
            return translate(
                "DeskState", "removed — partial"
            )  # the scan saw the drive go: never a firm zero
        if self.status == DriveStatus.REMOVED and self.finished:
            complete = self.result.complete if self.result is not None else True
            return (
                translate("DeskState", "removed (partial result kept)")
                if not complete
                else status_word(self.status)
            )
        return status_word(self.status)

    extra_warnings: tuple[str, ...] = ()  # found by comparing drives (e.g. a shared serial)

    def warnings(self) -> tuple[str, ...]:
        found = list(self.drive.warnings)
        found.extend(self.extra_warnings)
        capacity = capacity_warning(self)
        if capacity:
            found.append(capacity)
        if self.result is not None:
            found.extend(self.result.warnings)
        if self.error:
            found.append(self.error)
        return tuple(dict.fromkeys(found))


COUNTERFEIT_RATIO = 0.5  # filesystems holding less than half the label: a faked capacity?


def capacity_warning(row: DriveRow) -> str | None:
    """A drive whose filesystems are far smaller than its reported capacity: the classic
    counterfeit (a 64 GB flash chip sold as "2 TB"), or unpartitioned space worth a look."""
    fs = row.result.filesystem if row.result is not None else None
    if fs is None or not row.drive.capacity_bytes or not fs.size_bytes:
        return None
    if fs.size_bytes >= COUNTERFEIT_RATIO * row.drive.capacity_bytes:
        return None
    return translate(
        "DeskState",
        "capacity: the drive reports {capacity} but its filesystem holds only {size} "
        "(fake capacity or hidden space?)",
    ).format(capacity=format_size(row.drive.capacity_bytes), size=format_size(fs.size_bytes))


@dataclass(frozen=True, slots=True)
class Traveler:
    name: str
    document: str = ""
    group: str = ""
    declaration: str = ""
    declared_bytes: int | None = None
    licence: str | None = None
    language: str = "en"  # the traveler's receipt is printed in it (i18n.LANGUAGES codes)


def make_traveler(
    name: str, document: str, group: str, declaration: str, volume: str, language: str = "en"
) -> Traveler:
    """A traveler from the form's text; bad volumes raise UsageError with the parser's hint."""
    name = name.strip()
    if not name:
        raise UsageError(translate("DeskState", "enter the traveler's name"))
    volume = volume.strip()
    declared = parse_size(volume) if volume else None
    return Traveler(
        name, document.strip(), group.strip(), declaration.strip(), declared, language=language
    )


@dataclass(frozen=True, slots=True)
class Assessment:
    """Totals of a traveler or group with the policy's verdict, and how settled it is."""

    totals: Totals
    verdict: Verdict  # PENDING while no drive is assigned or one is still scanning
    pending: int  # assigned drives whose scan has not finished
    warnings: tuple[str, ...] = ()  # drive warnings (fake capacity, ...): never "all fine"


class DeskState(QObject):
    drive_added = Signal(str)  # identity
    drive_changed = Signal(str)
    travelers_changed = Signal()
    assessments_changed = Signal()

    def __init__(self, policy: Policy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.policy = policy
        self._rows: dict[str, DriveRow] = {}
        self._order: list[str] = []
        self._travelers: dict[str, Traveler] = {}
        self.bay_map: dict[str, str] = {}  # bay -> traveler name

    def set_policy(self, policy: Policy) -> None:
        self.policy = policy
        self.assessments_changed.emit()

    # drives ------------------------------------------------------------------
    def identities(self) -> list[str]:
        return list(self._order)

    def row(self, identity: str) -> DriveRow:
        return self._rows[identity]

    def rows(self) -> list[DriveRow]:
        return [self._rows[i] for i in self._order]

    def plug(self, drive: Drive) -> DriveRow:
        """A drive appeared (or re-appeared: same identity → same row, never counted twice)."""
        known = self._rows.get(drive.identity)
        if known is None:
            traveler = self.bay_map.get(drive.bay or "")
            status = DriveStatus.SKIPPED if drive.system else DriveStatus.DETECTED
            row = DriveRow(drive, status=status, traveler=traveler)
            self._rows[drive.identity] = row
            self._order.append(drive.identity)
            self.drive_added.emit(drive.identity)
            self._check_serials(drive)
            self.assessments_changed.emit()
            return row
        return self.update(drive.identity, drive=drive, present=True)

    def _check_serials(self, drive: Drive) -> None:
        """Two drives with one serial: a cloned or forged identity, worth a question."""
        if not drive.serial:
            return
        twins = [r for r in self.rows() if r.drive.serial == drive.serial]
        if len(twins) < 2:
            return
        for r in twins:
            others = ", ".join(
                translate("DeskState", "{path} (bay {bay})").format(
                    path=t.drive.path, bay=t.drive.bay or "—"
                )
                for t in twins
                if t is not r
            )
            note = translate(
                "DeskState", "identity: serial {serial} is also reported by {others}"
            ).format(serial=drive.serial, others=others)
            self.update(r.identity, extra_warnings=(note,))

    def update(self, identity: str, **changes: object) -> DriveRow:
        before = self._rows[identity]
        row = replace(before, **changes)  # type: ignore[arg-type]
        self._rows[identity] = row
        self.drive_changed.emit(identity)
        # Totals and verdicts only move with results, assignment, identity or when a scan
        # starts or ends ("provisional"); progress ticks must not recompute every panel.
        if {"result", "figures", "traveler", "drive", "finished"} & changes.keys() or (
            before.busy != row.busy
        ):
            self.assessments_changed.emit()
        return row

    # travelers ---------------------------------------------------------------
    def travelers(self) -> list[Traveler]:
        return list(self._travelers.values())

    def traveler(self, name: str) -> Traveler | None:
        return self._travelers.get(name)

    def add_traveler(self, traveler: Traveler) -> None:
        if traveler.name in self._travelers:
            raise UsageError(
                translate("DeskState", "a traveler named {name} is already in this case").format(
                    name=repr(traveler.name)
                )
            )
        self._travelers[traveler.name] = traveler
        self.travelers_changed.emit()
        self.assessments_changed.emit()

    def update_traveler(self, traveler: Traveler) -> None:
        self._travelers[traveler.name] = traveler
        self.travelers_changed.emit()
        self.assessments_changed.emit()

    def assign(self, identity: str, traveler: str | None) -> None:
        if traveler is not None and traveler not in self._travelers:
            raise UsageError(f"no traveler named {traveler!r} in this case")
        self.update(identity, traveler=traveler)
        self.travelers_changed.emit()

    def assign_bay(self, bay: str, traveler: str | None) -> None:
        """Map a bay to a traveler: drives in that bay now and later go to them."""
        if traveler:
            self.bay_map[bay] = traveler
        else:
            self.bay_map.pop(bay, None)
        for row in self.rows():
            if row.drive.bay == bay:
                self.assign(row.identity, traveler or None)

    def groups(self) -> list[str]:
        return sorted({t.group for t in self._travelers.values() if t.group})

    # assessments -------------------------------------------------------------
    def drives_of(self, traveler: str) -> list[DriveRow]:
        return [r for r in self.rows() if r.traveler == traveler]

    def unassigned(self) -> list[DriveRow]:
        """Drives on the desk (not the desk's own disk) that nobody carries yet."""
        return [r for r in self.rows() if r.traveler is None and not r.drive.system]

    def assess_traveler(self, name: str) -> Assessment:
        t = self._travelers[name]
        rows = self.drives_of(name)
        figures = [_figures(r) for r in rows]
        tot = totals(figures, t.declared_bytes, t.licence)
        pending = sum(1 for r in rows if not r.finished or r.busy)
        waiting: tuple[str, ...] = ()
        if not rows:
            waiting = (translate("DeskState", "no drive assigned yet"),)
        elif pending:
            waiting = (
                translate("DeskState", "{count} drive(s) still scanning").format(count=pending),
            )
        verdict = settle(evaluate(tot, self.policy, "traveler"), waiting)
        notes = tuple(f"{_where(r)}: {w}" for r in rows for w in r.warnings())
        if notes and verdict.verdict == "clear":
            verdict = Verdict(
                "clear",
                (*verdict.reasons[:-1], check_warnings_reason()),
                verdict.findings,
            )  # fmt: skip
        return Assessment(tot, verdict, pending, notes)

    def assess_group(self, group: str) -> Assessment:
        members = [t.name for t in self._travelers.values() if t.group == group]
        parts = [self.assess_traveler(m) for m in members]
        tot = group_totals([p.totals for p in parts])
        waiting = [m for m, p in zip(members, parts, strict=True) if p.verdict.verdict == "pending"]
        verdict = settle(
            evaluate(tot, self.policy, "group"),
            (translate("DeskState", "pending for {names}").format(names=", ".join(waiting)),)
            if waiting
            else (),
        )
        notes = tuple(w for p in parts for w in p.warnings)
        return Assessment(tot, verdict, sum(p.pending for p in parts), notes)


def check_warnings_reason() -> str:
    return translate(
        "DeskState",
        "within the policy thresholds, but check the drive warnings below before release",
    )


def _where(row: DriveRow) -> str:
    return (
        translate("DeskState", "bay {bay}").format(bay=row.drive.bay)
        if row.drive.bay
        else row.drive.path
    )


def _figures(row: DriveRow) -> DriveFigures:
    """A drive's figures; before its scan finished only its capacity is known."""
    if row.figures is not None:
        return row.figures
    if row.result is not None:
        return drive_figures(row.result, row.drive.capacity_bytes, _where(row))
    nothing = Estimate.exact(0.0)
    return DriveFigures(row.drive.capacity_bytes, 0, 0, nothing, nothing, 0, nothing)
