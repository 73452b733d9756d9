"""The desk's case in the case store: travelers with declarations, drives with their results.

The store (inspector.core.case.store) serializes writes on its own writer
thread; the desk hands it work with `store.submit` and hears back through queued signals, so the
GUI never waits on the database. Reports are written by a desk worker.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from inspector.core.errors import InspectorError
from inspector.core.progress import CancelToken
from inspector.gui.desk import DeskState, DriveRow, DriveStatus
from inspector.gui.i18n import current_language, when
from inspector.gui.workers import TaskRunner

log = logging.getLogger(__name__)


def store_available() -> bool:
    try:
        import inspector.core.case.store
        import inspector.core.reports  # noqa: F401
    except ImportError:
        return False
    return True


class CaseRecorder(QObject):
    message = Signal(str)  # one line for the status bar
    recorded = Signal(str)  # what was written: "traveler NAME", "drive IDENTITY"
    _done = Signal(str, str)  # from the writer thread: what, error ("" = written)

    def __init__(
        self,
        state: DeskState,
        store: Any,
        case: Any,
        recorded: tuple[str, ...] = (),
        seed: int | None = None,
    ) -> None:
        """`recorded`: travelers already in the store's case (an existing case re-opened);
        `seed`: the desk's sampler seed, recorded with each scan's method."""
        super().__init__()
        self.seed = seed
        self.state = state
        self.store = store
        self.case = case
        self.runner = TaskRunner(self)  # report exports; the store has its own writer thread
        self.runner.finished.connect(lambda _key, text: self.message.emit(str(text)))
        self.runner.failed.connect(lambda _key, text: self.message.emit(f"export failed: {text}"))
        # name -> the declaration last written (text, bytes, licence)
        self._travelers: dict[str, tuple[str, int | None, str | None]] = {}
        for name in recorded:
            t = state.traveler(name)
            if t is not None:
                self._travelers[name] = (t.declaration, t.declared_bytes, t.licence)
        self._results: dict[str, int] = {}  # identity -> id() of the result recorded
        self._carrier: dict[str, str | None] = {}  # identity -> traveler recorded for it
        self._open: set[str] = set()  # identities whose scan is recorded as begun, not ended
        self._ids: dict[str, int] = {}  # identity -> drive record id (writer thread only)
        self._stopped = False
        self._done.connect(self._on_done)
        state.travelers_changed.connect(self._sync_travelers)
        state.drive_changed.connect(self._sync_drive)
        self._sync_travelers()
        for identity in state.identities():  # a case attached to a desk already at work
            self._sync_drive(identity)

    @property
    def title(self) -> str:
        if self.case.training:
            text = self.tr("TRAINING case {id} · officer {officer} · opened {opened}")
        else:
            text = self.tr("Case {id} · officer {officer} · opened {opened}")
        return text.format(
            id=self.case.id, officer=self.case.officer, opened=when(self.case.opened_at)
        )

    def _submit(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> None:
        if self._stopped:
            return
        future: Future[Any] = self.store.submit(fn, *args, **kwargs)

        def done(f: Future[Any]) -> None:  # on the writer thread: only emit
            exc = f.exception()
            self._done.emit(what, "" if exc is None else _one_line(exc))

        future.add_done_callback(done)

    @Slot()
    def _sync_travelers(self) -> None:
        from inspector.core.case.records import DeclarationInput

        for t in self.state.travelers():
            said = (t.declaration, t.declared_bytes, t.licence)
            known = self._travelers.get(t.name)
            if known == said:
                continue
            self._travelers[t.name] = said
            declaration = DeclarationInput(t.declaration, t.declared_bytes, t.licence)
            if known is not None:  # an edited declaration: replaced, audited, re-judged
                self._submit(
                    f"declaration of {t.name}",
                    self.store.declare,
                    self.case.id,
                    t.name,
                    declaration,
                )
                continue
            self._submit(
                f"traveler {t.name}",
                self.store.add_traveler,
                self.case.id,
                t.name,
                t.document or None,
                t.group or None,
                declaration,
                language=t.language,
            )

    @Slot(str)
    def _sync_drive(self, identity: str) -> None:
        """Every drive on the desk is in the case, assigned or not: its scan begun (queued or
        running: the case is PENDING), its result or failure, and every change of carrier
        (audited in the store, verdicts recomputed). What the desk shows is what is recorded."""
        row = self.state.row(identity)
        if row.drive.system:
            return
        active = row.busy or row.status == DriveStatus.QUEUED
        if active and identity not in self._open:
            self._open.add(identity)
            self._carrier[identity] = row.traveler
            self._results.pop(identity, None)
            self._submit(f"drive {row.drive.path}", self._begin, row)
            return
        if identity not in self._carrier and not row.finished:
            return  # seen, never scanned: nothing to record yet
        if identity not in self._carrier:  # finished before this case was attached
            self._carrier[identity] = row.traveler
            self._open.add(identity)
            self._submit(f"drive {row.drive.path}", self._begin, row)
        if self._carrier[identity] != row.traveler:
            self._carrier[identity] = row.traveler
            who = row.traveler or "nobody"
            self._submit(
                f"drive {row.drive.path} → {who}",
                self.store.assign_drive,
                self.case.id,
                identity,
                row.traveler,
            )
        if active or identity not in self._open:
            return
        result = row.record or row.result
        if result is not None and row.finished:
            if self._results.get(identity) == id(result):
                return
            self._results[identity] = id(result)
            self._open.discard(identity)
            self._submit(f"result of {row.drive.path}", self._finish, identity, result)
        elif row.status in (DriveStatus.ERROR, DriveStatus.REMOVED) and row.error:
            self._open.discard(identity)
            self._submit(f"failure of {row.drive.path}", self._fail, identity, row.error)

    def _begin(self, row: DriveRow) -> None:
        """On the writer thread: the drive attached to the case (and its carrier, if any)."""
        from inspector.core.case.records import DriveIdentity

        record = self.store.begin_drive(
            self.case.id,
            row.traveler,
            DriveIdentity.of_drive(row.drive),
            bay=row.drive.bay,
            mount_options="ro (desk)",
            method={"budget_s": row.budget_s, "full": row.full, "seed": self.seed},
        )
        self._ids[row.identity] = record.id

    def _drive_id(self, identity: str) -> int:
        drive_id = self._ids.get(identity)  # begun earlier on this (the writer) thread
        if drive_id is None:
            raise InspectorError("its attachment to the case was not recorded")
        return drive_id

    def _finish(self, identity: str, result: Any) -> None:
        self.store.finish_drive(self._drive_id(identity), result)

    def _fail(self, identity: str, reason: str) -> None:
        record = self.store.drive(self._drive_id(identity))
        if record.finished_at is None:
            self.store.fail_drive(record.id, reason)

    @Slot(str, str)
    def _on_done(self, what: str, error: str) -> None:
        if error:
            self.message.emit(
                self.tr("case store: {what} not recorded: {error}").format(what=what, error=error)
            )
        else:
            self.recorded.emit(what)

    def stop(self) -> None:
        self._stopped = True  # late desk changes (results of cancelled scans) are not recorded
        self.runner.shutdown()
        self.store.close()  # waits for the writes already handed over

    def export(self, folder: Path) -> None:
        """Write the case report (PDF, CSV, JSON) into `folder` on a worker thread."""
        store, case_id, lang = self.store, self.case.id, current_language()

        def job(cancel: CancelToken) -> str:
            return export_report(store, case_id, folder, lang)

        self.runner.start(f"export:{case_id}", job)


def open_case_store(training: bool, officer: str, desk: str) -> tuple[Any, Any]:
    """Open the live (or the separate training) store and a new case in it. Called once at
    start-up or from the officer's own "open a case" action; one short insert."""
    from inspector.core.case.store import open_store

    store = open_store(training=training)
    return store, store.open_case(officer, desk)


def open_cases() -> tuple[Any, list[Any]]:
    """The live store and its open cases (a short read, on the officer's request)."""
    from inspector.core.case.store import open_store

    store = open_store(training=False)
    return store, store.cases(open_only=True)


def load_case_travelers(store: Any, case: Any, state: DeskState) -> tuple[str, ...]:
    """Put the travelers (and declarations) of a stored case on the desk; their names."""
    from inspector.gui.desk import Traveler

    names = []
    for t in store.travelers(case.id):
        d = t.declaration
        state.add_traveler(
            Traveler(
                name=t.name,
                document=t.document or "",
                group=t.group or "",
                declaration=d.text if d else "",
                declared_bytes=d.declared_bytes if d else None,
                licence=d.licence if d else None,
                language=t.language,
            )
        )
        names.append(t.name)
    return tuple(names)


def export_report(store: Any, case_id: int, folder: Path, lang: str = "en") -> str:
    """The report (PDF in the officer's language `lang`; CSV and JSON language-neutral) and a
    receipt per traveler in the traveler's own language. Runs on a worker thread."""
    from inspector.core import reports

    report = reports.gather(store, case_id)
    data, digest = reports.report_bytes(reports.report_json(report))
    stem = folder / f"case-{case_id}"
    stem.with_suffix(".json").write_bytes(data)
    reports.write_csv(report, stem.with_suffix(".csv"))
    reports.write_pdf(report, digest, stem.with_suffix(".pdf"), lang=lang)
    for n, s in enumerate(report.summary.travelers, start=1):
        receipt = folder / f"case-{case_id}-receipt-{n}.pdf"
        reports.write_receipt(report, s.traveler.name, digest, receipt)
    # translate() is safe off the GUI thread: it only reads the installed catalogues.
    return QCoreApplication.translate(
        "CaseRecorder",
        "report of case {id} written to {stem}.pdf, .csv and .json, receipts beside it "
        "(BLAKE3 {digest}…)",
    ).format(id=case_id, stem=stem, digest=digest[:16])


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, InspectorError):
        return str(exc)
    log.error("case store write failed", exc_info=exc)
    return f"{type(exc).__name__}: {exc}"
