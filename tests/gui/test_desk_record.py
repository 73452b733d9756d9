"""[desk-record] on the desk: what the desk shows is what the case records. One test (at least)
per point of the issue; each fails on the desk before the change."""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication

from inspector.core.media.drives.model import Drive, Partition
from inspector.gui.desk import DriveStatus, Traveler
from inspector.gui.models import drives as dcol
from inspector.gui.models import travelers as tcol
from tests.gui.conftest import TB, make_folder
from tests.gui.fakes import FolderBackend, GateFS
from tests.gui.test_desk import wait_status

pytestmark = pytest.mark.gui
pytest.importorskip("inspector.core.case.store")

ROOT = Path(__file__).resolve().parents[2]


def _plug(qtbot, desk, backend, tmp_path, serial, bay="bay 1", capacity=8 * TB, **kw):
    folder = make_folder(tmp_path, serial)
    drive = dataclasses.replace(FolderBackend.make_drive(folder, serial, bay, capacity), **kw)
    backend.plug(drive, folder)
    wait_status(qtbot, desk, drive.identity, DriveStatus.DONE, DriveStatus.INCOMPLETE)
    return drive


def _menu_action(menu, *path: str):  # type: ignore[no-untyped-def]
    for name in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.text() == name)
    return next(a for a in menu.actions() if a.text() == path[-1])


def _stored(recorder, identity, traveler):  # type: ignore[no-untyped-def]
    store, case_id = recorder.store, recorder.case.id
    names = {t.id: t.name for t in store.travelers(case_id)}

    def ok() -> bool:
        found = [d for d in store.drives(case_id) if d.identity.key == identity]
        return bool(found) and found[0].complete and names_of(found[0]) == traveler

    def names_of(d):  # type: ignore[no-untyped-def]
        names.update({t.id: t.name for t in store.travelers(case_id)})
        return None if d.traveler_id is None else names[d.traveler_id]

    return ok


# 1 -------------------------------------------------------------------------------------------
def test_reassign_then_unassign_on_the_desk_is_what_export_and_case_show_say(
    qtbot, desk, backend, recorder, tmp_path: Path, capsys
):
    from inspector.cli import main

    for name in ("Traveler A", "Traveler B"):
        desk.state.add_traveler(Traveler(name, declaration="photos", declared_bytes=TB))
    drive = _plug(qtbot, desk, backend, tmp_path, "S1")
    desk.select_drive(drive.identity)
    _menu_action(desk.build_drive_menu(), "Assign to", "Traveler A").trigger()
    qtbot.waitUntil(_stored(recorder, drive.identity, "Traveler A"), timeout=10_000)
    _menu_action(desk.build_drive_menu(), "Assign to", "Traveler B").trigger()  # Menu key path
    qtbot.waitUntil(_stored(recorder, drive.identity, "Traveler B"), timeout=10_000)
    model = desk.drives_model
    assert model.data(model.index(0, dcol.TRAVELER)) == "Traveler B"
    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(recorder.message, timeout=60_000):
        recorder.export(out)
    case_id = recorder.case.id
    report = json.loads((out / f"case-{case_id}.json").read_text())
    assert [d["traveler"] for d in report["drives"]] == ["Traveler B"]
    csv = (out / f"case-{case_id}.csv").read_text(encoding="utf-8-sig")
    assert any(line.startswith("drive,") and "Traveler B" in line for line in csv.splitlines())
    capsys.readouterr()
    assert main(["case", "show", str(case_id), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    carried = {t["name"]: [d["identity"] for d in t["drives"]] for t in shown["travelers"]}
    assert carried == {"Traveler A": [], "Traveler B": [drive.identity]}
    assert shown["travelers"][0]["verdict"] == "pending"  # A lost the drive: no drive now

    _menu_action(desk.build_drive_menu(), "Unassign").trigger()
    qtbot.waitUntil(_stored(recorder, drive.identity, None), timeout=10_000)
    assert main(["case", "show", str(case_id), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [d["identity"] for d in shown["unassigned_drives"]] == [drive.identity]
    assert shown["verdict"] == "pending" and shown["provisional"]
    kinds = [e.kind for e in recorder.store.audit_entries(case_id)]
    assert kinds.count("drive assigned") == 2 and kinds.count("drive unassigned") == 1


# 2 -------------------------------------------------------------------------------------------
def test_a_traveler_without_drives_is_pending_not_green(qtbot, desk):
    from inspector.gui.widgets.colors import clear_color

    desk.state.add_traveler(Traveler("Nobody Yet", declaration="nothing", declared_bytes=0))
    model = desk.travelers_model
    cell = model.index(0, tcol.VERDICT)
    assert model.data(cell) == "PENDING"
    assert model.data(cell, model_role("ForegroundRole")) != clear_color(QApplication.palette())
    desk.travelers_view.selectRow(0)
    box = desk.panel.traveler_box
    assert box.badge.text() == "PENDING"
    assert "no drive assigned yet" in box.reasons.text()


def model_role(name: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return getattr(Qt.ItemDataRole, name)


# 3 -------------------------------------------------------------------------------------------
def test_export_while_a_drive_scans_is_provisional_and_lists_unassigned(
    qtbot, desk, backend, recorder, tmp_path: Path
):
    gate = threading.Event()
    backend.view = GateFS(gate)
    folder = make_folder(tmp_path, "slow")
    drive = FolderBackend.make_drive(folder, "S2", "bay 2", 4 * TB)
    try:
        backend.plug(drive, folder)
        wait_status(qtbot, desk, drive.identity, DriveStatus.SURVEYING, DriveStatus.MOUNTING)
        store, case_id = recorder.store, recorder.case.id
        qtbot.waitUntil(lambda: len(store.drives(case_id)) == 1, timeout=10_000)
        out = tmp_path / "out"
        out.mkdir()
        with qtbot.waitSignal(recorder.message, timeout=60_000):
            recorder.export(out)
        doc = json.loads((out / f"case-{case_id}.json").read_text())
        assert doc["provisional"] is True and doc["verdict"] == "pending"
        assert len(doc["unassigned_drives"]) == 1
        assert any("still scanning" in item for item in doc["open_items"])
        assert "1 not assigned to a traveler" in desk.status_label.text()  # not out of sight
    finally:
        gate.set()
    wait_status(qtbot, desk, drive.identity, DriveStatus.DONE)


# 4 -------------------------------------------------------------------------------------------
class ImageBackend(FolderBackend):
    """A backend that opens images, as the udev one does (attach read-only as a loop)."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.attached: list[str] = []
        self.detached = False

    def attach_image(self, path: str) -> Drive:
        part = Partition("/dev/loop9", 0, 0, 64 * 10**6, "ext4", "uuid-9", "VAULT")
        drive = Drive("image:evidence.img:64000000:uuid-9", "/dev/loop9", None, None, None,
                      None, "loop", None, None, 64 * 10**6, partitions=(part,),
                      backing_file=path)  # fmt: skip
        self._drives[drive.identity] = (drive, self.folder)
        self.attached.append(path)
        return drive

    def detach_images(self) -> None:
        self.detached = True


def test_open_image_puts_the_image_on_the_desk_by_its_file_and_label(qtbot, tmp_path: Path):
    from inspector.gui.app import build_desk
    from tests.gui.conftest import estimate_policy

    backend = ImageBackend(make_folder(tmp_path, "img"))
    window = build_desk(backend, policy=estimate_policy(), budget_s=0.5, seed=1)
    qtbot.addWidget(window)
    assert window.open_image_action.isEnabled()
    window.controller.open_image(str(tmp_path / "evidence.img"))
    qtbot.waitUntil(lambda: len(window.state.rows()) == 1, timeout=10_000)
    model = window.drives_model
    assert model.data(model.index(0, dcol.MODEL)) == "image evidence.img"
    assert model.data(model.index(0, dcol.SERIAL)) == "VAULT"
    window.close()
    assert backend.detached  # images we attached are detached with the desk


def test_the_live_desk_takes_include_loop_and_a_bay_map(monkeypatch):
    from inspector.cli import build_parser
    from inspector.gui import app

    args = build_parser("gui").parse_args(
        ["gui", "--include-loop", "--bays", str(ROOT / "resources/bays/example-15-bay-sas.toml")]
    )
    backend = app.udev_backend(args.include_loop, args.bays)
    assert backend.include_loop is True and len(backend.bays.rules) == 15  # type: ignore[attr-defined]
    assert backend.wants("loop0") and not app.udev_backend().wants("loop0")  # type: ignore[attr-defined]


# 5 -------------------------------------------------------------------------------------------
def test_bay_labels_edited_in_the_bays_tab_label_the_drives(qtbot, desk, backend, tmp_path):
    port = "pci-0000:03:00.0-sas-exp0x500605b0000272bf-phy12-lun-0"
    drive = _plug(qtbot, desk, backend, tmp_path, "S5", bay=None, port_path=port)
    dialog = desk.edit_bay_labels()
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText("[[bay]]\nport = 'x'\n")
    assert not dialog.submit() and "label" in dialog.error.text()
    dialog._load_example()
    assert dialog.submit()
    assert desk.state.row(drive.identity).drive.bay == "C03"
    assert desk.drives_model.data(desk.drives_model.index(0, dcol.BAY)) == "C03"
    qtbot.waitUntil(lambda: "C03" in desk.bay_map.bays())


# 6 -------------------------------------------------------------------------------------------
def test_the_desk_fits_a_1280x720_screen_with_verdict_and_status_visible(qtbot, desk):
    from inspector.gui.main_window import initial_size

    assert initial_size(QSize(1366, 768)).height() <= 768
    assert initial_size(QSize(1366, 768)).width() <= 1366
    hint = desk.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720, hint
    desk.state.add_traveler(Traveler("Ana", declaration="x", declared_bytes=0))
    desk.travelers_view.selectRow(0)
    desk.resize(1280, 720)
    qtbot.waitUntil(lambda: desk.size() == QSize(1280, 720))
    QApplication.processEvents()
    window = QRect(QPoint(0, 0), desk.size())
    status = desk.status_label
    assert status.isVisible() and window.contains(
        QRect(status.mapTo(desk, QPoint(0, 0)), status.size())
    )
    badge = desk.panel.traveler_box.badge
    desk.panel_scroll.ensureWidgetVisible(badge)
    top_left = badge.mapTo(desk, QPoint(0, 0))
    assert window.contains(QRect(top_left, badge.size())), (top_left, badge.size())


# 7 / 8 ---------------------------------------------------------------------------------------
def test_panel_states_the_interval_rule_once_and_shows_drive_warnings(
    qtbot, desk, backend, tmp_path
):
    desk.state.add_traveler(Traveler("Ana", declaration="photos", declared_bytes=TB))
    folder = make_folder(tmp_path, "fake")
    drive = FolderBackend.make_drive(folder, "F1", "bay 7", 2 * TB)
    backend.fs_sizes[drive.identity] = 64 * 10**9  # a 64 GB chip sold as 2 TB
    backend.plug(drive, folder)
    wait_status(qtbot, desk, drive.identity, DriveStatus.DONE)
    desk.assign([drive.identity], "Ana")
    desk.travelers_view.selectRow(0)
    box = desk.panel.traveler_box
    assert "fake capacity" in box.warnings.text() and box.warnings.isVisible()
    assert "all figures" not in box.reasons.text()
    assert "check the drive warnings" in box.reasons.text()
    assert "compared:" not in box.reasons.text()
    assert "interval" in desk.panel.footer.text() or "estimate" in desk.panel.footer.text()


def test_a_pulled_drive_reads_partial_not_a_firm_zero(qtbot, desk, backend, tmp_path):
    from tests.unit.casekit import sampled_scan

    drive = _plug(qtbot, desk, backend, tmp_path, "P1")
    partial = sampled_scan(TB, {"image": (1.0, 0.9, 1.0)}, complete=False)
    desk.state.update(drive.identity, result=partial, status=DriveStatus.REMOVED, present=False)
    text = desk.drives_model.data(desk.drives_model.index(0, dcol.AI))
    assert text.startswith("partial: ") and "(0–0 %)" not in text


# 10 ------------------------------------------------------------------------------------------
def test_declaration_error_is_shown_whole(qtbot, desk):
    desk.state.add_traveler(Traveler("Eve", declaration="x", declared_bytes=TB))
    dialog = desk.edit_declaration(0)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    dialog.volume.setText("a great many terabytes of holiday photos")
    assert not dialog.submit()
    QApplication.processEvents()
    label = dialog.error
    assert label.height() >= label.heightForWidth(label.width()), "error text cut off"


def test_verdict_cells_fit_and_the_case_opened_time_is_local(qtbot, desk, recorder):
    desk.state.add_traveler(Traveler("Ana", declaration="x", declared_bytes=0))
    view = desk.travelers_view
    text = desk.travelers_model.data(desk.travelers_model.index(0, tcol.VERDICT))
    assert view.fontMetrics().horizontalAdvance(text) <= view.columnWidth(tcol.VERDICT)
    offset = datetime.now().astimezone().strftime("%z")
    assert f"UTC{offset[:3]}:{offset[3:]}" in desk.case_label.text()
    assert not re.search(r"\d{4}-\d\d-\d\dT", desk.case_label.text())  # not UTC ISO form
