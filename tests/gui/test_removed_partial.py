"""A drive that went away during its scan reads "removed — partial" on the desk, never as a
firm zero (status and AI share)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from inspector.core.content.result import ContentResult
from inspector.core.scan.result import ScanResult
from inspector.core.survey.walk import SurveyResult
from inspector.gui.desk import DeskState, DriveStatus
from inspector.gui.models import drives as dcol
from inspector.gui.models.drives import DrivesModel
from tests.gui.conftest import TB, estimate_policy
from tests.gui.fakes import FolderBackend

pytestmark = pytest.mark.gui


def test_a_removed_partial_scan_is_shown_as_such(qapp, tmp_path: Path):
    state = DeskState(estimate_policy())
    state.plug(FolderBackend.make_drive(tmp_path, "PULLED", "bay 1", 2 * TB))
    (identity,) = state.identities()
    survey = SurveyResult("/", 0, 0, 0, 0, 0, 0, 0, ())
    pulled = ScanResult("/dev/x", False, 1.0, survey, ContentResult(method="sampled"), removed=True)
    state.update(identity, result=pulled, status=DriveStatus.INCOMPLETE, finished=True)
    model = DrivesModel(state)
    assert model.data(model.index(0, dcol.STATUS)) == "removed — partial"
    assert model.data(model.index(0, dcol.AI)) == "unknown (removed — partial)"
    # the same result from a drive that stayed: no such words
    stayed = dataclasses.replace(pulled, removed=False, complete=True)
    state.update(identity, result=stayed, status=DriveStatus.DONE)
    assert model.data(model.index(0, dcol.STATUS)) == "done"
    assert "removed" not in model.data(model.index(0, dcol.AI))
