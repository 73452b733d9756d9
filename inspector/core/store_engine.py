"""SQLite engines for the case store (WAL, durable commits, writers locking up front) and the
stored form of a scan result."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import blake3
from sqlalchemy import Connection, Engine, create_engine, event

from inspector.core import audit
from inspector.core.results import ScanResult
from inspector.core.scan_json import scan_json


def result_document(result: ScanResult) -> tuple[str, str]:
    """The stored form of a scan result (canonical inspector.scan/1 JSON) and its BLAKE3."""

    text = audit.canonical(scan_json(result))
    return text, blake3.blake3(text.encode("utf-8", "surrogatepass")).hexdigest()


def sqlite_engine(path: Path, immediate: bool) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": 30}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi: sqlite3.Connection, _record: object) -> None:
        dbapi.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")  # evidence: a commit survives a power cut
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock up front, so two processes cannot read the same audit
        # head and append conflicting entries.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
