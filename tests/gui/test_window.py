"""The window as a whole: command line, accessibility, keyboard, policy viewer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from inspector.cli import main

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]
GUI = (sys.executable, "-m", "inspector", "gui")


def test_no_display_says_so_and_points_to_the_cli(monkeypatch, capsys):
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    assert main(["gui"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no display" in err
    assert "inspector scan" in err and "inspector train" in err
    assert main([]) == 2  # no sub-command = the desk, same message


def test_screenshot_option_saves_a_png_and_exits_0(tmp_path: Path):
    pytest.importorskip("inspector.core.training.backend")
    shot = tmp_path / "desk.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "INSPECTOR_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [*GUI, "--training", "holiday", "--screenshot", str(shot), "--after", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Traceback" not in done.stderr


def test_unknown_scenario_is_one_line_exit_2(monkeypatch, capsys):
    pytest.importorskip("inspector.core.training.backend")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert main(["gui", "--training", "no-such-scenario"]) == 2
    assert "no scenario named" in capsys.readouterr().err


def test_controls_have_accessible_names(desk):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QHeaderView,
        QLineEdit,
    )

    missing = [
        f"{type(w).__name__}:{w.text() if hasattr(w, 'text') else ''}"
        for kind in (QLineEdit, QComboBox, QAbstractItemView)
        for w in desk.findChildren(kind)
        if w.isVisibleTo(desk) and not w.accessibleName() and not isinstance(w, QHeaderView)
    ]
    assert not missing, missing
    # buttons are named by their text (with a mnemonic for the keyboard)
    for button in desk.findChildren(QAbstractButton):
        if button.isVisibleTo(desk) and button.text():
            assert button.text().strip()


def test_keyboard_reaches_the_main_areas(qtbot, desk):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence

    shortcuts = {
        a.text(): a.shortcut() for m in desk.menuBar().actions() for a in m.menu().actions()
    }
    assert shortcuts["Drives"] == QKeySequence("Ctrl+1")
    assert shortcuts["Travelers"] == QKeySequence("Ctrl+2")
    assert shortcuts["Add traveler"] == QKeySequence("Ctrl+N")
    assert shortcuts["Re-scan with a larger budget"] == QKeySequence("F5")
    desk.activateWindow()
    qtbot.keyClick(desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.form.name.hasFocus())
    for ch in "Gus":
        qtbot.keyClick(desk.form.name, ch)
    qtbot.keyClick(desk.form.volume, Qt.Key.Key_2)
    qtbot.keyClick(desk.form.volume, Qt.Key.Key_Return)
    assert [t.name for t in desk.state.travelers()] == ["Gus"]


def test_policy_viewer_shows_thresholds_and_hash(qtbot, desk):
    dialog = desk.show_policy()
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).text() == "20.0 TB"  # traveler total capacity
    assert dialog.table.item(0, 2).text() == "100 TB"  # group
    texts = " ".join(label.text() for label in dialog.findChildren(type(desk.case_label)))
    assert desk.state.policy.hash in texts
    dialog.close()


def test_officer_cannot_edit_the_policy(qtbot, desk):
    dialog = desk.show_policy()
    qtbot.addWidget(dialog)
    assert dialog.text.isReadOnly()
    dialog.close()


def test_supervisor_edits_the_policy_validated_and_audited(qtbot, desk):
    pytest.importorskip("inspector.core.case.policy_store")
    from inspector.core.case.store import open_store

    desk.supervisor = "Supervisor Sam"
    dialog = desk.show_policy()
    qtbot.addWidget(dialog)
    assert not dialog.text.isReadOnly()
    before = desk.state.policy
    text = before.text
    bad = text.replace('total_capacity = "20 TB"', 'total_capacity = "lots"', 1)
    dialog.text.setPlainText(bad)
    assert not dialog.save()
    assert "traveler.total_capacity" in dialog.status.text() and "line" in dialog.status.text()
    assert desk.state.policy is before  # nothing changed
    good = text.replace('total_capacity = "20 TB"', 'total_capacity = "10 TB"', 1)
    assert good != text
    dialog.text.setPlainText(good)
    assert dialog.save(), dialog.status.text()
    assert desk.state.policy.traveler.total_capacity == 10 * 10**12
    with open_store() as store:
        kinds = [e.kind for e in store.audit_entries()]
    assert any("policy" in k for k in kinds), kinds
    dialog.close()
