"""Edit a traveler's declaration: free text, declared volume ("2 TB"), licence reference."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from inspector.core.errors import UsageError
from inspector.core.survey.names import display_name
from inspector.core.units import format_size, parse_size
from inspector.gui.desk import Traveler


class DeclarationDialog(QDialog):
    def __init__(self, traveler: Traveler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Declaration of {name}").format(name=display_name(traveler.name))
        )
        self.setAccessibleName(self.tr("Declaration"))
        self._traveler = traveler
        self.result_traveler: Traveler | None = None
        self.text = QLineEdit(traveler.declaration)
        self.volume = QLineEdit(
            "" if traveler.declared_bytes is None else format_size(traveler.declared_bytes)
        )
        self.licence = QLineEdit(traveler.licence or "")
        self.volume.setPlaceholderText(self.tr("e.g. 2 TB (empty: no volume declared)"))
        for widget, name in (
            (self.text, self.tr("Declaration")),
            (self.volume, self.tr("Declared volume")),
            (self.licence, self.tr("Licence reference")),
        ):
            widget.setAccessibleName(name)
        self.setMinimumWidth(460)  # a parser's hint is one sentence: room for it on two lines
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Declaration error"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Declaration:"), self.text)
        form.addRow(self.tr("&Volume:"), self.volume)
        form.addRow(self.tr("&Licence:"), self.licence)
        form.addRow(self.error)
        form.addRow(buttons)

    def submit(self) -> bool:
        volume = self.volume.text().strip()
        try:
            declared = parse_size(volume) if volume else None
        except UsageError as exc:
            self.error.setText(str(exc))
            # A wrapped label needs more height once it has text: grow to show all of it.
            layout = self.layout()
            if layout is not None:
                layout.activate()
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))
            return False
        self.result_traveler = replace(
            self._traveler,
            declaration=self.text.text().strip(),
            declared_bytes=declared,
            licence=self.licence.text().strip() or None,
        )
        self.accept()
        return True
