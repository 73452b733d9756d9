"""`inspector store setup`: a customs post's server made ready in one command: the database,
the schema (migrations.py, with the server's rules), the roles and their grants
(resources/store/roles.sql), and a login role for each desk, member of one of them.

Run once by the post's administrator with a superuser URL; run again after an update of
Inspector (it migrates) or to add desks. Idempotent.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from inspector.core.case.engine import postgres_engine
from inspector.core.case.location import parse_location
from inspector.core.case.migrations import StoreError, migrate, run_script
from inspector.core.paths import resource

ROLES = {"officer": "inspector_officer", "supervisor": "inspector_supervisor",
         "auditor": "inspector_auditor"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DeskLogin:
    name: str
    role: str  # officer | supervisor | auditor
    password: str  # new: shown once, to be put in that desk's [store] url


@dataclass(frozen=True, slots=True)
class SetupResult:
    database: str
    created: bool
    migrated_from: int
    logins: tuple[DeskLogin, ...]


def parse_login(text: str) -> tuple[str, str]:
    """NAME:ROLE, e.g. desk07:officer."""
    name, _, role = text.partition(":")
    if not name.isidentifier() or not name.islower() or role not in ROLES:
        raise StoreError(
            f"login {text!r}: use NAME:ROLE, a lower-case name and one of {', '.join(ROLES)}"
        )
    return name, role


def setup_server(admin_url: str, logins: list[tuple[str, str]]) -> SetupResult:
    where = parse_location(admin_url)
    if where.url is None:
        raise StoreError("store setup is for a PostgreSQL server (postgresql+psycopg://…)")
    from sqlalchemy import make_url, text
    from sqlalchemy.exc import DBAPIError

    url = make_url(where.url)
    database = url.database or ""
    if not database or not database.replace("_", "").isalnum():
        raise StoreError("name the database in the URL: postgresql+psycopg://USER@HOST/inspector")
    server = postgres_engine(url.set(database="postgres").render_as_string(False), writer=False)
    try:
        with server.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            created = not conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": database}
            ).first()
            if created:
                conn.execute(text(f'CREATE DATABASE "{database}"'))
        engine = postgres_engine(where.url, writer=True)
        try:
            found = migrate(engine, None)
            made = []
            with engine.begin() as conn:
                run_script(conn, resource("store", "roles.sql").read_text(encoding="utf-8"))
                conn.execute(text(f'REVOKE CONNECT ON DATABASE "{database}" FROM PUBLIC'))
                conn.execute(
                    text(f'GRANT CONNECT ON DATABASE "{database}" TO {", ".join(ROLES.values())}')
                )
                for name, role in logins:
                    password = secrets.token_urlsafe(18)
                    exists = conn.execute(
                        text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}
                    ).first()
                    verb = "ALTER" if exists else "CREATE"
                    # a role name cannot be a bound parameter; parse_login allows identifiers only
                    conn.execute(text(f"{verb} ROLE {name} LOGIN PASSWORD '{password}'"))
                    for other in ROLES.values():
                        conn.execute(text(f"REVOKE {other} FROM {name}"))
                    conn.execute(text(f"GRANT {ROLES[role]} TO {name}"))
                    made.append(DeskLogin(name, role, password))
        finally:
            engine.dispose()
    except DBAPIError as exc:
        raise StoreError(f"store setup: {str(exc.orig).strip().splitlines()[0]}") from None
    finally:
        server.dispose()
    return SetupResult(database, created, found, tuple(made))
