"""Guard against a PySide6 build that drops references to None/True.

PySide6 6.12.0 on CPython 3.11 returns Py_None from void methods and Py_True from
`Signal.emit` without a new reference: each call lowers the refcount, and after a few thousand
calls CPython aborts ("none_dealloc"/"bool_dealloc") — the desk would die mid-inspection.
pyproject pins below 6.12; this test fails if a broken build comes back.
"""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui
CALLS = 200


def test_void_methods_keep_none_refcount(qapp):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("x")
    # other threads may move the count a little; a leak moves it by CALLS
    assert sys.getrefcount(None) > before - CALLS // 2


def test_signal_emit_keeps_true_refcount(qapp):
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(CALLS):
        probe.ping.emit()
    assert sys.getrefcount(True) > before - CALLS // 2
