"""The desk shows what the post's other desks did: its group REFER across desks within 2 s of
the drive that tips it, and "offline — N actions waiting" while the server is away."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from inspector.core.case.records import DeclarationInput, DriveIdentity
from inspector.core.case.store import open_store
from inspector.gui.desk import Traveler
from tests.multidesk.desk import SEED_CAPACITY, seed_scan
from tests.unit.casekit import TB

pytestmark = pytest.mark.gui
GROUP = "Flight to KUL"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def shared(pg_url, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DB_URL", pg_url)
    return pg_url


def _drive(store, case_id, traveler, serial):
    d = store.begin_drive(
        case_id, traveler, DriveIdentity(f"serial:{serial}", f"/dev/{serial}", "Model", serial,
                                         capacity_bytes=SEED_CAPACITY),
    )  # fmt: skip
    store.finish_drive(d.id, seed_scan(serial))


def _save(window, name: str) -> None:
    if os.environ.get("INSPECTOR_SCREENSHOTS"):  # refresh the documentation's pictures
        window.grab().save(str(SHOTS / name))


def test_group_refer_from_other_desks_shown_within_two_seconds(qtbot, shared, desk, recorder):
    with qtbot.waitSignal(recorder.recorded, timeout=10_000):
        desk.state.add_traveler(Traveler("Traveler A", "P1", GROUP, "personal files", 2 * TB))
    banner = desk.post_banner
    assert (
        recorder.store.shared and banner is not None and not banner.isVisible()
    )  # no other desk has the group yet
    with open_store(url=shared) as other:  # desks 2-4, another store object (and connection)
        for n, name in enumerate(("Traveler B", "Traveler C", "Traveler D"), 2):
            case = other.open_case(f"Officer {n}", f"Desk {n}")
            other.add_traveler(case.id, name, group=GROUP,
                               declaration=DeclarationInput("personal files", 2 * TB))  # fmt: skip
            for i in range(3):
                _drive(other, case.id, name, f"D{n}-{i}")
        qtbot.waitUntil(lambda: "PENDING" in banner.text(), timeout=2000)  # A has no drive yet
        _drive(other, recorder.case.id, "Traveler A", "D1-0")  # A's drive, recorded: it tips
        tipped = time.monotonic()
        qtbot.waitUntil(lambda: "REFER" in banner.text(), timeout=2000)
        seen_after = time.monotonic() - tipped
    assert seen_after < 2.0
    assert "4 travelers at 4 desks" in banner.text() and "10 drives" in banner.text()
    _save(desk, "desk-group-refer-across-desks.png")


def test_offline_actions_waiting_shown_then_replayed(qtbot, shared, pg_server, desk, recorder):
    banner = desk.post_banner
    pg_server.stop()
    try:
        with qtbot.waitSignal(recorder.recorded, timeout=15_000):
            desk.state.add_traveler(Traveler("Traveler A", "P1", GROUP, "personal files", 2 * TB))
        qtbot.waitUntil(lambda: "offline — 1 actions waiting" in banner.text(), timeout=5000)
        _save(desk, "desk-offline-actions-waiting.png")
    finally:
        pg_server.start_again()
    qtbot.waitUntil(lambda: "offline" not in banner.text(), timeout=15_000)
    assert [t.name for t in recorder.store.travelers(recorder.case.id)] == ["Traveler A"]
