"""GUI fixtures: a desk on a folder backend, and a guard against leaked QThreads."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gui.fakes import FolderBackend

KB = 1000
TB = 10**12


@pytest.fixture(autouse=True)
def no_thread_left_running(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any test that leaves a QThread running (napari's habit): record every start."""
    from PySide6.QtCore import QThread

    started: list[QThread] = []
    original = QThread.start

    def recording_start(self: QThread, *args: object) -> None:
        started.append(self)
        original(self, *args)

    monkeypatch.setattr(QThread, "start", recording_start)
    yield
    running = []
    for t in started:
        try:
            if t.isRunning():
                running.append(t.objectName())
        except RuntimeError:  # already deleted by Qt: not running
            pass
    assert not running, f"QThreads still running after the test: {running}"


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))


def make_folder(root: Path, name: str, files: int = 3, size: int = KB) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for i in range(files):
        (folder / f"part-{i:05d}.bin").write_bytes(b"\0" * size)
    return folder


def estimate_policy():  # type: ignore[no-untyped-def]
    """The default thresholds compared on estimates. A survey-only scan knows nothing of the
    content, so the shipped upper-bound policy (rightly) refers it on "could be encrypted";
    these tests are about totals, which the estimate basis isolates."""
    from inspector.core.case.policy import default_policy_path, parse_policy

    text = default_policy_path().read_text().replace('compare = "upper"', 'compare = "estimate"')
    assert 'compare = "estimate"' in text
    return parse_policy(text, "test-estimate")


@pytest.fixture
def backend() -> FolderBackend:
    return FolderBackend()


@pytest.fixture
def desk(qtbot, backend: FolderBackend):  # type: ignore[no-untyped-def]
    from inspector.gui.app import build_desk

    window = build_desk(backend, policy=estimate_policy(), budget_s=0.5, seed=1)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()  # stops the watch and joins every worker thread


@pytest.fixture
def recorder(desk):  # type: ignore[no-untyped-def]
    """The desk recording into a new case of the (test) live store."""
    from inspector.gui.case_record import CaseRecorder, open_case_store

    store, case = open_case_store(False, "officer 7", "desk 3")
    rec = CaseRecorder(desk.state, store, case)
    desk.attach_case(rec)
    return rec


assert os.environ.get("QT_QPA_PLATFORM")  # set by tests/conftest.py
