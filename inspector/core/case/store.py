"""The case store: cases, travelers, declarations, drive records, groups and verdicts, in the
desk's SQLite file or in a customs post's shared PostgreSQL store, with every change audited in
the same transaction (store_base.py has the machinery: threads, transactions, anchors).

Live and training cases live in different stores (`open_store(training=True)`), each with its
own audit chain, so a classroom never writes into the evidence of real inspections; the
training store is always the desk's own SQLite file.

Groups are records of the store: travelers named in the same open group at any desk are judged
together, and a change at one desk re-judges the groups of every open case that has a member.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import insert, update

from inspector.core.case import audit, queries
from inspector.core.case.audit import AuditEntry
from inspector.core.case.engine import result_document
from inspector.core.case.location import StoreLocation, configured_url, parse_location
from inspector.core.case.migrations import StoreError
from inspector.core.case.policy import Policy
from inspector.core.case.policy_store import active_policy
from inspector.core.case.records import (
    LANGUAGES,
    Case,
    DeclarationInput,
    DriveIdentity,
    DriveRecord,
    StoredVerdict,
    Traveler,
)
from inspector.core.case.schema import (
    cases,
    declarations,
    drives,
    travelers,
)
from inspector.core.case.store_base import RefusedByServer, ServerUnavailable, Tx
from inspector.core.case.store_groups import GroupsMixin
from inspector.core.case.text_input import MAX_STORED_BYTES, clean_text, optional_text
from inspector.core.errors import UsageError
from inspector.core.paths import data_dir
from inspector.core.scan.result import ScanResult
from inspector.core.survey.names import display_name

LIVE_DB, TRAINING_DB = "cases.sqlite", "training.sqlite"
__all__ = [
    "DeclarationInput",
    "RefusedByServer",
    "ServerUnavailable",
    "Store",
    "StoreError",
    "open_store",
    "store_path",
]
F = TypeVar("F", bound=Callable[..., Any])
if TYPE_CHECKING:
    from inspector.core.case.feed import ChangeFeed
    from inspector.core.case.journal import Journal


def store_path(training: bool = False) -> Path:
    return data_dir() / (TRAINING_DB if training else LIVE_DB)


def store_location(training: bool = False, url: str | None = None) -> StoreLocation:
    """`url` (--db), else $INSPECTOR_DB_URL or desk.toml's [store] url, else the SQLite file.
    Training: always the desk's own training file."""
    if training:
        return StoreLocation(path=store_path(True))
    chosen = url or configured_url()
    return parse_location(chosen) if chosen else StoreLocation(path=store_path(False))


def open_store(
    training: bool = False,
    path: str | Path | None = None,
    url: str | None = None,
    journal: Path | None = None,
) -> Store:
    """Open (creating or migrating) the live case store, or the training one. `journal`: the
    offline journal of a shared store (default: one per server in the data directory)."""
    where = StoreLocation(path=Path(path)) if path is not None else store_location(training, url)
    return Store(where, training=training, journal=journal)


def journaled(method: F) -> F:
    """A write a desk can do while the post's server is unreachable: on a shared store it gets
    an action id, and is kept in the desk's journal when the server cannot take it (journal.py)."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        if self.journal is None:
            return method(self, *args, **kwargs)
        return self.journal.call(method.__name__, args, kwargs)

    return wrapper  # type: ignore[return-value]


class Store(GroupsMixin):
    """One case database. Use as a context manager, or call close()."""

    def __init__(
        self, where: StoreLocation, *, training: bool = False, journal: Path | None = None
    ) -> None:
        super().__init__(where, training=training)
        self.journal: Journal | None = None
        self.feed: ChangeFeed | None = None
        if self.shared:
            from inspector.core.case.journal import Journal

            self.journal = Journal(self, journal)

    def watch(self) -> None:
        """Tell the listeners of other desks' changes too (feed.py), from now until close()."""
        if self.feed is None:
            from inspector.core.case.feed import ChangeFeed

            self.feed = ChangeFeed(self)

    def offline_waiting(self) -> int | None:
        """None: the desk reaches its store; else how many of its actions wait in the journal
        for the post's server ("offline — N actions waiting")."""
        if self.journal is None:
            return None
        waiting = self.journal.waiting()
        return waiting if waiting or self.journal.offline else None

    def require_supervisor(self, doing: str) -> None:
        """Refuse early what the post's server would refuse (rules.sql) before anything on the
        desk is changed: a policy edit saved to disk must also be audited."""
        if self.location.url is None:
            return
        from sqlalchemy import text

        allowed = self._read(lambda c: c.execute(text("SELECT inspector_is_supervisor()")).scalar())
        if not allowed:
            raise RefusedByServer(f"refused by the post's server: only a supervisor may {doing}")

    def close(self) -> None:
        if self.feed is not None:
            self.feed.close()
        if self.journal is not None:
            self.journal.close()
        super().close()

    def __enter__(self) -> Store:
        return self

    def verdicts(self, case_id: int) -> list[StoredVerdict]:
        """Every recorded verdict change of a case, oldest first."""
        return self._read(lambda c: self._checked(c, case_id, queries.verdict_history))

    def open_case(self, officer: str, desk: str = "", policy: Policy | None = None) -> Case:
        officer = clean_text("officer", officer)
        desk = optional_text("desk", desk) or ""
        policy = policy or active_policy()

        def tx_fn(tx: Tx) -> Case:
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
        def tx_fn(tx: Tx) -> Case:
            case = self._open_case_row(tx, case_id)
            tx.conn.execute(update(cases).where(cases.c.id == case_id).values(closed_at=tx.at))
            tx.log(case_id, by or case.officer, audit.CASE_CLOSED, {})
            return queries.load_case(tx.conn, case_id, self.name)

        return self._write(tx_fn)

    @journaled
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

        def tx_fn(tx: Tx) -> Traveler:
            case = self._open_case_row(tx, case_id)
            officer = by or case.officer
            if any(t.name == name for t in queries.load_travelers(tx.conn, case_id)):
                raise UsageError(f"traveler {display_name(name)!r} is already in case {case_id}")
            group_id = None if group is None else self._group_id(tx, case_id, group, officer)
            tx.conn.execute(
                insert(travelers).values(
                    case_id=case_id,
                    name=name,
                    document=document,
                    grp=group,
                    group_id=group_id,
                    language=language,
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

    @journaled
    def declare(
        self, case_id: int, traveler: str, declaration: DeclarationInput, by: str | None = None
    ) -> Traveler:
        """Set or replace a traveler's declaration; verdicts are recomputed and audited."""

        def tx_fn(tx: Tx) -> Traveler:
            case = self._open_case_row(tx, case_id)
            officer = by or case.officer
            self._declare(tx, case_id, traveler, declaration, officer)
            self._refresh_verdicts(tx, case_id, officer)
            return queries.find_traveler(tx.conn, case_id, traveler)

        return self._write(tx_fn)

    def _declare(
        self, tx: Tx, case_id: int, traveler: str, d: DeclarationInput, officer: str
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

    @journaled
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

        def tx_fn(tx: Tx) -> DriveRecord:
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

    @journaled
    def assign_drive(
        self, case_id: int, identity_key: str, traveler: str | None, by: str | None = None
    ) -> DriveRecord:
        """Move a recorded drive to another traveler, or to nobody (`traveler` None): audited
        with who had it before, verdicts of both recomputed. Refused in a closed case."""

        def tx_fn(tx: Tx) -> DriveRecord:
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

    @journaled
    def finish_drive(self, drive_id: int, result: ScanResult, by: str | None = None) -> DriveRecord:
        """Store a drive's scan result (complete or partial), audit its hash, recompute verdicts."""
        text, digest = result_document(result)

        def tx_fn(tx: Tx) -> DriveRecord:
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

    def _scanning_drive(self, tx: Tx, drive_id: int) -> tuple[DriveRecord, Case]:
        """A drive whose scan was begun and not yet finished. Its case may have been closed
        meanwhile: a scan started before closing still completes its record."""
        d = queries.load_drive(tx.conn, drive_id)
        if d.finished_at is not None:
            raise UsageError(
                f"drive {drive_id} is not being scanned (its scan ended at "
                f"{d.finished_at}); begin a new scan first"
            )
        return d, queries.load_case(tx.conn, d.case_id, self.name)

    @journaled
    def fail_drive(self, drive_id: int, reason: str, by: str | None = None) -> DriveRecord:
        """The scan stopped with an error: the drive stays incomplete, without a result."""

        def tx_fn(tx: Tx) -> DriveRecord:
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

    @journaled
    def record(
        self, case_id: int, kind: str, data: Mapping[str, Any], by: str | None = None
    ) -> AuditEntry:
        """Audit an event that changes no case data (files hashed, report exported)."""

        def tx_fn(tx: Tx) -> AuditEntry:
            case = queries.load_case(tx.conn, case_id, self.name)
            tx.log(case_id, by or case.officer, kind, data)
            return tx.logged[-1]

        return self._write(tx_fn)

    def record_policy_change(self, before: Policy, after: Policy, by: str) -> AuditEntry:
        """Audit a supervisor's edit of the desk policy (no case: it applies to new cases)."""
        by = clean_text("supervisor", by)

        def tx_fn(tx: Tx) -> AuditEntry:
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
