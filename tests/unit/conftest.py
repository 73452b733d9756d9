"""Unit-test fixtures: every test gets its own data dir (never the officer's real cases)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector.core.case.store import Store, open_store


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "data"
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(d))
    return d


@pytest.fixture(params=["sqlite", "postgresql"])
def store_engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The store suite runs on both engines: on "postgresql" every open_store() of the test
    (live store) goes to a fresh database on the session's server ($INSPECTOR_DB_URL)."""
    if request.param == "postgresql":
        monkeypatch.setenv("INSPECTOR_DB_URL", request.getfixturevalue("pg_url"))
    return str(request.param)


@pytest.fixture
def store(store_engine: str) -> Iterator[Store]:
    with open_store() as s:
        yield s
