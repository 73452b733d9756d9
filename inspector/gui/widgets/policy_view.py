"""Read-only view of the policy in force: thresholds per traveler and group, its hash and text."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector.core.case.policy import Policy, Thresholds
from inspector.core.units import format_size
from inspector.gui.i18n import locale

ROWS = (
    ("total_capacity", QT_TRANSLATE_NOOP("PolicyDialog", "Drive capacity carried")),
    ("undeclared_volume", QT_TRANSLATE_NOOP("PolicyDialog", "Data beyond the declaration")),
    ("ai_data_licence", QT_TRANSLATE_NOOP("PolicyDialog", "AI data needing a licence check")),
    ("encrypted_share", QT_TRANSLATE_NOOP("PolicyDialog", "Encrypted share of the data")),
    ("disguised_files", QT_TRANSLATE_NOOP("PolicyDialog", "Disguised files (share of files)")),
)


def _value(th: Thresholds, key: str) -> str:
    value = getattr(th, key)
    if isinstance(value, float):
        return locale().toString(value * 100, "f", 1) + " %"
    return format_size(value)


class PolicyDialog(QDialog):
    """Read-only for officers. With `save` (a supervisor's session) the text is editable and
    "Validate and save" calls `save(text)`, which returns an error line or "" when saved."""

    def __init__(
        self,
        policy: Policy,
        parent: QWidget | None = None,
        save: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Policy: {name}").format(name=policy.name))
        self.setAccessibleName(self.tr("Policy"))
        basis = (
            self.tr("the upper end of each 95 % interval (could it exceed?)")
            if policy.compare == "upper"
            else self.tr("the estimates")
        )
        head = QLabel(
            self.tr("<b>{name}</b> version {version} — thresholds compare {basis}.").format(
                name=html.escape(policy.name), version=policy.version, basis=basis
            )
            + f"<br><small>{html.escape(str(policy.source))}<br>BLAKE3 {policy.hash}</small>"
        )
        head.setWordWrap(True)
        table = QTableWidget(len(ROWS), 3)
        table.setAccessibleName(self.tr("Thresholds"))
        table.setHorizontalHeaderLabels(
            [self.tr("Refer when above"), self.tr("Per traveler"), self.tr("Per group")]
        )
        table.verticalHeader().hide()
        for i, (key, label) in enumerate(ROWS):
            for col, text in enumerate(
                (
                    QCoreApplication.translate("PolicyDialog", label),
                    _value(policy.traveler, key),
                    _value(policy.group, key),
                )
            ):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(i, col, item)
        table.resizeColumnsToContents()
        text = QPlainTextEdit(policy.text)
        text.setReadOnly(save is None)
        text.setAccessibleName(self.tr("Policy text"))
        text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Policy status"))
        self._save = save
        if save is not None:
            button = buttons.addButton(
                self.tr("&Validate and save"), QDialogButtonBox.ButtonRole.ApplyRole
            )
            button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(table)
        layout.addWidget(
            QLabel(
                self.tr("Policy file (supervisor: edits apply to cases opened from now on):")
                if save is not None
                else self.tr("Policy file (read-only; a supervisor edits it):")
            )
        )
        layout.addWidget(text, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.table = table
        self.text = text
        self.resize(640, 560)

    def save(self) -> bool:
        assert self._save is not None
        error = self._save(self.text.toPlainText())
        self.status.setText(
            error or self.tr("Saved: new cases use this policy; the change is audited.")
        )
        return not error
