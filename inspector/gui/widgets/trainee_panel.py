"""The trainee's verdicts (clear / refer per traveler and group) and the score afterwards."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
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
from inspector.gui.icons import icon
from inspector.gui.widgets.colors import clear_color, refer_color

VERDICTS = ("clear", "refer")


class TraineePanel(QWidget):
    """`keys` are (scope, name) pairs; `grade(answers)` returns the training core's Grade."""

    def __init__(
        self,
        keys: list[tuple[str, str]],
        grade: Callable[[dict[str, str]], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Trainee verdicts")
        self._grade = grade
        self._groups: dict[str, QButtonGroup] = {}
        intro = QLabel(
            "Inspect the drives, then give your verdict for each traveler and group. "
            "The score compares it with the instructor's answer."
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        for row, (scope, name) in enumerate(keys):
            label = QLabel(f"{display_name(name)} <i>({scope})</i>")
            grid.addWidget(label, row, 0)
            group = QButtonGroup(self)
            for col, verdict in enumerate(VERDICTS, start=1):
                button = QRadioButton(verdict.capitalize())
                button.setAccessibleName(f"{verdict} for {name}")
                group.addButton(button, col)
                grid.addWidget(button, row, col)
            self._groups[name] = group
        grid.setColumnStretch(3, 1)
        self.submit_button = QPushButton(icon("score"), "&Submit verdicts and see the score")
        self.submit_button.clicked.connect(self.submit)
        self.score = QLabel()
        self.score.setAccessibleName("Score")
        self.score.setWordWrap(True)
        self.score.setTextFormat(Qt.TextFormat.RichText)
        self.score.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.score.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.score)
        entry = QVBoxLayout()
        entry.addWidget(intro)
        entry.addLayout(grid)
        entry.addWidget(self.submit_button)
        entry.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(entry, 2)
        layout.addWidget(scroll, 5)

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
        graded = self._grade(self.answers())
        self.score.setText(score_html(graded, self.palette()))
        return graded


def score_html(graded: Any, palette: Any) -> str:
    good, bad = clear_color(palette).name(), refer_color(palette).name()
    rows = []
    # Mistakes first, with the desk's reasons; a right answer needs only the explanation.
    for item in sorted(graded.items, key=lambda i: i.correct):
        mark = (
            f"<b style='color:{good}'>✓ right</b>"
            if item.correct
            else f"<b style='color:{bad}'>✗ wrong</b>"
        )
        answer = item.answer.upper() if item.answer else "no answer"
        reasons = "".join(f"<li>{html.escape(r)}</li>" for r in item.reasons)
        rows.append(
            f"<tr><td><b>{html.escape(display_name(item.name))}</b><br><i>{item.scope}</i></td>"
            f"<td>{answer}</td><td>{item.expected.upper()}</td><td>{mark}</td>"
            f"<td>{html.escape(item.explanation)}"
            + (
                f"<br><small>The desk's reasons:</small><ul>{reasons}</ul>"
                if reasons and not item.correct
                else ""
            )
            + "</td></tr>"
        )
    head = (
        "<tr><th align=left>Who</th><th align=left>You</th><th align=left>Expected</th>"
        "<th></th><th align=left>Why</th></tr>"
    )
    return (
        f"<h2>Score: {graded.matches} / {graded.total} ({graded.score:.0%})</h2>"
        f"<table cellpadding=4 cellspacing=0 border=0>{head}{''.join(rows)}</table>"
    )
