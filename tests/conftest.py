"""Suite-wide fixtures."""

from __future__ import annotations

import os

# Qt tests run without a display unless the caller chose a platform (e.g. xcb under Xvfb).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# No test may touch the officer's real cases: the whole session gets a scratch data dir (unit
# tests further get one per test, tests/unit/conftest.py).
if "INSPECTOR_DATA_DIR" not in os.environ:
    import tempfile

    os.environ["INSPECTOR_DATA_DIR"] = tempfile.mkdtemp(prefix="inspector-test-data-")


def pytest_configure(config: object) -> None:
    """Refuse to test compiled modules (identifier, survey) older than their sources (an edit
    after `pip install -e .` would be shadowed by the old build, setup.py)."""
    import pytest

    from inspector.native import stale_build_error

    error = stale_build_error()
    if error:
        pytest.exit(error, returncode=4)


# ---- a real PostgreSQL server for the store suite (tests/pgkit.py) ----

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """The PostgreSQL server of the session; skips (or fails under INSPECTOR_REQUIRE_PG=1)."""
    import tempfile

    from tests import pgkit

    # Not under pytest's own temp dir: root keeps that 0700 and the server runs as another user.
    server = pgkit.start_server(Path(tempfile.mkdtemp(prefix="inspector-pg-")))
    if isinstance(server, str):
        if os.environ.get("INSPECTOR_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL is required here (INSPECTOR_REQUIRE_PG=1): {server}")
        pytest.skip(f"no PostgreSQL server: {server}")
    yield server
    if server.started_here:
        server.stop()
        shutil.rmtree(server.dir, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, migrated database of its own for one test."""
    name = pg_server.new_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)
