"""Travelers of the open case with their totals and verdict; drives are dropped onto them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication

from inspector.core.survey.names import display_name
from inspector.core.units import format_size
from inspector.gui.desk import Assessment, DeskState
from inspector.gui.i18n import locale, verdict_word
from inspector.gui.models.drives import DRIVE_MIME
from inspector.gui.models.format import estimate_text
from inspector.gui.reasons import reason_texts
from inspector.gui.widgets.colors import clear_color, pending_color, refer_color

Index = QModelIndex | QPersistentModelIndex

NAME, DOCUMENT, GROUP, DECLARED, DRIVES, CAPACITY, AI, VERDICT = range(8)
HEADERS = {
    NAME: QT_TRANSLATE_NOOP("TravelersModel", "Traveler"),
    DOCUMENT: QT_TRANSLATE_NOOP("TravelersModel", "Document"),
    GROUP: QT_TRANSLATE_NOOP("TravelersModel", "Group"),
    DECLARED: QT_TRANSLATE_NOOP("TravelersModel", "Declared"),
    DRIVES: QT_TRANSLATE_NOOP("TravelersModel", "Drives"),
    CAPACITY: QT_TRANSLATE_NOOP("TravelersModel", "Capacity"),
    AI: QT_TRANSLATE_NOOP("TravelersModel", "AI data"),
    VERDICT: QT_TRANSLATE_NOOP("TravelersModel", "Verdict"),
}


def header(col: int) -> str:
    return QCoreApplication.translate("TravelersModel", HEADERS[col])


NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # str: the traveler's name (the key)
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 2  # "clear" | "refer" | "pending"


class TravelersModel(QAbstractTableModel):
    def __init__(self, state: DeskState, parent: Any = None) -> None:
        super().__init__(parent)
        self._state = state
        self._names = [t.name for t in state.travelers()]
        self._assessed: dict[str, Assessment] = {}
        state.travelers_changed.connect(self._reload)
        state.assessments_changed.connect(self._reassess)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._names)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return header(section) if section in HEADERS else None
        return None

    def name_at(self, row: int) -> str:
        return self._names[row]

    def assessment(self, name: str) -> Assessment:
        if name not in self._assessed:
            self._assessed[name] = self._state.assess_traveler(name)
        return self._assessed[name]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._names):
            return None
        name = self._names[index.row()]
        col = index.column()
        if role == NAME_ROLE:
            return name
        if role == VERDICT_ROLE:
            return self.assessment(name).verdict.verdict
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._text(name, col)
            return text if role == Qt.ItemDataRole.DisplayRole else f"{header(col)}: {text}"
        if role == Qt.ItemDataRole.ForegroundRole and col == VERDICT:
            palette = QGuiApplication.palette()
            verdict = self.assessment(name).verdict.verdict
            if verdict == "refer":
                return refer_color(palette)
            return clear_color(palette) if verdict == "clear" else pending_color(palette)
        if role == Qt.ItemDataRole.FontRole and col == VERDICT:
            font = QFont(QGuiApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col == VERDICT:
            return "\n".join(reason_texts(self.assessment(name).verdict))
        return None

    def _text(self, name: str, col: int) -> str:
        t = self._state.traveler(name)
        if t is None:
            return ""
        if col == NAME:
            return display_name(t.name)
        if col == DOCUMENT:
            return display_name(t.document)
        if col == GROUP:
            return display_name(t.group)
        if col == DECLARED:
            return self.tr("nothing") if t.declared_bytes is None else format_size(t.declared_bytes)
        a = self.assessment(name)
        if col == DRIVES:
            return locale().toString(a.totals.drives)
        if col == CAPACITY:
            return format_size(a.totals.capacity_bytes)
        if col == AI:
            return estimate_text(a.totals.ai_bytes) if a.totals.drives else "—"
        if col == VERDICT:
            return verdict_word(a.verdict.verdict)  # PENDING: "not settled" in one short word
        return ""

    # drop: assign dragged drives ----------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [DRIVE_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.LinkAction | Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(DRIVE_MIME) and self._target(row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        name = self._target(row, parent)
        if name is None or not data.hasFormat(DRIVE_MIME):
            return False
        ids = bytes(data.data(DRIVE_MIME).data()).decode().split("\n")
        known = set(self._state.identities())
        for identity in ids:
            if identity in known:
                self._state.assign(identity, name)
        return True

    def _target(self, row: int, parent: Index) -> str | None:
        r = parent.row() if parent.isValid() else row
        return self._names[r] if 0 <= r < len(self._names) else None

    # updates ----------------------------------------------------------------------
    def _reload(self) -> None:
        names = [t.name for t in self._state.travelers()]
        self._assessed.clear()
        if names == self._names:
            self._changed_all()
            return
        self.beginResetModel()
        self._names = names
        self.endResetModel()

    def retranslate(self) -> None:
        """Headers and cells again in the desk's language (reasons are the desk's words)."""
        self._assessed.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        self._changed_all()

    def _reassess(self) -> None:
        self._assessed.clear()
        self._changed_all()

    def _changed_all(self) -> None:
        if self._names:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._names) - 1, len(HEADERS) - 1),
            )
