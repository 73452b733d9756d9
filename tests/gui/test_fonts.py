"""Without fonts Qt draws every glyph as a box and says nothing: fail loudly instead."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_qt_has_a_usable_font(qapp):
    from PySide6.QtGui import QFontDatabase, QFontInfo

    assert QFontInfo(qapp.font()).family(), "Qt found no font: install fonts-dejavu-core"
    assert QFontDatabase.families(), "Qt font database is empty"
