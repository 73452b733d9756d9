"""Stepwise schema migrations of the case database, with a backup taken before the first step.

Each step upgrades version n to n+1 in its own transaction; a database newer than this build is
refused (an old desk must not write into a newer schema it does not understand).
"""

from __future__ import annotations

import sqlite3
import tomllib
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, select, text, update

from inspector.core.case.schema import (
    SCHEMA_VERSION,
    audit,
    audit_anchor,
    cases,
    desk_actions,
    drives,
    meta,
    metadata,
    travel_groups,
    travelers,
)
from inspector.core.errors import InspectorError
from inspector.core.paths import resource


class StoreError(InspectorError):
    """The case database cannot be opened, migrated or written."""


def schema_version(conn: Connection) -> int:
    """0 for an empty database."""
    if not inspect(conn).has_table("meta"):
        return 0
    value = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    try:
        return int(value) if value is not None else 0
    except ValueError:
        raise StoreError(f"case database has a damaged schema version {value!r}") from None


def _set_version(conn: Connection, version: int) -> None:
    conn.execute(update(meta).where(meta.c.key == "schema_version").values(value=str(version)))


def _v1_to_v2(conn: Connection) -> None:
    """v2: training flag and policy name on cases, mount options on drives."""
    conn.execute(text("ALTER TABLE cases ADD COLUMN training BOOLEAN NOT NULL DEFAULT 0"))
    conn.execute(text("ALTER TABLE cases ADD COLUMN policy_name TEXT NOT NULL DEFAULT ''"))
    conn.execute(text("ALTER TABLE drives ADD COLUMN mount_options TEXT"))
    for row in conn.execute(select(cases.c.id, cases.c.policy_text)).all():
        try:
            name = str(tomllib.loads(row.policy_text).get("policy", {}).get("name", ""))
        except tomllib.TOMLDecodeError:
            name = ""
        conn.execute(update(cases).where(cases.c.id == row.id).values(policy_name=name))


_DRIVE_COLUMNS = (
    "id, case_id, traveler_id, identity_key, target, model, serial, wwn, capacity_bytes, bay, "
    "mount_options, started_at, finished_at, complete, result_json, result_hash"
)


def _v2_to_v3(conn: Connection) -> None:
    """v3: drives.traveler_id may be NULL (a drive recorded before anyone is named as its
    carrier, or unassigned later). SQLite cannot relax NOT NULL in place: the table is rebuilt
    from the current schema and its rows copied, ids kept (the audit log names drives by id)."""
    conn.execute(text("ALTER TABLE drives RENAME TO drives_v2"))
    drives.create(conn)
    conn.execute(
        text(f"INSERT INTO drives ({_DRIVE_COLUMNS}) SELECT {_DRIVE_COLUMNS} FROM drives_v2")
    )
    conn.execute(text("DROP TABLE drives_v2"))


def _v3_to_v4(conn: Connection) -> None:
    """v4: groups as records of the store (a group named in a case becomes one, closed with
    it; travelers without a group stay judged per case), the audit anchor in the database, and
    the ids of actions applied (a desk's offline journal replays each exactly once)."""
    for table in (travel_groups, audit_anchor, desk_actions):
        table.create(conn)
    conn.execute(
        text("ALTER TABLE travelers ADD COLUMN group_id INTEGER REFERENCES travel_groups(id)")
    )
    named = conn.execute(
        select(travelers.c.case_id, travelers.c.grp, cases.c.opened_at, cases.c.officer)
        .join(cases, cases.c.id == travelers.c.case_id)
        .where(travelers.c.grp.is_not(None))
        .distinct()
        .order_by(travelers.c.case_id, travelers.c.grp)
    ).all()
    for row in named:
        closed = conn.execute(select(cases.c.closed_at).where(cases.c.id == row.case_id)).scalar()
        group_id = conn.execute(
            travel_groups.insert().values(
                name=row.grp, opened_at=row.opened_at, opened_by=row.officer, closed_at=closed
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        conn.execute(
            update(travelers)
            .where(travelers.c.case_id == row.case_id, travelers.c.grp == row.grp)
            .values(group_id=group_id)
        )
    head = conn.execute(select(audit.c.seq, audit.c.hash).order_by(audit.c.seq.desc())).first()
    if head is not None:
        conn.execute(audit_anchor.insert().values(id=1, seq=head.seq, hash=head.hash))


def _v4_to_v5(conn: Connection) -> None:
    """v5: each traveler's language (their receipt is printed in it); travelers recorded
    before it get English, what their receipts were printed in."""
    conn.execute(text("ALTER TABLE travelers ADD COLUMN language TEXT NOT NULL DEFAULT 'en'"))


STEPS: dict[int, Callable[[Connection], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
}


def install_server_rules(conn: Connection) -> None:
    """PostgreSQL only: the rules the server itself enforces whoever connects (the audit log is
    append-only, policy edits and closing a REFER need a supervisor): resources/store/rules.sql.
    Idempotent; run by whoever owns the schema (migrations, `inspector store setup`)."""
    if conn.dialect.name != "postgresql":
        return
    run_script(conn, resource("store", "rules.sql").read_text(encoding="utf-8"))


def run_script(conn: Connection, sql: str) -> None:
    """A SQL file of several statements, through the driver's cursor without parameters (so
    the '%' of PL/pgSQL's RAISE stay its own)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
    finally:
        cursor.close()


def backup_path(db_path: Path, version: int) -> Path:
    return db_path.with_name(f"{db_path.name}.v{version}.bak")


def _backup(db_path: Path, version: int) -> Path:
    """A consistent copy through SQLite's backup API (a file copy could miss the WAL)."""
    target = backup_path(db_path, version)
    src = sqlite3.connect(db_path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def migrate(engine: Engine, db_path: Path | None) -> int:
    """Bring the database to SCHEMA_VERSION; return the version found before. `db_path`: the
    SQLite file (backed up before a step), None for a server (back it up with pg_dump)."""
    with engine.begin() as conn:  # a server's writers lock first (engine.py): one migrates
        found = schema_version(conn)
        if found == 0:
            metadata.create_all(conn)
            conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
            install_server_rules(conn)
            return 0
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"case database schema v{found} is newer than this Inspector understands "
            f"(v{SCHEMA_VERSION}); update Inspector"
        )
    if found < SCHEMA_VERSION and db_path is not None:
        _backup(db_path, found)
    for version in range(found, SCHEMA_VERSION):
        with engine.begin() as conn:
            if schema_version(conn) != version:  # another desk migrated it meanwhile
                continue
            STEPS[version](conn)
            _set_version(conn, version + 1)
            if version + 1 == SCHEMA_VERSION:
                install_server_rules(conn)
    return found
