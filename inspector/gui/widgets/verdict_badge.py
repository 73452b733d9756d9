"""CLEAR / REFER badge: the one word an officer reads first, with colour and shape."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from inspector.gui.i18n import Retranslating, verdict_word
from inspector.gui.widgets.colors import clear_color, pending_color, refer_color


class VerdictBadge(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._verdict: str | None = None
        self._note = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.setFont(font)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Verdict"))
        self.setAccessibleDescription(self.text())
        self.updateGeometry()
        self.update()

    def set_verdict(self, verdict: str | None, note: str = "") -> None:
        """`verdict` "clear" | "refer" | "pending" (not decidable yet) | None (nothing shown)."""
        self._verdict = verdict
        self._note = note
        self.setAccessibleDescription(self.text())
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        word = verdict_word(self._verdict)
        return f"{word} · {self._note}" if self._note else word

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self.text()) + 28, fm.height() + 14)

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        if self._verdict == "refer":
            color = refer_color(pal)
        elif self._verdict == "clear":
            color = clear_color(pal)
        else:
            color = pending_color(pal)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()
