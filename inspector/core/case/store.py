"""The case store: cases, travelers, declarations, drive records and verdicts in SQLite (WAL),
with every change audited in the same transaction.

Threading: reads run on the caller's thread through their own pooled connections (WAL lets them
proceed while a write is in progress). Writes are serialized on one writer thread; the blocking
methods (`open_case`, `add_traveler`, ...) wait for their commit, and `submit(store.method, ...)`
returns a Future instead, for a GUI that must not wait. Values returned are frozen dataclasses,
safe to hand to any thread.

Live and training cases live in different files (`open_store(training=True)`), each with its own
audit chain, so a classroom never writes into the evidence of real inspections.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Connection, insert, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from inspector.core.case import audit, queries
from inspector.core.case.audit import AuditCheck, AuditEntry
from inspector.core.case.engine import result_document, sqlite_engine
from inspector.core.case.migrations import StoreError, migrate
from inspector.core.case.policy import Policy
from inspector.core.case.policy_store import active_policy
from inspector.core.case.records import (
    LANGUAGES,
    Case,
    CaseSummary,
    Change,
    DeclarationInput,
    DriveIdentity,
    DriveRecord,
    StoredVerdict,
    Traveler,
    summarize,
)
from inspector.core.case.schema import cases, declarations, drives, travelers, verdicts
from inspector.core.case.text_input import MAX_STORED_BYTES, clean_text, optional_text
from inspector.core.errors import UsageError
from inspector.core.paths import data_dir
from inspector.core.scan.result import ScanResult
from inspector.core.survey.names import display_name

LIVE_DB, TRAINING_DB = "cases.sqlite", "training.sqlite"
__all__ = ["DeclarationInput", "Store", "StoreError", "open_store", "store_path"]
P = ParamSpec("P")
Listener = Callable[[Change], None]
log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class _Tx:
    """One write transaction: its connection, its timestamp, the audit entries it appended."""

    conn: Connection
    at: str
    logged: list[AuditEntry] = field(default_factory=list)

    def log(self, case_id: int | None, officer: str, kind: str, data: Mapping[str, Any]) -> None:
        entry = audit.append(
            self.conn, at=self.at, case_id=case_id, officer=officer, kind=kind, data=data
        )
        self.logged.append(entry)


def store_path(training: bool = False) -> Path:
    return data_dir() / (TRAINING_DB if training else LIVE_DB)


def open_store(training: bool = False, path: str | Path | None = None) -> Store:
    """Open (creating or migrating) the live case store, or the training one."""
    return Store(Path(path) if path is not None else store_path(training), training=training)


class Store:
    """One case database. Use as a context manager, or call close()."""

    def __init__(self, path: Path, *, training: bool = False) -> None:
        self.path = path
        self.training = training
        self.name = "training case store" if training else "case store"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._writer_engine = sqlite_engine(path, immediate=True)
            self._reader_engine = sqlite_engine(path, immediate=False)
            self.migrated_from = migrate(self._writer_engine, path)
        except OSError as exc:
            raise StoreError(f"cannot open {self.name} {path}: {exc.strerror or exc}") from None
        except DBAPIError as exc:
            raise StoreError(f"cannot open {self.name} {path}: {exc.orig}") from None
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="inspector-store-writer")
        self._writer_ident: int | None = None
        self._listeners: list[Listener] = []
        self._executor.submit(self._remember_writer).result()

    def _remember_writer(self) -> None:
        self._writer_ident = threading.get_ident()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        self._writer_engine.dispose()
        self._reader_engine.dispose()

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(Change)` after every committed write, on the writer thread (the GUI
        bridge re-emits it as a queued Qt signal). Returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    # ---- reads (any thread) ----

    def _read(self, fn: Callable[[Connection], T]) -> T:
        try:
            with self._reader_engine.connect() as conn:
                return fn(conn)
        except DBAPIError as exc:
            raise StoreError(f"{self.name} {self.path}: {exc.orig}") from None

    def case(self, case_id: int) -> Case:
        return self._read(lambda c: queries.load_case(c, case_id, self.name))

    def cases(self, open_only: bool = False) -> list[Case]:
        return self._read(lambda c: queries.list_cases(c, open_only))

    def travelers(self, case_id: int) -> list[Traveler]:
        return self._read(lambda c: self._checked(c, case_id, queries.load_travelers))

    def drives(self, case_id: int) -> list[DriveRecord]:
        return self._read(lambda c: self._checked(c, case_id, queries.load_drives))

    def drive(self, drive_id: int) -> DriveRecord:
        return self._read(lambda c: queries.load_drive(c, drive_id))

    def summary(self, case_id: int) -> CaseSummary:
        """Totals and verdicts per traveler and group, from the case's own policy."""
        return self._read(lambda c: self._summary(c, case_id))

    def verdicts(self, case_id: int) -> list[StoredVerdict]:
        """Every recorded verdict change of a case, oldest first."""
        return self._read(lambda c: self._checked(c, case_id, queries.verdict_history))

    def audit_entries(self, case_id: int | None = None) -> list[AuditEntry]:
        return self._read(lambda c: audit.entries(c, case_id))

    def audit_head(self) -> AuditEntry | None:
        return self._read(audit.head)

    def verify(self) -> AuditCheck:
        """Check the audit chain, its anchor, and that stored results match their audited hash."""
        from inspector.core.case.audit_verify import verify_store

        return self._read(lambda c: verify_store(c, self.path))

    def _checked(self, conn: Connection, case_id: int, fn: Callable[[Connection, int], T]) -> T:
        queries.load_case(conn, case_id, self.name)
        return fn(conn, case_id)

    def _summary(self, conn: Connection, case_id: int) -> CaseSummary:
        case = queries.load_case(conn, case_id, self.name)
        return summarize(
            case, queries.load_travelers(conn, case_id), queries.load_drives(conn, case_id)
        )

    # ---- writes (serialized on the writer thread) ----

    def submit(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Run a store method on the writer thread; the GUI connects to the Future."""
        return self._executor.submit(fn, *args, **kwargs)

    def _write(self, fn: Callable[[_Tx], T]) -> T:
        if threading.get_ident() == self._writer_ident:
            return self._transaction(fn)
        return self._executor.submit(self._transaction, fn).result()

    def _transaction(self, fn: Callable[[_Tx], T]) -> T:
        try:
            with self._writer_engine.begin() as conn:
                tx = _Tx(conn, queries.now())
                value = fn(tx)
        except IntegrityError as exc:
            raise StoreError(f"{self.name}: refused an inconsistent change ({exc.orig})") from None
        except DBAPIError as exc:
            raise StoreError(f"{self.name} {self.path}: {exc.orig}") from None
        if tx.logged:
            try:
                audit.write_anchor(self.path, tx.logged[-1])
            except OSError as exc:
                raise StoreError(f"cannot write the audit anchor: {exc.strerror}") from None
            change = Change(tx.logged[-1].case_id, tuple(e.kind for e in tx.logged))
            for listener in list(self._listeners):
                try:
                    listener(change)
                except Exception:  # a listener's bug must not undo or fail a committed write
                    log.exception("store listener failed")
        return value

    def _open_case_row(self, tx: _Tx, case_id: int) -> Case:
        case = queries.load_case(tx.conn, case_id, self.name)
        if not case.is_open:
            raise UsageError(f"case {case_id} was closed at {case.closed_at}; open a new case")
        return case

    def open_case(self, officer: str, desk: str = "", policy: Policy | None = None) -> Case:
        officer = clean_text("officer", officer)
        desk = optional_text("desk", desk) or ""
        policy = policy or active_policy()

        def tx_fn(tx: _Tx) -> Case:
            row = tx.conn.execute(
                insert(cases).values(
                    officer=officer,
                    desk=desk,
                    opened_at=tx.at,
                    closed_at=None,
                    policy_name=policy.name,
                    policy_text=policy.text,
                    policy_hash=policy.hash,
                    training=self.training,
                )
            )
            case_id = int(row.inserted_primary_key[0])  # type: ignore[index]
            tx.log(
                case_id,
                officer,
                audit.CASE_OPENED,
                {
                    "desk": desk,
                    "policy": policy.name,
                    "policy_version": policy.version,
                    "policy_hash": policy.hash,
                    "training": self.training,
                },
            )
            return queries.load_case(tx.conn, case_id, self.name)

        return self._write(tx_fn)

    def close_case(self, case_id: int, by: str | None = None) -> Case:
        def tx_fn(tx: _Tx) -> Case:
            case = self._open_case_row(tx, case_id)
            tx.conn.execute(update(cases).where(cases.c.id == case_id).values(closed_at=tx.at))
            tx.log(case_id, by or case.officer, audit.CASE_CLOSED, {})
            return queries.load_case(tx.conn, case_id, self.name)

        return self._write(tx_fn)

    def add_traveler(
        self,
        case_id: int,
        name: str,
        document: str | None = None,
        group: str | None = None,
        declaration: DeclarationInput | None = None,
        by: str | None = None,
        language: str = "en",
    ) -> Traveler:
        """`language`: the traveler's, for their receipt (records.LANGUAGES)."""
        name = clean_text("traveler name", name)
        if language not in LANGUAGES:
            raise UsageError(
                f"language {language!r}: use one of {', '.join(LANGUAGES)} (the receipt's)"
            )
        document = optional_text("travel document", document)
        group = optional_text("group", group)

        def tx_fn(tx: _Tx) -> Traveler:
            case = self._open_case_row(tx, case_id)
            officer = by or case.officer
            if any(t.name == name for t in queries.load_travelers(tx.conn, case_id)):
                raise UsageError(f"traveler {display_name(name)!r} is already in case {case_id}")
            tx.conn.execute(
                insert(travelers).values(
                    case_id=case_id, name=name, document=document, grp=group, language=language
                )
            )
            entry: dict[str, object] = {"traveler": name, "document": document, "group": group}
            if language != "en":  # entries of English travelers stay as they were
                entry["language"] = language
            tx.log(case_id, officer, audit.TRAVELER_ADDED, entry)
            if declaration is not None:
                self._declare(tx, case_id, name, declaration, officer)
            self._refresh_verdicts(tx, case_id, officer)
            return queries.find_traveler(tx.conn, case_id, name)

        return self._write(tx_fn)

    def declare(
        self, case_id: int, traveler: str, declaration: DeclarationInput, by: str | None = None
    ) -> Traveler:
        """Set or replace a traveler's declaration; verdicts are recomputed and audited."""

        def tx_fn(tx: _Tx) -> Traveler:
            case = self._open_case_row(tx, case_id)
            officer = by or case.officer
            self._declare(tx, case_id, traveler, declaration, officer)
            self._refresh_verdicts(tx, case_id, officer)
            return queries.find_traveler(tx.conn, case_id, traveler)

        return self._write(tx_fn)

    def _declare(
        self, tx: _Tx, case_id: int, traveler: str, d: DeclarationInput, officer: str
    ) -> None:
        text = clean_text("declaration", d.text, multiline=True, required=False)
        licence = optional_text("licence reference", d.licence)
        if d.declared_bytes is not None and not 0 <= d.declared_bytes <= MAX_STORED_BYTES:
            raise UsageError("impossible declared volume; use a size such as 2 TB")
        t = queries.find_traveler(tx.conn, case_id, traveler)
        values = {
            "text": text,
            "declared_bytes": d.declared_bytes,
            "licence": licence,
            "updated_at": tx.at,
        }
        if t.declaration is None:
            tx.conn.execute(insert(declarations).values(traveler_id=t.id, **values))
        else:
            tx.conn.execute(
                update(declarations).where(declarations.c.traveler_id == t.id).values(**values)
            )
        before = None
        if t.declaration is not None:
            old = t.declaration
            before = {
                "text": old.text,
                "declared_bytes": old.declared_bytes,
                "licence": old.licence,
            }
        tx.log(
            case_id,
            officer,
            audit.DECLARATION_EDITED,
            {
                "traveler": t.name,
                "text": text,
                "declared_bytes": d.declared_bytes,
                "licence": licence,
                "before": before,
            },
        )

    def begin_drive(
        self,
        case_id: int,
        traveler: str | None,
        identity: DriveIdentity,
        *,
        bay: str | None = None,
        mount_options: str | None = None,
        method: Mapping[str, Any] | None = None,
        by: str | None = None,
    ) -> DriveRecord:
        """Record a drive as attached and its scan as started, before any reading: a scan that
        dies leaves the drive marked incomplete. The same identity again in this case is the
        same drive (a rescan replaces its result; the old one stays hashed in the audit log).
        `traveler` None: a drive nobody carries yet (it keeps the case PENDING)."""

        def tx_fn(tx: _Tx) -> DriveRecord:
            case = self._open_case_row(tx, case_id)
            officer = by or case.officer
            t = None if traveler is None else queries.find_traveler(tx.conn, case_id, traveler)
            values = {
                "traveler_id": None if t is None else t.id,
                "target": identity.target,
                "model": identity.model,
                "serial": identity.serial,
                "wwn": identity.wwn,
                "capacity_bytes": identity.capacity_bytes,
                "bay": bay,
                "mount_options": mount_options,
                "started_at": tx.at,
                "finished_at": None,
                "complete": False,
                "result_json": None,
                "result_hash": None,
            }
            existing = [
                d for d in queries.load_drives(tx.conn, case_id) if d.identity.key == identity.key
            ]
            if existing:
                drive_id = existing[0].id
                tx.conn.execute(update(drives).where(drives.c.id == drive_id).values(**values))
            else:
                row = tx.conn.execute(
                    insert(drives).values(case_id=case_id, identity_key=identity.key, **values)
                )
                drive_id = int(row.inserted_primary_key[0])  # type: ignore[index]
            tx.log(
                case_id,
                officer,
                audit.DRIVE_ATTACHED,
                {
                    "drive": drive_id,
                    "traveler": None if t is None else t.name,
                    "identity": identity.key,
                    "target": identity.target,
                    "model": identity.model,
                    "serial": identity.serial,
                    "wwn": identity.wwn,
                    "capacity_bytes": identity.capacity_bytes,
                    "bay": bay,
                    "mount_options": mount_options,
                    "rescan": bool(existing),
                },
            )
            tx.log(
                case_id,
                officer,
                audit.SCAN_STARTED,
                {"drive": drive_id, "method": dict(method or {})},
            )
            self._refresh_verdicts(tx, case_id, officer)  # a drive scanning: PENDING
            return queries.load_drive(tx.conn, drive_id)

        return self._write(tx_fn)

    def assign_drive(
        self, case_id: int, identity_key: str, traveler: str | None, by: str | None = None
    ) -> DriveRecord:
        """Move a recorded drive to another traveler, or to nobody (`traveler` None): audited
        with who had it before, verdicts of both recomputed. Refused in a closed case."""

        def tx_fn(tx: _Tx) -> DriveRecord:
            case = self._open_case_row(tx, case_id)
            officer = by or case.officer
            found = [
                d for d in queries.load_drives(tx.conn, case_id) if d.identity.key == identity_key
            ]
            if not found:
                raise UsageError(f"no drive {display_name(identity_key)!r} in case {case_id}")
            d = found[0]
            t = None if traveler is None else queries.find_traveler(tx.conn, case_id, traveler)
            new_id = None if t is None else t.id
            if d.traveler_id == new_id:
                return d
            names = {x.id: x.name for x in queries.load_travelers(tx.conn, case_id)}
            tx.conn.execute(update(drives).where(drives.c.id == d.id).values(traveler_id=new_id))
            tx.log(
                case_id,
                officer,
                audit.DRIVE_ASSIGNED if t is not None else audit.DRIVE_UNASSIGNED,
                {
                    "drive": d.id,
                    "identity": identity_key,
                    "from": None if d.traveler_id is None else names.get(d.traveler_id),
                    "to": None if t is None else t.name,
                },
            )
            self._refresh_verdicts(tx, case_id, officer)
            return queries.load_drive(tx.conn, d.id)

        return self._write(tx_fn)

    def finish_drive(self, drive_id: int, result: ScanResult, by: str | None = None) -> DriveRecord:
        """Store a drive's scan result (complete or partial), audit its hash, recompute verdicts."""
        text, digest = result_document(result)

        def tx_fn(tx: _Tx) -> DriveRecord:
            d, case = self._scanning_drive(tx, drive_id)
            officer = by or case.officer
            values: dict[str, Any] = {
                "finished_at": tx.at,
                "complete": result.complete,
                "result_json": text,
                "result_hash": digest,
            }
            dev = result.device
            if dev is not None:  # the device knows itself better than the attach step did
                values.update(
                    model=dev.model or d.identity.model,
                    serial=dev.serial or d.identity.serial,
                    wwn=dev.wwn or d.identity.wwn,
                    capacity_bytes=dev.capacity_bytes or d.identity.capacity_bytes,
                )
            tx.conn.execute(update(drives).where(drives.c.id == drive_id).values(**values))
            tx.log(
                d.case_id,
                officer,
                audit.SCAN_FINISHED,
                {
                    "drive": drive_id,
                    "result_hash": digest,
                    "complete": result.complete,
                    "files": result.survey.files,
                    "bytes": result.survey.bytes,
                    "content_method": result.content.method,
                },
            )
            self._refresh_verdicts(tx, d.case_id, officer)
            return queries.load_drive(tx.conn, drive_id)

        return self._write(tx_fn)

    def _scanning_drive(self, tx: _Tx, drive_id: int) -> tuple[DriveRecord, Case]:
        """A drive whose scan was begun and not yet finished. Its case may have been closed
        meanwhile: a scan started before closing still completes its record."""
        d = queries.load_drive(tx.conn, drive_id)
        if d.finished_at is not None:
            raise UsageError(
                f"drive {drive_id} is not being scanned (its scan ended at "
                f"{d.finished_at}); begin a new scan first"
            )
        return d, queries.load_case(tx.conn, d.case_id, self.name)

    def fail_drive(self, drive_id: int, reason: str, by: str | None = None) -> DriveRecord:
        """The scan stopped with an error: the drive stays incomplete, without a result."""

        def tx_fn(tx: _Tx) -> DriveRecord:
            d, case = self._scanning_drive(tx, drive_id)
            tx.conn.execute(
                update(drives)
                .where(drives.c.id == drive_id)
                .values(finished_at=tx.at, complete=False)
            )
            tx.log(
                d.case_id,
                by or case.officer,
                audit.SCAN_FINISHED,
                {"drive": drive_id, "result_hash": None, "complete": False, "error": reason},
            )
            return queries.load_drive(tx.conn, drive_id)

        return self._write(tx_fn)

    def record(
        self, case_id: int, kind: str, data: Mapping[str, Any], by: str | None = None
    ) -> AuditEntry:
        """Audit an event that changes no case data (files hashed, report exported)."""

        def tx_fn(tx: _Tx) -> AuditEntry:
            case = queries.load_case(tx.conn, case_id, self.name)
            tx.log(case_id, by or case.officer, kind, data)
            return tx.logged[-1]

        return self._write(tx_fn)

    def record_policy_change(self, before: Policy, after: Policy, by: str) -> AuditEntry:
        """Audit a supervisor's edit of the desk policy (no case: it applies to new cases)."""
        by = clean_text("supervisor", by)

        def tx_fn(tx: _Tx) -> AuditEntry:
            tx.log(
                None,
                by,
                audit.POLICY_EDITED,
                {
                    "before": {
                        "name": before.name,
                        "version": before.version,
                        "blake3": before.hash,
                    },
                    "after": {"name": after.name, "version": after.version, "blake3": after.hash},
                },
            )
            return tx.logged[-1]

        return self._write(tx_fn)

    def _refresh_verdicts(self, tx: _Tx, case_id: int, officer: str) -> CaseSummary:
        """Recompute verdicts; store and audit those that changed."""
        summary = self._summary(tx.conn, case_id)
        before = queries.latest_verdicts(tx.conn, case_id)
        now = [("traveler", t.traveler.name, t.verdict) for t in summary.travelers]
        now += [("group", g.name, g.verdict) for g in summary.groups]
        for scope, subject, v in now:
            reasons = list(v.reasons)
            if before.get((scope, subject)) == (v.verdict, reasons):
                continue
            tx.conn.execute(
                insert(verdicts).values(
                    case_id=case_id,
                    scope=scope,
                    subject=subject,
                    verdict=v.verdict,
                    reasons=json.dumps(reasons, ensure_ascii=False),
                    computed_at=tx.at,
                )
            )
            tx.log(
                case_id,
                officer,
                audit.VERDICT,
                {"scope": scope, "subject": subject, "verdict": v.verdict, "reasons": reasons},
            )
        return summary
