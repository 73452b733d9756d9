"""Totals of the selected traveler (and their group) against declaration and policy."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from inspector.core.case.policy import Policy
from inspector.core.case.verdicts import BASIS_WORDS
from inspector.core.survey.names import display_name
from inspector.core.units import format_size
from inspector.gui.desk import Assessment, DeskState
from inspector.gui.models.format import estimate_text
from inspector.gui.widgets.verdict_badge import VerdictBadge


class _TotalsBox(QGroupBox):
    """Figures + badge + reasons of one scope (traveler or group)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setAccessibleName(title)
        self.badge = VerdictBadge()
        self.form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for key in ("who", "declared", "drives", "capacity", "used", "ai", "thresholds"):
            label = QLabel()
            label.setWordWrap(True)
            label.setAccessibleName(key)
            self.fields[key] = label
        self.form.addRow("", self.fields["who"])
        self.form.addRow("Declared:", self.fields["declared"])
        self.form.addRow("Drives:", self.fields["drives"])
        self.form.addRow("Capacity:", self.fields["capacity"])
        self.form.addRow("Used:", self.fields["used"])
        self.form.addRow("AI data:", self.fields["ai"])
        self.form.addRow("Policy:", self.fields["thresholds"])
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setAccessibleName("Reasons")
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Drive warnings")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.badge)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(self.reasons)
        layout.addWidget(self.warnings)
        layout.addLayout(self.form)

    def show_assessment(
        self, a: Assessment, policy: Policy, scope: str, who: str, declared: str
    ) -> None:
        t = a.totals
        th = policy.thresholds(scope)
        self.badge.set_verdict(a.verdict.verdict)
        self.fields["who"].setText(who)
        self.fields["declared"].setText(declared)
        self.fields["drives"].setText(str(t.drives))
        self.fields["capacity"].setText(format_size(t.capacity_bytes))
        if t.drives and a.pending >= t.drives:  # no scan finished: zeros would read as firm
            self.fields["used"].setText("not known yet (no scan finished)")
            self.fields["ai"].setText("not known yet")
        else:
            self.fields["used"].setText(format_size(t.used_bytes))
            self.fields["ai"].setText(estimate_text(t.ai_bytes) + "  (95 % interval)")
        self.fields["thresholds"].setText(
            f"capacity ≤ {format_size(th.total_capacity)}, undeclared ≤ "
            f"{format_size(th.undeclared_volume)}, AI data ≤ {format_size(th.ai_data_licence)}"
        )
        items = "".join(f"<li>{html.escape(display_name(r))}</li>" for r in a.verdict.reasons)
        self.reasons.setText(f"<ul style='margin-left:-20px'>{items}</ul>")
        warned = "".join(f"<li>⚠ {html.escape(display_name(w))}</li>" for w in a.warnings)
        self.warnings.setText(f"<ul style='margin-left:-20px'>{warned}</ul>" if warned else "")
        self.warnings.setVisible(bool(warned))


class TravelerPanel(QWidget):
    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._name: str | None = None
        self.setAccessibleName("Traveler totals")
        self.empty = QLabel("Select a traveler to see their totals and verdict.")
        self.empty.setWordWrap(True)
        self.traveler_box = _TotalsBox("Traveler")
        self.group_box = _TotalsBox("Group")
        # The interval rule once, for every reason above it (not repeated per bullet).
        self.footer = QLabel(f"Thresholds: {BASIS_WORDS[state.policy.compare]}.")
        self.footer.setWordWrap(True)
        self.footer.setAccessibleName("Threshold rule")
        self.footer.setEnabled(False)  # drawn as secondary text
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.traveler_box)
        layout.addWidget(self.group_box)
        layout.addWidget(self.footer)
        layout.addStretch(1)
        state.assessments_changed.connect(self.refresh)
        state.travelers_changed.connect(self.refresh)
        self.refresh()

    def show_traveler(self, name: str | None) -> None:
        self._name = name
        self.refresh()

    def refresh(self) -> None:
        t = self._state.traveler(self._name) if self._name else None
        self.empty.setVisible(t is None)
        self.traveler_box.setVisible(t is not None)
        self.group_box.setVisible(t is not None and bool(t.group))
        self.footer.setText(f"Thresholds: {BASIS_WORDS[self._state.policy.compare]}.")
        if t is None:
            return
        policy = self._state.policy
        declared = "nothing" if t.declared_bytes is None else format_size(t.declared_bytes)
        if t.declaration:
            declared = f"{declared} — “{display_name(t.declaration)}”"
        who = f"document {html.escape(display_name(t.document))}" if t.document else ""
        self.traveler_box.setTitle(display_name(t.name))  # "Traveler: Traveler A" reads twice
        self.traveler_box.show_assessment(
            self._state.assess_traveler(t.name), policy, "traveler", who, declared
        )
        if t.group:
            members = [m for m in self._state.travelers() if m.group == t.group]
            a = self._state.assess_group(t.group)
            g_declared = (
                "nothing"
                if a.totals.declared_bytes is None
                else format_size(a.totals.declared_bytes)
            )
            self.group_box.setTitle(f"Group: {display_name(t.group)}")
            self.group_box.show_assessment(
                a,
                policy,
                "group",
                "members: " + html.escape(", ".join(display_name(m.name) for m in members)),
                g_declared,
            )
