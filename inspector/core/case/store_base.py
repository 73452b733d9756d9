"""The machinery under the case store (store.py has what it records): engines, the writer
thread, reads, write transactions with their audit entries, anchor, notification and action id.

Threading: reads run on the caller's thread through their own pooled connections. Writes are
serialized on one writer thread; the blocking methods wait for their commit, and
`submit(store.method, ...)` returns a Future instead, for a GUI that must not wait. Values
returned are frozen dataclasses, safe to hand to any thread.

A shared store (a post's PostgreSQL server) also has a journal (journal.py: the desk's own
actions while the server is unreachable) and a feed (feed.py: other desks' changes).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, insert, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from inspector.core.case import audit, queries
from inspector.core.case.audit import AuditCheck, AuditEntry
from inspector.core.case.engine import postgres_engine, sqlite_engine
from inspector.core.case.location import StoreLocation
from inspector.core.case.migrations import StoreError, migrate
from inspector.core.case.records import Case, CaseSummary, Change, DriveRecord, Traveler
from inspector.core.case.schema import desk_actions
from inspector.core.errors import UsageError

P = ParamSpec("P")
T = TypeVar("T")
Listener = Callable[[Change], None]
log = logging.getLogger(__name__)
NOTIFY_CHANNEL = "inspector_changes"


class ServerUnavailable(StoreError):
    """The post's server cannot be reached (down, restarting, network): the desk journals."""


class RefusedByServer(StoreError):
    """The server's own rules refused the change (a role without the right: resources/store)."""


@dataclass(frozen=True, slots=True)
class Action:
    """A desk action with an id, applied at most once (desk_actions): see journal.py."""

    id: str
    method: str
    queued_at: str
    desk: str


class AlreadyApplied(Exception):
    def __init__(self, result_id: int | None) -> None:
        super().__init__(result_id)
        self.result_id = result_id


@dataclass
class Tx:
    """One write transaction: its connection, its timestamp, the audit entries it appended."""

    conn: Connection
    at: str
    action: Action | None = None
    logged: list[AuditEntry] = field(default_factory=list)

    def log(self, case_id: int | None, officer: str, kind: str, data: Mapping[str, Any]) -> None:
        if self.action is not None and self.action.queued_at != self.at:
            data = {**data, "offline_at": self.action.queued_at}  # done offline, replayed now
        entry = audit.append(
            self.conn,
            at=self.at,
            case_id=case_id,
            officer=officer,
            kind=kind,
            data=data,
            after=self.logged[-1] if self.logged else None,
        )
        self.logged.append(entry)


def _offline(exc: DBAPIError) -> bool:
    """A lost or refused connection (not a refused statement): libpq's own errors carry no
    SQLSTATE; 08xxx connection exceptions; 57P0x the server shutting down or restarting."""
    state = getattr(exc.orig, "sqlstate", None)
    return isinstance(exc, OperationalError) and (
        state is None or state.startswith("08") or state.startswith("57P")
    )


class StoreBase:
    """One case database. Use as a context manager, or call close()."""

    def __init__(self, where: StoreLocation, *, training: bool = False) -> None:
        self.location = where
        self.path: Path | None = where.path
        self.shared = where.shared
        self.training = training
        self.name = "training case store" if training else "case store"
        self.shown = where.shown()
        self._action: Action | None = None  # set on the writer thread around one action
        try:
            if where.path is not None:
                where.path.parent.mkdir(parents=True, exist_ok=True)
                self._writer_engine = sqlite_engine(where.path, immediate=True)
                self._reader_engine = sqlite_engine(where.path, immediate=False)
            else:
                assert where.url is not None
                self._writer_engine = postgres_engine(where.url, writer=True)
                self._reader_engine = postgres_engine(where.url, writer=False)
            self.migrated_from = migrate(self._writer_engine, where.path)
        except OSError as exc:
            raise StoreError(
                f"cannot open {self.name} {self.shown}: {exc.strerror or exc}"
            ) from None
        except DBAPIError as exc:
            raise self._error(exc, "cannot open") from None
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="inspector-store-writer")
        self._writer_ident: int | None = None
        self._listeners: list[Listener] = []
        self.own_seqs: set[int] = set()  # entries this store object wrote (the feed skips them)
        self._executor.submit(self._remember_writer).result()

    def _remember_writer(self) -> None:
        self._writer_ident = threading.get_ident()

    def __enter__(self) -> StoreBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        self._writer_engine.dispose()
        self._reader_engine.dispose()

    @property
    def reader_engine(self) -> Engine:
        return self._reader_engine

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(Change)` after every committed write, on the writer thread (the GUI
        bridge re-emits it as a queued Qt signal), and for other desks' writes once the feed
        runs (feed.py, on its thread). Returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def tell(self, change: Change) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # a listener's bug must not undo or fail a committed write
                log.exception("store listener failed")

    def _error(self, exc: DBAPIError, doing: str = "") -> StoreError:
        reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else repr(exc)
        where = f"{self.name} {self.shown}"
        if self.shared and _offline(exc):
            return ServerUnavailable(f"the post's server is unreachable ({where}): {reason}")
        if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient privilege
            return RefusedByServer(f"refused by the post's server: {reason}")
        return StoreError(f"{doing + ' ' if doing else ''}{where}: {reason}")

    # ---- reads (any thread) ----

    def _read(self, fn: Callable[[Connection], T]) -> T:
        try:
            with self._reader_engine.connect() as conn:
                return fn(conn)
        except DBAPIError as exc:
            raise self._error(exc) from None

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
        """Totals and verdicts per traveler and group (the group's members at every desk),
        from the case's own policy."""
        return self._read(lambda c: self._summary(c, case_id))

    def audit_entries(self, case_id: int | None = None, after: int = 0) -> list[AuditEntry]:
        return self._read(lambda c: audit.entries(c, case_id, after))

    def audit_head(self) -> AuditEntry | None:
        return self._read(audit.head)

    def verify(self) -> AuditCheck:
        """Check the audit chain, its anchors, and that stored results match their audited
        hash."""
        from inspector.core.case.audit_verify import verify_store

        return self._read(lambda c: verify_store(c, self.path))

    def _checked(self, conn: Connection, case_id: int, fn: Callable[[Connection, int], T]) -> T:
        queries.load_case(conn, case_id, self.name)
        return fn(conn, case_id)

    def _summary(self, conn: Connection, case_id: int) -> CaseSummary:
        from inspector.core.case.group_context import group_context

        return group_context(conn, case_id, self.name, peers=False).summary(case_id)

    # ---- writes (serialized on the writer thread) ----

    def submit(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Run a store method on the writer thread; the GUI connects to the Future."""
        return self._executor.submit(fn, *args, **kwargs)

    def on_writer(self) -> bool:
        return threading.get_ident() == self._writer_ident

    def _write(self, fn: Callable[[Tx], T]) -> T:
        if self.on_writer():
            return self._transaction(fn)
        return self._executor.submit(self._transaction, fn).result()

    def _transaction(self, fn: Callable[[Tx], T]) -> T:
        action = self._action
        try:
            with self._writer_engine.begin() as conn:
                tx = Tx(conn, queries.now(), action)
                if action is not None:
                    done = conn.execute(
                        select(desk_actions.c.result_id).where(
                            desk_actions.c.action_id == action.id
                        )
                    ).first()
                    if done is not None:
                        raise AlreadyApplied(done.result_id)
                value = fn(tx)
                if action is not None:
                    conn.execute(
                        insert(desk_actions).values(
                            action_id=action.id,
                            desk=action.desk,
                            method=action.method,
                            queued_at=action.queued_at,
                            applied_at=tx.at,
                            result_id=_record_id(value),
                        )
                    )
                if tx.logged:
                    audit.move_db_anchor(conn, tx.logged[-1])
                    if conn.dialect.name == "postgresql":  # delivered to listeners at commit
                        conn.execute(
                            text("SELECT pg_notify(:channel, :seq)"),
                            {"channel": NOTIFY_CHANNEL, "seq": str(tx.logged[-1].seq)},
                        )
        except IntegrityError as exc:
            raise StoreError(f"{self.name}: refused an inconsistent change ({exc.orig})") from None
        except DBAPIError as exc:
            raise self._error(exc) from None
        if tx.logged:
            self.own_seqs.update(e.seq for e in tx.logged)
            if self.path is not None:
                try:
                    audit.write_anchor(self.path, tx.logged[-1])
                except OSError as exc:
                    raise StoreError(f"cannot write the audit anchor: {exc.strerror}") from None
            for change in changes_of(tx.logged, remote=False):
                self.tell(change)
        return value

    def _open_case_row(self, tx: Tx, case_id: int) -> Case:
        case = queries.load_case(tx.conn, case_id, self.name)
        if not case.is_open:
            raise UsageError(f"case {case_id} was closed at {case.closed_at}; open a new case")
        return case


def changes_of(entries: list[AuditEntry], remote: bool) -> list[Change]:
    """What a run of audit entries changed, one Change per case (a drive at one desk records
    verdicts in the cases of every desk sharing the group), in the order the cases appear."""
    by_case: dict[int | None, list[AuditEntry]] = {}
    for e in entries:
        by_case.setdefault(e.case_id, []).append(e)
    out = []
    for case_id, mine in by_case.items():
        verdicts = tuple(
            (str(d.get("scope")), str(d.get("subject")), str(d.get("verdict")))
            for e in mine
            if e.kind == audit.VERDICT
            for d in (e.details(),)
        )
        out.append(Change(case_id, tuple(e.kind for e in mine), remote, verdicts))
    return out


def _record_id(value: object) -> int | None:
    for name in ("id", "seq"):
        found = getattr(value, name, None)
        if isinstance(found, int):
            return found
    return None
