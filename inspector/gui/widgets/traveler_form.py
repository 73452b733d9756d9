"""Add a traveler with their declaration; a bad volume ("lots") shows the parser's hint."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from inspector.core.errors import UsageError
from inspector.gui import i18n
from inspector.gui.desk import DeskState, make_traveler
from inspector.gui.i18n import Retranslating
from inspector.gui.icons import icon
from inspector.gui.widgets.colors import refer_color


class TravelerForm(Retranslating, QGroupBox):
    added = Signal(str)  # the new traveler's name

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.name = QLineEdit()
        self.document = QLineEdit()
        self.group = QLineEdit()
        self.declaration = QLineEdit()
        self.volume = QLineEdit()
        self.language = QComboBox()  # the receipt's language: the traveler's, not the desk's
        for code, native in i18n.LANGUAGES.items():
            self.language.addItem(native, code)
        for widget in (self.name, self.document, self.group, self.declaration, self.volume):
            widget.returnPressed.connect(self.submit)
        self.error = QLabel()
        self.error.setWordWrap(True)
        pal = self.error.palette()
        pal.setColor(self.error.foregroundRole(), refer_color(pal))
        self.error.setPalette(pal)
        self.error.hide()
        self.add_button = QPushButton(icon("add-traveler"), "")
        self.add_button.clicked.connect(self.submit)
        self.form = QFormLayout(self)
        for widget in (
            self.name,
            self.document,
            self.group,
            self.declaration,
            self.volume,
            self.language,
        ):
            label = QLabel()
            label.setBuddy(widget)  # the label's &-key focuses its field
            self.form.addRow(label, widget)
        self.form.addRow(self.error)
        self.form.addRow(self.add_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Add traveler"))
        self.setAccessibleName(self.tr("Add traveler"))
        rows = (
            (self.name, self.tr("&Name:"), self.tr("as in the passport"), self.tr("Traveler name")),
            (
                self.document,
                self.tr("&Document:"),
                self.tr("passport or ID number"),
                self.tr("Travel document"),
            ),
            (
                self.group,
                self.tr("&Group:"),
                self.tr("travelling together (optional)"),
                self.tr("Group"),
            ),
            (
                self.declaration,
                self.tr("Dec&laration:"),
                self.tr("e.g. personal backups"),
                self.tr("Declaration"),
            ),
            (self.volume, self.tr("&Volume:"), self.tr("e.g. 2 TB"), self.tr("Declared volume")),
        )
        for widget, label, placeholder, name in rows:
            widget.setPlaceholderText(placeholder)
            widget.setAccessibleName(name)
            self._set_label(widget, label)
        self._set_label(self.language, self.tr("Receipt l&anguage:"))
        self.language.setAccessibleName(self.tr("Receipt language"))
        self.language.setToolTip(self.tr("The language the traveler's receipt is printed in"))
        self.error.setAccessibleName(self.tr("Form error"))
        self.add_button.setText(self.tr("&Add traveler"))

    def _set_label(self, widget: QWidget, text: str) -> None:
        label = self.form.labelForField(widget)
        if isinstance(label, QLabel):
            label.setText(text)

    def submit(self) -> bool:
        try:
            traveler = make_traveler(
                self.name.text(),
                self.document.text(),
                self.group.text(),
                self.declaration.text(),
                self.volume.text(),
                self.language.currentData() or "en",
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
