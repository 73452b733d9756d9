"""Category mix of a drive: one bar per category, with its 95 % interval as a whisker.

The whisker is the point of this chart: an officer must see at a glance that "AI data 61 %"
means 58–64 %, not exactly 61 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from inspector.core.content.result import CategoryShare
from inspector.core.units import format_share
from inspector.gui.i18n import category_word
from inspector.gui.widgets.colors import category_color


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    category: str
    share: float
    lo: float
    hi: float


def bars_of(categories: tuple[CategoryShare, ...]) -> list[Bar]:
    return [
        Bar(category_word(c.category), c.category, c.bytes_share, c.ci[0], c.ci[1])
        for c in sorted(categories, key=lambda c: -c.bytes_share)
    ]


class CategoryChart(QWidget):
    ROW_GAP = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._empty_text = self.tr("Content not identified yet")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setAccessibleName(self.tr("Category mix"))

    def set_bars(self, bars: list[Bar], empty_text: str | None = None) -> None:
        if empty_text is None:
            empty_text = self.tr("Content not identified yet")
        self._bars = bars
        self._empty_text = empty_text
        # Screen readers get the same figures the chart shows.
        self.setAccessibleDescription(
            "; ".join(f"{b.label} {format_share(b.share, (b.lo, b.hi))}" for b in bars)
            or empty_text
        )
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + self.ROW_GAP

    def sizeHint(self) -> QSize:
        return QSize(360, max(2, len(self._bars)) * self._row_height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_color = pal.color(QPalette.ColorRole.Text)
        fm = self.fontMetrics()
        if not self._bars:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)
            painter.end()
            return
        label_w = max(fm.horizontalAdvance(b.label) for b in self._bars) + 10
        value_w = fm.horizontalAdvance("100 % (100–100 %)") + 10
        track_x = label_w
        track_w = max(40, self.width() - label_w - value_w)
        h = self._row_height()
        for i, bar in enumerate(self._bars):
            top = 4 + i * h
            row = QRectF(0, top, self.width(), h)
            painter.setPen(text_color)
            painter.drawText(
                QRectF(0, top, label_w - 6, h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                bar.label,
            )
            # track
            track = QRectF(track_x, top + 3, track_w, h - 6)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.AlternateBase))
            painter.drawRect(track)
            # bar
            painter.setBrush(category_color(bar.category, pal))
            painter.drawRect(QRectF(track.left(), track.top(), track_w * bar.share, track.height()))
            # whisker: the 95 % interval
            pen = QPen(text_color, 1.5)
            painter.setPen(pen)
            y = track.center().y()
            x_lo = track.left() + track_w * bar.lo
            x_hi = track.left() + track_w * bar.hi
            cap = track.height() / 2 - 1
            painter.drawLine(QPointF(x_lo, y), QPointF(x_hi, y))
            painter.drawLine(QPointF(x_lo, y - cap), QPointF(x_lo, y + cap))
            painter.drawLine(QPointF(x_hi, y - cap), QPointF(x_hi, y + cap))
            painter.drawText(
                QRectF(track_x + track_w + 8, row.top(), value_w, h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                format_share(bar.share, (bar.lo, bar.hi)),
            )
        painter.end()
