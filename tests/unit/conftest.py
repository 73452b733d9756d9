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


@pytest.fixture
def store() -> Iterator[Store]:
    with open_store() as s:
        yield s
