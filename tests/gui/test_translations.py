"""Every word the desk shows goes through Qt's translation system, and switches live.

The pseudo-locale run: lupdate reads inspector/gui as it is now (so a string added tomorrow is
in it), every translation becomes ⟪source⟫, lrelease builds it, the desk loads it, and every
window, dialog and menu is walked: a visible text without the ⟪ mark was never translated.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MARK = "⟪"
# Texts that are not words: figures, sizes, signs ("—", "!", "2.0 TB", "40 %").
NOT_WORDS = re.compile(r"^[\W\d_]*(?:[kMGTP]?B|s)?[\W\d_]*$")


def _pseudo_catalogue(folder: Path) -> Path:
    ts = folder / "inspector_xx.ts"
    sources = sorted(str(p) for p in (ROOT / "inspector" / "gui").rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-silent", *sources, "-ts", str(ts)],
        check=True,
        capture_output=True,
    )
    tree = ET.parse(ts)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)  # "unfinished" would not be used
        translation.text = f"{MARK}{source}⟫"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = folder / "inspector_xx.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )
    return folder


@pytest.fixture
def pseudo(tmp_path: Path, qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from inspector.gui import i18n

    folder = _pseudo_catalogue(tmp_path)
    assert i18n.set_language("xx", str(folder))
    yield
    i18n.set_language("en")


def _texts(widget) -> Iterator[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(where, text) of everything a widget shows or says to a screen reader."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QTabWidget,
    )

    name = f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()!r})"
    data = bool(widget.property("i18n_data"))
    yield f"{name} tooltip", widget.toolTip()
    yield f"{name} accessible name", widget.accessibleName()
    if widget.isWindow():
        yield f"{name} window title", widget.windowTitle()
    if isinstance(widget, QLabel) and not data and widget.isVisibleTo(widget.window()):
        yield f"{name} text", widget.text()
    if isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QComboBox):
        yield f"{name} text", widget.text()
    if isinstance(widget, QGroupBox) and not data:
        yield f"{name} title", widget.title()
    if isinstance(widget, QLineEdit):
        yield f"{name} placeholder", widget.placeholderText()
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield f"{name} tab {i}", widget.tabText(i)
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        from PySide6.QtCore import Qt

        model = widget.model()
        for col in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(col, Qt.Orientation.Horizontal, role)
                yield f"{name} header {col}", value if isinstance(value, str) else ""


def _menu_texts(menu, where: str = "") -> Iterator[tuple[str, str]]:  # type: ignore[no-untyped-def]
    for action in menu.actions():
        if action.isSeparator() or action.property("i18n_data"):
            continue
        text = action.text()
        if text in ("English", "Bahasa Melayu", "简体中文"):
            continue  # a language's own name, never translated
        yield f"menu {where}/{text}", text
        yield f"menu {where}/{text} tooltip", action.toolTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where}/{text}")


def untranslated(root) -> list[str]:  # type: ignore[no-untyped-def]
    """What `root` and its children show without the pseudo-locale's mark."""
    from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

    found = []
    widgets = [root, *root.findChildren(QWidget)]
    pairs = [p for w in widgets for p in _texts(w)]
    if isinstance(root, QMainWindow):
        pairs += _menu_texts(root.menuBar(), "")
    if isinstance(root, QMenu):
        pairs += _menu_texts(root, "context")
    for where, text in pairs:
        if text and MARK not in text and not NOT_WORDS.match(text):
            found.append(f"{where}: {text!r}")
    return sorted(set(found))


@pytest.fixture
def training_desk(qtbot, pseudo):  # type: ignore[no-untyped-def]
    from inspector.gui.app import build_desk
    from inspector.gui.training import open_training

    session = open_training("seed", seed=1, speed=50.0)
    window = build_desk(session.backend, budget_s=0.5, seed=1, training=session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len(window.state.rows()) >= 2, timeout=10_000)
    yield window
    window.close()


def test_the_desk_shows_no_untranslated_text(qtbot, training_desk):
    window = training_desk
    window.travelers_view.selectRow(0)  # the totals panel, with its figures
    window.select_drive(window.state.identities()[0])  # the drive detail
    assert untranslated(window) == []


def test_every_dialog_and_menu_is_translated(qtbot, training_desk):
    window = training_desk
    window.select_drive(window.state.identities()[0])
    menu = window.build_drive_menu()
    assert menu is not None
    assert untranslated(menu) == []
    for dialog in (window.show_policy(), window.edit_bay_labels(), window.edit_declaration(0)):
        assert dialog is not None
        assert untranslated(dialog) == [], type(dialog).__name__
        dialog.reject()


def test_input_dialogs_are_translated(qtbot, training_desk):
    """The static QInputDialogs (new case, scenario): looked at while they are open."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    window = training_desk
    seen: list[list[str]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, look)
            return
        seen.append(untranslated(dialog))
        dialog.reject()

    for ask in (window._ask_scenario, window._ask_open_case):
        QTimer.singleShot(50, look)
        ask()
    assert seen == [[], []]


def test_the_language_switches_without_a_restart(qtbot, training_desk):
    """From the pseudo-locale back to English and again: the same window re-translates."""
    from PySide6.QtCore import Qt

    from inspector.gui import i18n

    window = training_desk
    assert MARK in window.windowTitle()
    assert MARK in window.drives_model.headerData(0, Qt.Orientation.Horizontal)
    i18n.set_language("en")
    qtbot.waitUntil(lambda: MARK not in window.windowTitle())
    assert window.file_menu.title() == "&File"
    assert window.detail.rescan_button.text() == "Re-scan with a larger &budget"
    assert window.drives_model.headerData(0, Qt.Orientation.Horizontal) == "Bay"


def test_shipped_catalogues_translate_every_string():
    """ms and zh_CN: no message left unfinished or empty, placeholders kept as they are."""
    for lang in ("ms", "zh_CN"):
        tree = ET.parse(ROOT / "resources" / "translations" / f"inspector_{lang}.ts")
        problems = []
        for message in tree.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            text = translation.text if translation is not None else ""
            if not text or (translation is not None and translation.get("type")):
                problems.append(f"untranslated: {source!r}")
                continue
            if sorted(re.findall(r"\{\w+\}", source)) != sorted(re.findall(r"\{\w+\}", text)):
                problems.append(f"placeholders differ: {source!r} -> {text!r}")
        assert problems == [], lang


def test_findings_are_reworded_in_the_desks_language_never_more_certain(qapp):
    from inspector.core.case.verdicts import Finding, Verdict
    from inspector.gui import i18n
    from inspector.gui.reasons import reason_texts

    maybe = Finding("ai_data_licence", 2e12, 1e12, "upper", "AI data over 1.00 TB …", firm=False)
    firm = Finding("total_capacity", 1.2e15, 2e13, "estimate", "15 drive(s) with 1.20 PB …")
    verdict = Verdict(
        "pending",
        (
            "no drive assigned yet",
            "so far: AI data over 1.00 TB …",
            "so far: 15 drive(s) with 1.20 PB …",
        ),
        (maybe, firm),
    )
    assert reason_texts(verdict) == list(verdict.reasons)  # English: the core's own words
    assert i18n.set_language("ms")
    try:
        texts = reason_texts(verdict)
    finally:
        i18n.set_language("en")
    assert texts[0] == "no drive assigned yet"  # not a finding: as given
    assert texts[1].startswith("setakat ini: ") and "tidak dapat ditolak" in texts[1]
    assert "2.00 TB" in texts[1] and "1.00 TB" in texts[1]
    assert "1.20 PB" in texts[2] and "20.0 TB" in texts[2] and "melebihi" in texts[2]
