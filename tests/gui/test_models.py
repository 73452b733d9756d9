"""Table models on their own (no window): Qt's model tester, columns and roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.core.content.result import CategoryShare, ContentResult
from inspector.core.scan.result import ScanResult
from inspector.core.survey.walk import SurveyResult
from inspector.gui.desk import DeskState, DriveStatus, Traveler
from inspector.gui.models import drives as dcol
from inspector.gui.models import travelers as tcol
from inspector.gui.models.drives import DrivesModel
from inspector.gui.models.travelers import TravelersModel
from tests.gui.conftest import TB, estimate_policy
from tests.gui.fakes import FolderBackend

pytestmark = pytest.mark.gui


def scan_with_ai(share: float, ci: tuple[float, float], used: int) -> ScanResult:
    survey = SurveyResult("/", 10, 1, 0, 0, used, used, 0, ())
    content = ContentResult(
        method="sampled",
        samples=2401,
        seed=1,
        categories=(
            CategoryShare("ai-dataset", share, ci, int(share * used), 8),
            CategoryShare("image", 1 - share, (1 - ci[1], 1 - ci[0]), int((1 - share) * used), 2),
        ),
    )
    return ScanResult("/dev/x", True, 1.0, survey, content)


@pytest.fixture
def state(qapp, tmp_path: Path) -> DeskState:
    s = DeskState(estimate_policy())
    s.add_traveler(Traveler("Ana", "P1", "G", "personal backups", 2 * TB))
    for i in range(3):
        s.plug(FolderBackend.make_drive(tmp_path, f"S{i}", f"bay {i}", 80 * TB))
    return s


def test_drives_model_passes_qt_model_tester(qtmodeltester, state: DeskState):
    model = DrivesModel(state)
    qtmodeltester.check(model)
    ids = state.identities()
    state.update(
        ids[0],
        result=scan_with_ai(0.61, (0.58, 0.64), 70 * TB),
        status=DriveStatus.DONE,
        finished=True,
    )
    state.assign(ids[0], "Ana")
    state.update(ids[1], status=DriveStatus.SAMPLING, fraction=0.4)
    qtmodeltester.check(model)
    assert model.data(model.index(0, dcol.AI)) == "61 % (58–64 %)"
    assert model.data(model.index(0, dcol.TRAVELER)) == "Ana"
    assert model.data(model.index(0, dcol.CAPACITY)) == "80.0 TB"
    assert model.data(model.index(1, dcol.STATUS)) == "sampling 40 %"
    assert model.data(model.index(2, dcol.AI)) == "—"
    # without filesystem figures, fill = surveyed bytes / capacity
    assert model.data(model.index(0, dcol.FILL), dcol.FILL_ROLE) == pytest.approx(70 / 80)
    assert model.data(model.index(2, dcol.FILL), dcol.FILL_ROLE) is None  # not scanned yet
    from PySide6.QtCore import Qt

    assert model.headerData(dcol.AI, Qt.Orientation.Horizontal, 0) == "AI data"


def test_drives_model_rows_follow_hot_plug(qtmodeltester, state: DeskState, tmp_path: Path):
    model = DrivesModel(state)
    state.plug(FolderBackend.make_drive(tmp_path, "S9", "bay 9", 4 * TB))
    assert model.rowCount() == 4
    qtmodeltester.check(model)


def test_travelers_model_passes_qt_model_tester(qtmodeltester, state: DeskState):
    model = TravelersModel(state)
    qtmodeltester.check(model)
    ids = state.identities()
    for identity in ids:
        state.update(
            identity,
            result=scan_with_ai(0.9, (0.88, 0.92), 79 * TB),
            status=DriveStatus.DONE,
            finished=True,
        )
        state.assign(identity, "Ana")
    qtmodeltester.check(model)
    assert model.data(model.index(0, tcol.DRIVES)) == "3"
    assert model.data(model.index(0, tcol.CAPACITY)) == "240 TB"
    assert model.data(model.index(0, tcol.VERDICT)) == "REFER"
    reasons = model.data(model.index(0, tcol.VERDICT), 3)  # ToolTipRole
    assert "AI datasets and model weights" in reasons
    state.add_traveler(Traveler("Bo"))
    assert model.rowCount() == 2
    qtmodeltester.check(model)
