"""Engines for the case store, SQLite (WAL, durable commits, writers locking up front) or a
post's PostgreSQL server (psycopg 3; writers take one advisory lock up front), and the stored
form of a scan result.

Both engines give the same guarantee: one write transaction at a time per store, from the
first statement to the commit. That is what keeps one audit chain per store (each entry follows
the head its transaction read) and what keeps recomputed totals from losing another desk's
drive (a transaction reads the rows after every earlier writer committed). Reads never wait.
"""

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


WRITE_LOCK = 0x1D5EC7  # pg_advisory_xact_lock key: "one writer at a time" for this store
CONNECT_TIMEOUT_S = 3  # a desk that lost the server notices fast and journals (journal.py)


def postgres_engine(url: str, writer: bool) -> Engine:
    """A pool of psycopg 3 connections; `writer`: every transaction first takes the store's
    write lock (held until commit or rollback, even if the desk dies: the server drops it with
    the connection)."""
    try:
        import psycopg  # noqa: F401  (the optional `postgres` extra; say so rather than trace)
    except ImportError:
        from inspector.core.case.migrations import StoreError

        raise StoreError(
            "this Inspector has no PostgreSQL driver: install it with the 'postgres' extra "
            "(pip install 'inspector[postgres]')"
        ) from None
    engine = create_engine(
        url,
        pool_pre_ping=True,  # a server restart leaves dead pooled connections: test, reconnect
        pool_size=2,
        max_overflow=2,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "inspector"},
    )
    if writer:

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

    return engine
