"""SQLite engines for the case store (WAL, durable commits, writers locking up front) and the
stored form of a scan result."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import blake3
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from inspector.core.case import audit
from inspector.core.scan.result import ScanResult
from inspector.core.scan.to_json import scan_json


def result_document(result: ScanResult) -> tuple[str, str]:
    """The stored form of a scan result (canonical inspector.scan/1 JSON) and its BLAKE3."""
    text = audit.canonical(scan_json(result))  # ASCII: undecodable names arrive as \u escapes
    return text, blake3.blake3(text.encode()).hexdigest()


def sqlite_engine(path: Path, immediate: bool) -> Engine:
    # Connections made by hand: a data dir path with '?' or '%' would garble a URL.
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(path, timeout=30, check_same_thread=False),
        poolclass=QueuePool,  # the URL alone would pick the in-memory single-connection pool
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
