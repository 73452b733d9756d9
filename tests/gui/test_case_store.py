"""The desk records its case in the store (cases work): travelers with declarations, drives
with results; the report is exported by a worker. Writes never run on the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.gui.desk import DriveStatus, Traveler
from tests.gui.conftest import TB, make_folder
from tests.gui.fakes import FolderBackend

pytestmark = pytest.mark.gui
pytest.importorskip("inspector.core.case.store")  # the cases branch's core


def test_travelers_and_drives_reach_the_store(qtbot, desk, backend, recorder, tmp_path: Path):
    with qtbot.waitSignal(recorder.recorded, timeout=10_000):
        desk.state.add_traveler(Traveler("Ana", "P1", "G1", "photos", 2 * TB))
    folder = make_folder(tmp_path, "d1")
    drive = FolderBackend.make_drive(folder, "S1", "bay 1", 8 * TB)
    backend.plug(drive, folder)
    qtbot.waitUntil(
        lambda: (
            drive.identity in desk.state.identities()
            and desk.state.row(drive.identity).status == DriveStatus.DONE
        ),
        timeout=10_000,
    )
    store, case_id = recorder.store, recorder.case.id
    # recorded as soon as it is on the desk, assigned to nobody yet (the case is PENDING)
    qtbot.waitUntil(lambda: [d.complete for d in store.drives(case_id)] == [True], timeout=10_000)
    assert store.drives(case_id)[0].traveler_id is None
    assert store.summary(case_id).verdict == "pending"
    moved = f"drive {drive.path} → Ana"
    with qtbot.waitSignal(recorder.recorded, timeout=10_000, check_params_cb=moved.__eq__):
        desk.assign([drive.identity], "Ana")
    [t] = store.travelers(case_id)
    assert (t.name, t.document, t.group) == ("Ana", "P1", "G1")
    assert t.declaration is not None and t.declaration.declared_bytes == 2 * TB
    [d] = store.drives(case_id)
    assert d.identity.key == drive.identity and d.complete
    assert d.result is not None and d.result.survey.files == 3
    assert "Case" in desk.case_label.text() and "officer 7" in desk.case_label.text()


def test_report_export_writes_pdf_csv_json(qtbot, desk, recorder, tmp_path: Path):
    with qtbot.waitSignal(recorder.recorded, timeout=10_000):
        desk.state.add_traveler(Traveler("Bo", "P2", "", "", None))
    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(recorder.message, timeout=60_000) as got:
        recorder.export(out)
    assert "written to" in got.args[0], got.args[0]
    case_id = recorder.case.id
    for ext in ("pdf", "csv", "json"):
        assert (out / f"case-{case_id}.{ext}").stat().st_size > 0
    assert (out / f"case-{case_id}.pdf").read_bytes()[:5] == b"%PDF-"


def test_an_open_case_is_continued_with_its_travelers(qtbot, desk, backend, tmp_path: Path):
    from inspector.core.case.records import DeclarationInput
    from inspector.gui.case_record import CaseRecorder, load_case_travelers, open_case_store

    store, case = open_case_store(False, "officer 9", "desk 1")
    store.add_traveler(case.id, "Cy", "P9", "G2", DeclarationInput("backups", 3 * TB))
    recorded = load_case_travelers(store, case, desk.state)
    assert recorded == ("Cy",)
    t = desk.state.traveler("Cy")
    assert t is not None and t.declared_bytes == 3 * TB and t.group == "G2"
    rec = CaseRecorder(desk.state, store, case, recorded)
    desk.attach_case(rec)
    with qtbot.waitSignal(rec.recorded, timeout=10_000) as got:
        desk.state.add_traveler(Traveler("Di", "P10", "G2", "", None))
    assert got.args == ["traveler Di"]  # Cy was not written a second time
    assert [x.name for x in store.travelers(case.id)] == ["Cy", "Di"]


def test_edited_declaration_reaches_the_desk_and_the_store(qtbot, desk, recorder):
    with qtbot.waitSignal(recorder.recorded, timeout=10_000):
        desk.state.add_traveler(Traveler("Eve", "P3", "", "backups", 1 * TB))
    dialog = desk.edit_declaration(0)
    qtbot.addWidget(dialog)
    dialog.volume.setText("lots")
    assert not dialog.submit()
    assert "use a size such as 2 TB" in dialog.error.text()
    dialog.text.setText("commercial cargo: training data")
    dialog.volume.setText("1.2 PB")
    dialog.licence.setText("EXP-42")
    with qtbot.waitSignal(recorder.recorded, timeout=10_000) as got:
        assert dialog.submit()
    assert got.args == ["declaration of Eve"]
    t = desk.state.traveler("Eve")
    assert t is not None and t.declared_bytes == 12 * 10**14 and t.licence == "EXP-42"
    [stored] = recorder.store.travelers(recorder.case.id)
    assert stored.declaration.declared_bytes == 12 * 10**14
    assert stored.declaration.licence == "EXP-42"
