"""The trainee's verdicts (clear / refer per traveler and group) and the score afterwards."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inspector.core.survey.names import display_name
from inspector.gui.i18n import Retranslating, verdict_word
from inspector.gui.icons import icon
from inspector.gui.widgets.colors import clear_color, refer_color

translate = QCoreApplication.translate  # lupdate reads the translate("Context", "text") calls

VERDICTS = ("clear", "refer")


class TraineePanel(Retranslating, QWidget):
    """`keys` are (scope, name) pairs; `grade(answers)` returns the training core's Grade."""

    def __init__(
        self,
        keys: list[tuple[str, str]],
        grade: Callable[[dict[str, str]], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._grade = grade
        self._keys = keys
        self._groups: dict[str, QButtonGroup] = {}
        self._labels: list[QLabel] = []
        self._graded: Any = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        grid = QGridLayout()
        for row, (_scope, name) in enumerate(keys):
            label = QLabel()
            self._labels.append(label)
            grid.addWidget(label, row, 0)
            group = QButtonGroup(self)
            for col, _verdict in enumerate(VERDICTS, start=1):
                button = QRadioButton()
                group.addButton(button, col)
                grid.addWidget(button, row, col)
            self._groups[name] = group
        grid.setColumnStretch(3, 1)
        self.submit_button = QPushButton(icon("score"), "")
        self.submit_button.clicked.connect(self.submit)
        self.score = QLabel()
        self.score.setProperty("i18n_data", True)  # names and the instructor's explanations
        self.score.setWordWrap(True)
        self.score.setTextFormat(Qt.TextFormat.RichText)
        self.score.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.score.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.score)
        entry = QVBoxLayout()
        entry.addWidget(self.intro)
        entry.addLayout(grid)
        entry.addWidget(self.submit_button)
        entry.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(entry, 2)
        layout.addWidget(scroll, 5)

        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Trainee verdicts"))
        self.intro.setText(
            self.tr(
                "Inspect the drives, then give your verdict for each traveler and group. "
                "The score compares it with the instructor's answer."
            )
        )
        scopes = {"traveler": self.tr("traveler"), "group": self.tr("group")}
        words = {"clear": self.tr("Clear"), "refer": self.tr("Refer")}
        for label, (scope, name) in zip(self._labels, self._keys, strict=True):
            label.setText(f"{html.escape(display_name(name))} <i>({scopes.get(scope, scope)})</i>")
            for col, verdict in enumerate(VERDICTS, start=1):
                button = self._groups[name].button(col)
                button.setText(words[verdict])
                button.setAccessibleName(
                    self.tr("{verdict} for {name}").format(verdict=words[verdict], name=name)
                )
        self.submit_button.setText(self.tr("&Submit verdicts and see the score"))
        self.score.setAccessibleName(self.tr("Score"))
        if self._graded is not None:
            self.score.setText(score_html(self._graded, self.palette()))

    def names(self) -> list[str]:
        return list(self._groups)

    def set_answer(self, name: str, verdict: str) -> None:
        self._groups[name].button(VERDICTS.index(verdict) + 1).setChecked(True)

    def answers(self) -> dict[str, str]:
        out = {}
        for name, group in self._groups.items():
            checked = group.checkedId()
            if checked > 0:
                out[name] = VERDICTS[checked - 1]
        return out

    def submit(self) -> Any:
        graded = self._graded = self._grade(self.answers())
        self.score.setText(score_html(graded, self.palette()))
        return graded


def score_html(graded: Any, palette: Any) -> str:
    good, bad = clear_color(palette).name(), refer_color(palette).name()
    rows = []
    scopes = {
        "traveler": translate("TraineePanel", "traveler"),
        "group": translate("TraineePanel", "group"),
    }
    desk_reasons = html.escape(translate("TraineePanel", "The desk's reasons:"))
    # Mistakes first, with the desk's reasons; a right answer needs only the explanation.
    for item in sorted(graded.items, key=lambda i: i.correct):
        mark = (
            f"<b style='color:{good}'>✓ {translate('TraineePanel', 'right')}</b>"
            if item.correct
            else f"<b style='color:{bad}'>✗ {translate('TraineePanel', 'wrong')}</b>"
        )
        answer = (
            verdict_word(item.answer) if item.answer else translate("TraineePanel", "no answer")
        )
        reasons = "".join(f"<li>{html.escape(r)}</li>" for r in item.reasons)
        rows.append(
            f"<tr><td><b>{html.escape(display_name(item.name))}</b><br>"
            f"<i>{scopes.get(item.scope, item.scope)}</i></td>"
            f"<td>{answer}</td><td>{verdict_word(item.expected)}</td><td>{mark}</td>"
            f"<td>{html.escape(item.explanation)}"
            + (
                f"<br><small>{desk_reasons}</small><ul>{reasons}</ul>"
                if reasons and not item.correct
                else ""
            )
            + "</td></tr>"
        )
    head = "".join(
        f"<th align=left>{text}</th>"
        for text in (
            translate("TraineePanel", "Who"),
            translate("TraineePanel", "You"),
            translate("TraineePanel", "Expected"),
            "",
            translate("TraineePanel", "Why"),
        )
    )
    score = translate("TraineePanel", "Score: {matches} / {total} ({percent} %)").format(
        matches=graded.matches, total=graded.total, percent=round(graded.score * 100)
    )
    return (
        f"<h2>{score}</h2>"
        f"<table cellpadding=4 cellspacing=0 border=0><tr>{head}</tr>{''.join(rows)}</table>"
    )
