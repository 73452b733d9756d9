"""The desk end to end on a folder backend: hot-plug, scans, assignment, totals, verdicts."""

from __future__ import annotations

import gc
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from inspector.core.media.drives.model import DriveEvent, DriveEventKind
from inspector.gui.desk import DriveStatus
from tests.gui.conftest import TB, make_folder
from tests.gui.fakes import FolderBackend, GateFS

pytestmark = pytest.mark.gui


def add_traveler(window, name: str, volume: str = "2 TB", group: str = "") -> None:
    form = window.form
    form.name.setText(name)
    form.document.setText("P1234567")
    form.group.setText(group)
    form.declaration.setText("personal backups")
    form.volume.setText(volume)
    assert form.submit(), form.error.text()


def wait_status(qtbot, window, identity: str, *statuses: DriveStatus, timeout: int = 10_000):
    def reached() -> bool:
        return (
            identity in window.state.identities() and window.state.row(identity).status in statuses
        )

    try:
        qtbot.waitUntil(reached, timeout=timeout)
    except Exception:
        raise AssertionError(f"status {window.state.row(identity)}") from None
    return window.state.row(identity)


def test_three_drives_assigned_update_totals_and_verdict(qtbot, desk, backend, tmp_path: Path):
    add_traveler(desk, "Ana Example")
    drives = []
    for i in range(3):
        folder = make_folder(tmp_path, f"d{i}", files=4 + i)
        drive = FolderBackend.make_drive(folder, f"S{i}", f"bay {i + 1}", 8 * TB)
        backend.plug(drive, folder)
        drives.append(drive)
    qtbot.waitUntil(lambda: desk.drives_model.rowCount() == 3)  # rows appear without user action
    for d in drives:
        row = wait_status(qtbot, desk, d.identity, DriveStatus.DONE)
        assert row.result is not None and row.result.complete

    before = desk.state.assess_traveler("Ana Example")
    # no drive yet: PENDING, never a green CLEAR
    assert before.totals.drives == 0 and before.verdict.verdict == "pending"

    desk.assign([drives[0].identity, drives[1].identity], "Ana Example")
    two = desk.state.assess_traveler("Ana Example")
    assert two.totals.drives == 2 and two.totals.capacity_bytes == 16 * TB
    assert two.verdict.verdict == "clear" and two.pending == 0

    desk.assign([drives[2].identity], "Ana Example")
    three = desk.state.assess_traveler("Ana Example")
    assert three.totals.capacity_bytes == 24 * TB
    assert three.totals.used_bytes == (4 + 5 + 6) * 1000
    assert three.verdict.verdict == "refer"
    assert any("24.0 TB of capacity" in r for r in three.verdict.reasons)
    # what the officer sees: the traveler row and the totals panel
    desk.panel.show_traveler("Ana Example")
    assert desk.panel.traveler_box.badge.text() == "REFER"
    assert "24.0 TB" in desk.panel.traveler_box.fields["capacity"].text()
    assert desk.travelers_model.data(desk.travelers_model.index(0, 7)) == "REFER"


def test_status_line_says_read_only_and_backend(desk):
    text = desk.status_label.text()
    assert text.startswith("Read-only · backend: folder (test)")


def test_desk_freezes_its_start_up_objects_out_of_the_collector(desk):
    """Qt, the libraries and the window (~70k objects) are frozen once the desk is built: a
    full collection no longer walks them in a scan's thread while the desk waits for the GIL
    (60-70 ms each, the GUI stall of docs/benchmarks.md)."""
    assert gc.get_freeze_count() > 10_000


def test_cancel_leaves_an_incomplete_partial_result(qtbot, desk, backend, tmp_path: Path):
    gate = threading.Event()
    backend.view = GateFS(gate)
    folder = make_folder(tmp_path, "big", files=2000, size=0)
    drive = FolderBackend.make_drive(folder, "C1", "bay 1", 8 * TB)
    backend.plug(drive, folder)
    wait_status(qtbot, desk, drive.identity, DriveStatus.MOUNTING, DriveStatus.SURVEYING)
    desk.select_drive(drive.identity)
    assert desk.detail.cancel_button.isEnabled()
    desk.detail.cancel_button.click()
    gate.set()
    row = wait_status(qtbot, desk, drive.identity, DriveStatus.INCOMPLETE)
    assert row.result is not None and not row.result.complete
    assert row.result.survey.files < 2000
    qtbot.waitUntil(lambda: desk.controller.runner.active() == 0)


def test_removed_drive_shows_removed_with_partial_result(qtbot, desk, backend, tmp_path: Path):
    gate = threading.Event()
    backend.view = GateFS(gate)
    folder = make_folder(tmp_path, "pulled", files=2000, size=0)
    drive = FolderBackend.make_drive(folder, "R1", "bay 2", 8 * TB)
    backend.plug(drive, folder)
    qtbot.waitUntil(backend.mounted.is_set)  # pulled mid-scan, after its filesystem mounted
    backend.pull(drive)
    wait_status(qtbot, desk, drive.identity, DriveStatus.REMOVED)
    gate.set()
    qtbot.waitUntil(lambda: desk.state.row(drive.identity).finished, timeout=10_000)
    row = desk.state.row(drive.identity)
    assert row.status == DriveStatus.REMOVED and not row.present
    assert not row.result.complete
    r = desk.drives_model.row_of(drive.identity)
    assert desk.drives_model.data(desk.drives_model.index(r, 7)) == "removed (partial result kept)"


def test_replugged_drive_is_not_counted_twice(qtbot, desk, backend, tmp_path: Path):
    folder = make_folder(tmp_path, "again")
    drive = FolderBackend.make_drive(folder, "P1", "bay 3", 8 * TB)
    backend.plug(drive, folder)
    wait_status(qtbot, desk, drive.identity, DriveStatus.DONE)
    backend.pull(drive)
    wait_status(qtbot, desk, drive.identity, DriveStatus.REMOVED)
    backend.plug(drive, folder)
    wait_status(qtbot, desk, drive.identity, DriveStatus.DONE)
    assert desk.drives_model.rowCount() == 1


def test_scan_error_shows_in_row_and_detail(qtbot, desk, backend, tmp_path: Path):
    backend.mount_error = OSError(5, "Input/output error")
    folder = make_folder(tmp_path, "bad")
    drive = FolderBackend.make_drive(folder, "E1", "bay 4", 8 * TB)
    backend.plug(drive, folder)
    row = wait_status(qtbot, desk, drive.identity, DriveStatus.ERROR)
    assert row.error == "/dev/test-E1: Input/output error"  # one line, no traceback
    desk.select_drive(drive.identity)
    assert "Input/output error" in desk.detail.warnings.text()
    r = desk.drives_model.row_of(drive.identity)
    assert desk.drives_model.data(desk.drives_model.index(r, 10)) == "1"


def test_rescan_with_larger_budget(qtbot, desk, backend, tmp_path: Path):
    folder = make_folder(tmp_path, "again")
    drive = FolderBackend.make_drive(folder, "B1", "bay 5", 8 * TB)
    backend.plug(drive, folder)
    wait_status(qtbot, desk, drive.identity, DriveStatus.DONE)
    desk.select_drive(drive.identity)
    desk.detail.rescan_button.click()
    assert desk.state.row(drive.identity).budget_s == pytest.approx(2.0)
    wait_status(qtbot, desk, drive.identity, DriveStatus.DONE)


def test_declaration_lots_is_rejected_with_a_hint(desk):
    form = desk.form
    form.name.setText("Bo")
    form.volume.setText("lots")
    assert not form.submit()
    assert "use a size such as 2 TB" in form.error.text()
    assert form.error.isVisibleTo(desk)
    assert desk.state.travelers() == []


def test_duplicate_traveler_is_rejected(desk):
    add_traveler(desk, "Cy")
    desk.form.name.setText("Cy")
    assert not desk.form.submit()
    assert "already in this case" in desk.form.error.text()


def test_drag_and_drop_assigns_drives(qtbot, desk, backend, tmp_path: Path):
    from PySide6.QtCore import QModelIndex, Qt

    add_traveler(desk, "Dee")
    folder = make_folder(tmp_path, "dd")
    drive = FolderBackend.make_drive(folder, "D1", "bay 6", 8 * TB)
    backend.plug(drive, folder)
    qtbot.waitUntil(lambda: desk.drives_model.rowCount() == 1)
    mime = desk.drives_model.mimeData([desk.drives_model.index(0, 0)])
    target = desk.travelers_model.index(0, 0)
    assert desk.travelers_model.canDropMimeData(mime, Qt.DropAction.LinkAction, -1, -1, target)
    assert desk.travelers_model.dropMimeData(mime, Qt.DropAction.LinkAction, -1, -1, target)
    assert desk.state.row(drive.identity).traveler == "Dee"
    assert not desk.travelers_model.canDropMimeData(
        mime, Qt.DropAction.LinkAction, -1, -1, QModelIndex()
    )
    wait_status(qtbot, desk, drive.identity, DriveStatus.DONE)


def test_bay_map_assigns_present_and_future_drives(qtbot, desk, backend, tmp_path: Path):
    add_traveler(desk, "Eve", group="G1")
    first = make_folder(tmp_path, "b1")
    d1 = FolderBackend.make_drive(first, "M1", "bay 7", 8 * TB)
    backend.plug(d1, first)
    qtbot.waitUntil(lambda: desk.bay_map.table.rowCount() == 1)
    combo = desk.bay_map.table.cellWidget(0, 1)
    combo.setCurrentIndex(1)  # "Eve"
    assert desk.state.row(d1.identity).traveler == "Eve"
    wait_status(qtbot, desk, d1.identity, DriveStatus.DONE)
    backend.pull(d1)
    second = make_folder(tmp_path, "b2")
    d2 = FolderBackend.make_drive(second, "M2", "bay 7", 8 * TB)
    backend.plug(d2, second)
    wait_status(qtbot, desk, d2.identity, DriveStatus.DONE)
    assert desk.state.row(d2.identity).traveler == "Eve"
    group = desk.state.assess_group("G1")
    assert group.totals.drives == 2


def test_context_menu_assign(qtbot, desk, backend, tmp_path: Path):
    add_traveler(desk, "Fay")
    folder = make_folder(tmp_path, "cm")
    drive = FolderBackend.make_drive(folder, "X1", "bay 8", 8 * TB)
    backend.plug(drive, folder)
    qtbot.waitUntil(lambda: desk.drives_model.rowCount() == 1)
    desk.select_drive(drive.identity)
    menu = desk.build_drive_menu()
    assign = next(a for a in menu.actions() if a.text() == "Assign to").menu()
    next(a for a in assign.actions() if a.text() == "Fay").trigger()
    assert desk.state.row(drive.identity).traveler == "Fay"
    wait_status(qtbot, desk, drive.identity, DriveStatus.DONE)


def test_events_after_close_start_no_thread(qtbot, desk, backend, tmp_path: Path):
    """Hot-plug events still queued when the window closes must not start scans (a QThread
    destroyed while running aborts the process)."""
    folder = make_folder(tmp_path, "late")
    drive = FolderBackend.make_drive(folder, "L1", "bay 9", 8 * TB)
    listener = backend.listener
    desk.close()
    assert listener is not None
    listener(DriveEvent(DriveEventKind.ADDED, drive))  # as a backend thread might, late
    qtbot.wait(50)
    assert desk.controller.runner.active() == 0
    assert drive.identity not in desk.state.identities()


def test_scans_wait_in_a_queue_and_all_finish(qtbot, desk, backend, tmp_path: Path):
    desk.controller.max_parallel = 1  # one reader at a time, as for one spindle
    drives = []
    for i in range(3):
        folder = make_folder(tmp_path, f"q{i}")
        drive = FolderBackend.make_drive(folder, f"Q{i}", f"bay {i + 20}", 8 * TB)
        backend.plug(drive, folder)
        drives.append(drive)
    qtbot.waitUntil(lambda: len(desk.state.rows()) == 3)
    seen = {desk.state.row(d.identity).status for d in drives}
    assert DriveStatus.QUEUED in seen or DriveStatus.DONE in seen
    for d in drives:
        wait_status(qtbot, desk, d.identity, DriveStatus.DONE)


def test_shared_serial_and_small_filesystem_are_warned(qtbot, desk, backend, tmp_path: Path):
    a, b = make_folder(tmp_path, "w1"), make_folder(tmp_path, "w2")
    d1 = FolderBackend.make_drive(a, "DUP", "bay 30", 8 * TB)
    d2 = replace(FolderBackend.make_drive(b, "DUP", "bay 31", 8 * TB), identity="test:DUP-2")
    backend.plug(d1, a)
    backend.plug(d2, b)
    for d in (d1, d2):
        row = wait_status(qtbot, desk, d.identity, DriveStatus.DONE)
        assert any("serial DUP is also reported" in w for w in row.warnings())
    # the fake filesystem is as big as the label: no capacity warning
    assert not any(w.startswith("capacity:") for w in desk.state.row(d1.identity).warnings())
    small = replace(d1, identity="test:fake", serial="FAKE", capacity_bytes=2 * TB)
    backend.fs_sizes[small.identity] = 64 * 10**9  # a 64 GB chip sold as "2 TB"
    backend.plug(small, a)
    row = wait_status(qtbot, desk, small.identity, DriveStatus.DONE)
    assert any(w.startswith("capacity: the drive reports") for w in row.warnings())


def test_cancelling_a_queued_rescan_keeps_the_result(qtbot, desk, backend, tmp_path: Path):
    folder = make_folder(tmp_path, "rq")
    drive = FolderBackend.make_drive(folder, "RQ1", "bay 40", 8 * TB)
    backend.plug(drive, folder)
    wait_status(qtbot, desk, drive.identity, DriveStatus.DONE)
    desk.controller.max_parallel = 0  # no free slot: the re-scan waits in the queue
    desk.controller.rescan(drive.identity, larger=True)
    assert desk.state.row(drive.identity).status == DriveStatus.QUEUED
    desk.controller.cancel(drive.identity)
    row = desk.state.row(drive.identity)
    assert row.status == DriveStatus.DONE and row.result is not None
