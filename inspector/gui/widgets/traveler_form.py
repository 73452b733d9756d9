"""Add a traveler with their declaration; a bad volume ("lots") shows the parser's hint."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from inspector.core.errors import UsageError
from inspector.gui.desk import DeskState, make_traveler
from inspector.gui.icons import icon
from inspector.gui.widgets.colors import refer_color


class TravelerForm(QGroupBox):
    added = Signal(str)  # the new traveler's name

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__("Add traveler", parent)
        self._state = state
        self.setAccessibleName("Add traveler")
        self.name = QLineEdit()
        self.document = QLineEdit()
        self.group = QLineEdit()
        self.declaration = QLineEdit()
        self.volume = QLineEdit()
        self.name.setPlaceholderText("as in the passport")
        self.document.setPlaceholderText("passport or ID number")
        self.group.setPlaceholderText("travelling together (optional)")
        self.declaration.setPlaceholderText("e.g. personal backups")
        self.volume.setPlaceholderText("e.g. 2 TB")
        for widget, name in (
            (self.name, "Traveler name"),
            (self.document, "Travel document"),
            (self.group, "Group"),
            (self.declaration, "Declaration"),
            (self.volume, "Declared volume"),
        ):
            widget.setAccessibleName(name)
            widget.returnPressed.connect(self.submit)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Form error")
        pal = self.error.palette()
        pal.setColor(self.error.foregroundRole(), refer_color(pal))
        self.error.setPalette(pal)
        self.error.hide()
        self.add_button = QPushButton(icon("add-traveler"), "&Add traveler")
        self.add_button.clicked.connect(self.submit)
        form = QFormLayout(self)
        form.addRow("&Name:", self.name)
        form.addRow("&Document:", self.document)
        form.addRow("&Group:", self.group)
        form.addRow("Dec&laration:", self.declaration)
        form.addRow("&Volume:", self.volume)
        form.addRow(self.error)
        form.addRow(self.add_button)

    def submit(self) -> bool:
        try:
            traveler = make_traveler(
                self.name.text(),
                self.document.text(),
                self.group.text(),
                self.declaration.text(),
                self.volume.text(),
            )
            self._state.add_traveler(traveler)
        except UsageError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.error.hide()
        group = self.group.text()  # the next traveler is often of the same group
        for w in (self.name, self.document, self.declaration, self.volume):
            w.clear()
        self.group.setText(group)
        self.name.setFocus()
        self.added.emit(traveler.name)
        return True
