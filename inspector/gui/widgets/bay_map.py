"""Bay → traveler map: with a multi-bay dock, the officer says "bays 1–15 are hers" once."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector.core.survey.names import display_name
from inspector.gui.desk import DeskState
from inspector.gui.i18n import Retranslating


class BayMap(Retranslating, QWidget):
    """Bays of the dock with the traveler each is for, and the button to edit bay labels."""

    labels_requested = Signal()

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = _BayTable(state)
        self.labels_button = QPushButton()
        self.labels_button.clicked.connect(self.labels_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.labels_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.labels_button.setText(self.tr("Bay &labels of the dock…"))
        self.labels_button.setToolTip(self.tr("Which dock port is which bay (a TOML bay map)"))
        self.table.retranslate()

    def bays(self) -> list[str]:
        return self.table.bays()

    def refresh(self) -> None:
        self.table.refresh()


class _BayTable(QTableWidget):
    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self._state = state
        self._updating = False
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().hide()
        state.drive_added.connect(self.refresh)
        state.drive_changed.connect(self._on_drive_changed)
        state.travelers_changed.connect(self.refresh)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Bay to traveler map"))
        self.setHorizontalHeaderLabels([self.tr("Bay"), self.tr("Traveler")])
        self.refresh()

    def _on_drive_changed(self, _identity: str) -> None:
        shown = {item.text() for i in range(self.rowCount()) if (item := self.item(i, 0))}
        if set(self.bays()) != shown:
            self.refresh()  # a bay label changed (the bay map was edited)

    def bays(self) -> list[str]:
        seen = {r.drive.bay for r in self._state.rows() if r.drive.bay}
        seen.update(self._state.bay_map)
        return sorted(seen, key=_bay_key)

    def refresh(self) -> None:
        self._updating = True
        bays = self.bays()
        names = [t.name for t in self._state.travelers()]
        self.setRowCount(len(bays))
        for i, bay in enumerate(bays):
            item = self.item(i, 0)
            if item is None:
                item = QTableWidgetItem()
                self.setItem(i, 0, item)
            item.setText(bay)
            combo = self.cellWidget(i, 1)
            if not isinstance(combo, QComboBox):
                combo = QComboBox()
                combo.currentIndexChanged.connect(self._on_choice)
                self.setCellWidget(i, 1, combo)
            combo.setAccessibleName(self.tr("Traveler for bay {bay}").format(bay=bay))
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("— unassigned —"), None)
            for name in names:
                combo.addItem(display_name(name), name)
            current = self._state.bay_map.get(bay)
            combo.setCurrentIndex(names.index(current) + 1 if current in names else 0)
            combo.setProperty("bay", bay)
            combo.blockSignals(False)
        self._updating = False

    def _on_choice(self) -> None:
        combo = self.sender()
        if self._updating or not isinstance(combo, QComboBox):
            return
        self._state.assign_bay(str(combo.property("bay")), combo.currentData())


def _bay_key(bay: str) -> tuple[int, str]:
    digits = "".join(ch for ch in bay if ch.isdigit())
    return (int(digits) if digits else 1_000_000, bay)
