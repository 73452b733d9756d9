"""Capacity/fill bar: a widget for the detail pane and a delegate for the drives table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from inspector.gui.i18n import locale
from inspector.gui.widgets.colors import fill_color


def paint_fill(
    painter: QPainter, rect: QRect, fraction: float | None, palette: QPalette, label: str
) -> None:
    """A rounded trough, filled to `fraction`, with `label` centred on it."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    bar = QRectF(rect).adjusted(1.5, 3.5, -1.5, -3.5)
    radius = min(4.0, bar.height() / 2)
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    painter.setBrush(palette.color(QPalette.ColorRole.Base))
    painter.drawRoundedRect(bar, radius, radius)
    if fraction is not None and fraction > 0:
        filled = QRectF(bar)
        filled.setWidth(bar.width() * min(1.0, fraction))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill_color(fraction, palette))
        painter.drawRoundedRect(filled, radius, radius)
    if label:
        # The label sits mid-bar: over the filled part (past half) it needs the light colour.
        over_fill = fraction is not None and fraction > 0.5
        role = QPalette.ColorRole.HighlightedText if over_fill else QPalette.ColorRole.Text
        painter.setPen(palette.color(role))
        painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()


class FillBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction: float | None = None
        self._label = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Fill"))

    def set_fill(self, fraction: float | None, label: str) -> None:
        self._fraction = fraction
        self._label = label
        self.setAccessibleDescription(label or self.tr("not measured yet"))
        self.setToolTip(label)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, self.fontMetrics().height() + 12)

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        paint_fill(painter, self.rect(), self._fraction, self.palette(), self._label)
        painter.end()


class FillBarDelegate(QStyledItemDelegate):
    """Draws the FILL column of the drives table as a bar (value from `fill_role`)."""

    def __init__(self, fill_role: int, parent: Any = None) -> None:
        super().__init__(parent)
        self._role = fill_role

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        fraction = index.data(self._role)
        style = option.widget.style() if option.widget else None
        if style is not None and option.state & QStyle.StateFlag.State_Selected:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        label = "" if fraction is None else f"{locale().toString(fraction * 100, 'f', 0)} %"
        paint_fill(painter, option.rect.adjusted(2, 0, -2, 0), fraction, option.palette, label)

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        return QSize(90, option.fontMetrics.height() + 8)
