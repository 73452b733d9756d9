"""A desk's offline journal: its own actions kept in a local SQLite file while the post's server
is unreachable, replayed in order when it returns, each exactly once.

Every journaled write to a shared store carries an action id, online too. The server records
the id in `desk_actions` in the same transaction as the action, so an action is applied once
whatever happens in between: a desk killed after the server committed but before it marked
the action done replays it, the server says "already applied", and the journal marks it. A
write whose connection broke during the commit is journaled with the id it was sent with, so
it too cannot land twice.

While actions wait, new ones join the queue behind them (the order of a desk's actions is
kept). Opening or closing a case and editing the policy need the server: a case's verdict and
closing depend on every desk's drives.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import socket
import sqlite3
import threading
import uuid
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from inspector.core.case import audit, queries
from inspector.core.case.migrations import StoreError
from inspector.core.case.records import (
    Change,
    Declaration,
    DeclarationInput,
    DriveIdentity,
    DriveRecord,
    Traveler,
)
from inspector.core.case.store_base import (
    Action,
    AlreadyApplied,
    ServerUnavailable,
    StoreBase,
    _record_id,
)
from inspector.core.errors import UsageError
from inspector.core.paths import data_dir
from inspector.core.scan.from_json import scan_from_json
from inspector.core.scan.result import ScanResult
from inspector.core.scan.to_json import scan_json

JOURNAL_NAME = "journal-{key}.sqlite"  # one per server: an action replays only there
REPLAY_EVERY_S = 1.0
DRIVE_ID_METHODS = ("finish_drive", "fail_drive")
log = logging.getLogger(__name__)

_DDL = """
CREATE TABLE IF NOT EXISTS actions (
  local_id INTEGER PRIMARY KEY AUTOINCREMENT, action_id TEXT NOT NULL UNIQUE,
  method TEXT NOT NULL, args TEXT NOT NULL, queued_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'waiting',  -- waiting | applied | refused
  result_id INTEGER, error TEXT)
"""


def journal_path(store_shown: str) -> Path:
    """The desk's journal for one server (its URL without the password): a desk that works
    for two posts' stores never replays one's actions into the other."""
    key = hashlib.sha256(store_shown.encode()).hexdigest()[:16]
    return data_dir() / JOURNAL_NAME.format(key=key)


def encode(value: Any) -> Any:
    if isinstance(value, DeclarationInput):
        return {"$declaration": asdict(value)}
    if isinstance(value, DriveIdentity):
        return {"$identity": asdict(value)}
    if isinstance(value, ScanResult):
        return {"$scan": scan_json(value)}
    if isinstance(value, Mapping):
        return {"$map": {str(k): encode(v) for k, v in value.items()}}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"the journal cannot keep a {type(value).__name__}")


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "$declaration" in value:
            return DeclarationInput(**value["$declaration"])
        if "$identity" in value:
            return DriveIdentity(**value["$identity"])
        if "$scan" in value:
            return scan_from_json(value["$scan"])
        if "$map" in value:
            return {k: decode(v) for k, v in value["$map"].items()}
    return value


class Journal:
    """The journal of one shared store object; replays on its own thread."""

    def __init__(self, store: StoreBase, path: Path | None = None) -> None:
        self.store = store
        self.path = path or journal_path(store.location.shown())
        self.desk = socket.gethostname()
        self.offline = False  # the last attempt to reach the server failed
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a queued action survives a power cut
        self._db.execute(_DDL)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="inspector-journal", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._db.close()

    def _rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def waiting(self) -> int:
        return int(self._rows("SELECT count(*) FROM actions WHERE state = 'waiting'")[0][0])

    def refused(self) -> list[tuple[str, str]]:
        """(method, reason) of replayed actions the server refused (shown, never dropped)."""
        return [
            (m, e)
            for m, e in self._rows("SELECT method, error FROM actions WHERE state = 'refused'")
        ]

    # ---- a write from the desk (any thread; runs on the store's writer thread) ----

    def call(self, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if self.store.on_writer():
            return self._call(method, args, kwargs)
        return self.store.submit(self._call, method, args, kwargs).result()

    def _call(self, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        fn = getattr(type(self.store), method).__wrapped__
        bound = inspect.signature(fn).bind(self.store, *args, **kwargs)
        named = dict(list(bound.arguments.items())[1:])
        self._map_drive_id(method, named)
        action = Action(uuid.uuid4().hex, method, queries.now(), self.desk)
        if not self.waiting():
            try:
                return self._apply(fn, action, named)
            except ServerUnavailable:
                pass  # kept below, with the id it was sent with
        local_id = self._keep(action, named)
        self.offline = True
        self.store.tell(Change(None, ("journal",)))
        return _provisional(method, local_id, named, action.queued_at)

    def _apply(self, fn: Any, action: Action, named: dict[str, Any]) -> Any:
        self.store._action = action
        try:
            value = fn(self.store, **named)
        finally:
            self.store._action = None
        self.offline = False
        return value

    def _keep(self, action: Action, named: dict[str, Any]) -> int:
        doc = json.dumps({k: encode(v) for k, v in named.items()}, ensure_ascii=True)
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO actions (action_id, method, args, queued_at) VALUES (?, ?, ?, ?)",
                (action.id, action.method, doc, action.queued_at),
            )
            return int(cur.lastrowid or 0)

    def _map_drive_id(self, method: str, named: dict[str, Any]) -> None:
        """A drive begun while offline has a provisional id -N (journal row N): once that
        action is applied, later actions name the drive by the id the server gave it."""
        drive_id = named.get("drive_id")
        if method in DRIVE_ID_METHODS and isinstance(drive_id, int) and drive_id < 0:
            rows = self._rows(
                "SELECT result_id FROM actions WHERE local_id = ? AND state = 'applied'",
                -drive_id,
            )
            if rows and rows[0][0] is not None:
                named["drive_id"] = int(rows[0][0])

    # ---- replay ----

    def _run(self) -> None:
        while not self._stop.wait(REPLAY_EVERY_S):
            if not self.waiting():
                continue
            try:
                self.store.submit(self.replay).result()
            except RuntimeError:  # the store is closing
                return
            except Exception:
                log.exception("journal replay failed")

    def replay(self) -> int:
        """Apply waiting actions in order until the server is unreachable; the number applied
        (or found applied already). Runs on the writer thread."""
        applied = 0
        rows = self._rows(
            "SELECT local_id, action_id, method, args, queued_at FROM actions "
            "WHERE state = 'waiting' ORDER BY local_id"
        )
        for local_id, action_id, method, args, queued_at in rows:
            fn = getattr(type(self.store), method).__wrapped__
            named = {k: decode(v) for k, v in json.loads(args).items()}
            self._map_drive_id(method, named)
            action = Action(action_id, method, queued_at, self.desk)
            try:
                result_id = _record_id(self._apply(fn, action, named))
            except AlreadyApplied as done:
                result_id = done.result_id
            except ServerUnavailable:
                self.offline = True
                break
            except (UsageError, StoreError) as exc:  # the server said no: kept, shown, not retried
                log.warning("journaled %s refused: %s", method, exc)
                self._mark(local_id, "refused", None, str(exc))
                continue
            self._mark(local_id, "applied", result_id, None)
            applied += 1
        if rows:
            self.store.tell(Change(None, ("journal",)))
        return applied

    def _mark(self, local_id: int, state: str, result_id: int | None, error: str | None) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE actions SET state = ?, result_id = ?, error = ? WHERE local_id = ?",
                (state, result_id, error, local_id),
            )


def _provisional(method: str, local_id: int, a: dict[str, Any], at: str) -> Any:
    """What a journaled write returns until the server has it: ids are -N (journal row N)."""
    if method in ("add_traveler", "declare"):
        d = a.get("declaration")
        decl = None if d is None else Declaration(d.text, d.declared_bytes, d.licence, at)
        name = str(a.get("name") or a.get("traveler") or "")
        return Traveler(
            -local_id, a["case_id"], name, a.get("document"), a.get("group"), decl,
            language=a.get("language") or "en",
        )  # fmt: skip
    if method == "begin_drive":
        identity = a["identity"]
        return DriveRecord(
            -local_id, a["case_id"], None, identity, a.get("bay"), a.get("mount_options"),
            at, None, False, None, None,
        )  # fmt: skip
    if method in ("finish_drive", "fail_drive"):
        result = a.get("result")
        target = result.target if result is not None else ""
        return DriveRecord(
            a["drive_id"], 0, None, DriveIdentity(key="", target=target), None, None, at, at,
            bool(result is not None and result.complete), result, None,
        )  # fmt: skip
    if method == "assign_drive":
        key = a["identity_key"]
        return DriveRecord(
            0, a["case_id"], None, DriveIdentity(key, key), None, None, at, None, False, None, None
        )
    data = audit.canonical(a.get("data") or {})
    return audit.AuditEntry(-local_id, at, a["case_id"], a.get("by") or "", a["kind"], data, "", "")
