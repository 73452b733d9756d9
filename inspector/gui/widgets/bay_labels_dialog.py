"""The bay map editor: which dock port (udev ID_PATH pattern) is which bay label."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.core.errors import InspectorError
from inspector.core.media.drives.bays import active_bay_map_path, example_bay_map_path

SaveFn = Callable[[str], str]  # TOML text -> "" when saved, else the one-line reason


def current_text() -> str:
    """The desk's bay map, else the shipped example to start from."""
    for path in (active_bay_map_path(), example_bay_map_path()):
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return '[bay-map]\nname = ""\n'


class BayLabelsDialog(QDialog):
    def __init__(self, parent: QWidget | None, save: SaveFn) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("Bay labels of the dock"))
        self.setMinimumSize(560, 420)
        intro = QLabel(
            self.tr(
                "Each <code>[[bay]]</code> maps a dock port (udev <code>ID_PATH</code>, "
                "shell-style pattern) to the label printed on the bay. Find a port with "
                "<code>udevadm info --query=property --name=/dev/sdX</code>."
            )
        )
        intro.setWordWrap(True)
        self.editor = QPlainTextEdit(current_text())
        self.editor.setAccessibleName(self.tr("Bay map (TOML)"))
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Bay map error"))
        example = QPushButton(self.tr("Load the 15-bay example"))
        example.clicked.connect(self._load_example)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.error)
        layout.addWidget(example)
        layout.addWidget(buttons)

    def _load_example(self) -> None:
        try:
            self.editor.setPlainText(example_bay_map_path().read_text(encoding="utf-8"))
        except OSError as exc:
            self.error.setText(
                self.tr("cannot read the example: {error}").format(error=exc.strerror or exc)
            )

    def submit(self) -> bool:
        try:
            problem = self._save(self.editor.toPlainText())
        except InspectorError as exc:
            problem = str(exc)
        if problem:
            self.error.setText(problem)
            return False
        self.accept()
        return True
