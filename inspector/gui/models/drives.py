"""The live drives table: one row per drive ever seen in this session, in plug order."""

from __future__ import annotations

import os
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

from inspector.core.media.drives.model import Drive
from inspector.core.survey.names import display_name
from inspector.core.units import format_size
from inspector.gui.desk import DeskState, DriveRow
from inspector.gui.i18n import locale
from inspector.gui.icons import icon
from inspector.gui.models.format import ai_share, ai_share_text, fill_of, used_of

translate = QCoreApplication.translate  # lupdate reads the translate("Context", "text") calls

DRIVE_MIME = "application/x-inspector-drives"

Index = QModelIndex | QPersistentModelIndex

BAY, MODEL, SERIAL, CAPACITY, USED, FILL, FILESYSTEM, STATUS, TRAVELER, AI, WARNINGS = range(11)
HEADERS = {
    BAY: QT_TRANSLATE_NOOP("DrivesModel", "Bay"),
    MODEL: QT_TRANSLATE_NOOP("DrivesModel", "Model"),
    SERIAL: QT_TRANSLATE_NOOP("DrivesModel", "Serial"),
    CAPACITY: QT_TRANSLATE_NOOP("DrivesModel", "Capacity"),
    USED: QT_TRANSLATE_NOOP("DrivesModel", "Used"),
    FILL: QT_TRANSLATE_NOOP("DrivesModel", "Fill"),
    FILESYSTEM: QT_TRANSLATE_NOOP("DrivesModel", "Filesystem"),
    STATUS: QT_TRANSLATE_NOOP("DrivesModel", "Status"),
    TRAVELER: QT_TRANSLATE_NOOP("DrivesModel", "Traveler"),
    AI: QT_TRANSLATE_NOOP("DrivesModel", "AI data"),
    WARNINGS: "!",  # a sign, the same in every language
}
TOOLTIPS = {
    AI: QT_TRANSLATE_NOOP(
        "DrivesModel",
        "Share of the data that is AI datasets or model weights, with its 95 % interval",
    ),
    WARNINGS: QT_TRANSLATE_NOOP("DrivesModel", "Warnings: identity, capacity, read errors"),
    FILL: QT_TRANSLATE_NOOP("DrivesModel", "How full the drive's filesystems are"),
}


IDENTITY_ROLE = Qt.ItemDataRole.UserRole + 1  # str: the drive's identity
FILL_ROLE = Qt.ItemDataRole.UserRole + 2  # float | None: 0..1, for the fill-bar delegate
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # numbers sort as numbers
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4  # DriveStatus
WARNINGS_ROLE = Qt.ItemDataRole.UserRole + 5  # tuple[str, ...]


class DrivesModel(QAbstractTableModel):
    def __init__(self, state: DeskState, parent: Any = None) -> None:
        super().__init__(parent)
        self._state = state
        self._ids: list[str] = state.identities()
        state.drive_added.connect(self._on_added)
        state.drive_changed.connect(self._on_changed)

    # structure ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or section not in HEADERS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("DrivesModel", HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("DrivesModel", TOOLTIPS[section]) if section in TOOLTIPS else None
        return None

    def identity_at(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, identity: str) -> int:
        return self._ids.index(identity)

    # data -----------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        row = self._state.row(self._ids[index.row()])
        col = index.column()
        if role == IDENTITY_ROLE:
            return row.identity
        if role == STATUS_ROLE:
            return row.status
        if role == WARNINGS_ROLE:
            return row.warnings()
        if role == FILL_ROLE:
            return _fill(row) if col == FILL else None
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == WARNINGS and row.warnings():
                return "\n".join(row.warnings())
            if col == STATUS and row.error:
                return row.error
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == WARNINGS and row.warnings():
            return icon("warning")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (CAPACITY, USED, AI):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(row, col) or self.tr("none")
            return f"{translate('DrivesModel', HEADERS[col])}: {text}"
        return None

    def _text(self, row: DriveRow, col: int) -> str:
        d = row.drive
        if col == BAY:
            return d.bay or ""
        if col == MODEL:
            return display_name(drive_model(d))
        if col == SERIAL:
            return display_name(drive_serial(d))
        if col == CAPACITY:
            return format_size(d.capacity_bytes)
        if col == USED:
            used = _used(row)
            return "" if used is None else format_size(used)
        if col == FILL:
            fill = _fill(row)
            return "" if fill is None else f"{locale().toString(fill * 100, 'f', 0)} %"
        if col == FILESYSTEM:
            types = sorted({p.fs_type for p in d.partitions if p.fs_type})
            return ", ".join(types) or "—"
        if col == STATUS:
            return row.status_text()
        if col == TRAVELER:
            return display_name(row.traveler) if row.traveler else self.tr("unassigned")
        if col == AI:
            if row.result is None and row.figures is not None:
                return self.tr("unreadable (raw)")  # e.g. LUKS: content cannot be identified
            return ai_share_text(row.result)
        if col == WARNINGS:
            n = len(row.warnings())
            return locale().toString(n) if n else ""
        return ""

    def _sort_key(self, row: DriveRow, col: int) -> Any:
        if col == CAPACITY:
            return row.drive.capacity_bytes
        if col == USED:
            return _used(row) or 0
        if col == FILL:
            return _fill(row) or 0.0
        if col == AI:
            share = ai_share(row.result)
            return -1.0 if share is None else share[0]
        if col == WARNINGS:
            return len(row.warnings())
        return self._text(row, col)

    # drag: drives are dragged onto travelers ------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [DRIVE_MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        ids = sorted({self._ids[i.row()] for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(DRIVE_MIME, "\n".join(ids).encode())
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.LinkAction | Qt.DropAction.CopyAction

    # updates ---------------------------------------------------------------------
    def _on_added(self, identity: str) -> None:
        n = len(self._ids)
        self.beginInsertRows(QModelIndex(), n, n)
        self._ids.append(identity)
        self.endInsertRows()

    def retranslate(self) -> None:
        """Headers and every cell again, in the desk's language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(HEADERS) - 1)
            )

    def _on_changed(self, identity: str) -> None:
        try:
            r = self._ids.index(identity)
        except ValueError:
            return
        self.dataChanged.emit(self.index(r, 0), self.index(r, len(HEADERS) - 1))


def drive_model(d: Drive) -> str:
    """An image on a loop device is known by its file, not by a model it does not have."""
    if d.model:
        return d.model
    if d.backing_file:
        name = os.path.basename(d.backing_file.removesuffix(" (deleted)"))
        return translate("DrivesModel", "image {name}").format(name=name)
    return translate("DrivesModel", "unknown")


def drive_serial(d: Drive) -> str:
    """The serial; for an image (no serial) its filesystem label or UUID, which identify it."""
    if d.serial:
        return d.serial
    if d.backing_file:
        names = [p.fs_label or p.fs_uuid for p in d.partitions if p.fs_label or p.fs_uuid]
        if names:
            return ", ".join(dict.fromkeys(n for n in names if n))
    return "—"


def _fill(row: DriveRow) -> float | None:
    if row.result is None and row.figures is not None and row.drive.capacity_bytes:
        return row.figures.used_bytes / row.drive.capacity_bytes
    return fill_of(row.result, row.drive.capacity_bytes)


def _used(row: DriveRow) -> int | None:
    """Used bytes from the filesystem, or from raw sampling when nothing could be mounted."""
    if row.result is None and row.figures is not None:
        return row.figures.used_bytes
    return used_of(row.result)
