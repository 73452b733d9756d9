"""A real PostgreSQL server for the store suite: the one scripts/run-tests.sh started
($INSPECTOR_TEST_PG_URL), else a private cluster started here for the session (when the
server binaries are installed), else the PostgreSQL cases skip, or fail where
$INSPECTOR_REQUIRE_PG=1 (CI: a missing server must not pass as green).

Each test gets a database of its own, copied from a migrated template (fast: a file copy).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = "inspector_template"


@dataclass
class PgServer:
    admin_url: str  # postgresql+psycopg://user@/postgres?host=DIR
    dir: Path
    bin: Path
    user: str
    started_here: bool

    def url(self, db: str) -> str:
        base, _, query = self.admin_url.partition("?")
        return f"{base.rsplit('/', 1)[0]}/{db}?{query}"

    def admin(self, *sql: str, db: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(_libpq(self.url(db)), autocommit=True) as conn:
            for statement in sql:
                conn.execute(statement)

    def new_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE}')
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def pid(self) -> int:
        return int((self.dir / "data" / "postmaster.pid").read_text().split()[0])

    def stop(self) -> None:
        subprocess.run(
            ["bash", str(ROOT / "scripts/pg-cluster.sh"), "stop", str(self.dir)], check=True
        )

    def start_again(self) -> None:
        """Start the same cluster after stop() (a server restart)."""
        cmd = [str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-l",
               str(self.dir / "server.log"), "-w", "-t", "60", "start"]  # fmt: skip
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _make_template(server: PgServer) -> None:
    import psycopg

    with psycopg.connect(_libpq(server.admin_url), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (TEMPLATE,)
        ).fetchone()
    if exists:
        server.admin(f"DROP DATABASE {TEMPLATE} WITH (FORCE)")
    server.admin(f"CREATE DATABASE {TEMPLATE}")
    from inspector.core.case.engine import postgres_engine
    from inspector.core.case.migrations import migrate

    engine = postgres_engine(server.url(TEMPLATE), writer=True)
    try:
        migrate(engine, None)
    finally:
        engine.dispose()


def start_server(tmp: Path) -> PgServer | str:
    """The server to test against, or why there is none."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]')"
    url = os.environ.get("INSPECTOR_TEST_PG_URL")
    if url:
        server = PgServer(
            url,
            Path(os.environ["INSPECTOR_TEST_PG_DIR"]),
            Path(os.environ["INSPECTOR_TEST_PG_BIN"]),
            os.environ.get("INSPECTOR_TEST_PG_USER", ""),
            False,
        )
    else:
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not bins:
            return "no PostgreSQL server installed (apt-get install postgresql)"
        tmp.mkdir(parents=True, exist_ok=True)
        out = subprocess.run(
            ["bash", str(ROOT / "scripts/pg-cluster.sh"), "start", str(tmp)],
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            return f"cannot start a private PostgreSQL cluster: {out.stderr.strip()[-300:]}"
        env = dict(_pairs(out.stdout))
        server = PgServer(
            env["INSPECTOR_TEST_PG_URL"],
            tmp,
            Path(env["INSPECTOR_TEST_PG_BIN"]),
            env["INSPECTOR_TEST_PG_USER"],
            True,
        )
    for _ in range(50):
        try:
            _make_template(server)
            return server
        except Exception as exc:  # the server may still be starting
            last = exc
            time.sleep(0.2)
    if server.started_here:
        server.stop()
        shutil.rmtree(server.dir, ignore_errors=True)
    return f"PostgreSQL server at {server.dir} does not answer: {last}"


def _pairs(text: str) -> list[tuple[str, str]]:
    import shlex

    out = []
    for token in shlex.split(text):
        if "=" in token and token != "export":
            key, _, value = token.partition("=")
            out.append((key, value))
    return out
