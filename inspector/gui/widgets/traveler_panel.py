"""Totals of the selected traveler (and their group) against declaration and policy."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from inspector.core.case.policy import Policy
from inspector.core.case.verdicts import BASIS_WORDS
from inspector.core.survey.names import display_name
from inspector.core.units import format_size
from inspector.gui.desk import Assessment, DeskState
from inspector.gui.i18n import Retranslating, locale
from inspector.gui.models.format import estimate_text
from inspector.gui.reasons import reason_texts
from inspector.gui.widgets.verdict_badge import VerdictBadge


class TotalsBox(Retranslating, QGroupBox):
    """Figures + badge + reasons of one scope (traveler or group)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badge = VerdictBadge()
        self.form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for key in ("who", "declared", "drives", "capacity", "used", "ai", "thresholds"):
            label = QLabel()
            label.setWordWrap(True)
            label.setProperty("i18n_data", True)  # figures and names, not words to translate
            self.fields[key] = label
            self.form.addRow(QLabel(), label)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setProperty("i18n_data", True)  # the policy's reasons, from the core
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setProperty("i18n_data", True)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.badge)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(self.reasons)
        layout.addWidget(self.warnings)
        layout.addLayout(self.form)
        self.retranslate()

    def retranslate(self) -> None:
        names = {
            "declared": self.tr("Declared:"),
            "drives": self.tr("Drives:"),
            "capacity": self.tr("Capacity:"),
            "used": self.tr("Used:"),
            "ai": self.tr("AI data:"),
            "thresholds": self.tr("Policy:"),
        }
        for key, text in names.items():
            label = self.form.labelForField(self.fields[key])
            if isinstance(label, QLabel):
                label.setText(text)
            self.fields[key].setAccessibleName(text.rstrip(":："))
        self.fields["who"].setAccessibleName(self.tr("Who"))
        self.reasons.setAccessibleName(self.tr("Reasons"))
        self.warnings.setAccessibleName(self.tr("Drive warnings"))

    def show_assessment(
        self, a: Assessment, policy: Policy, scope: str, who: str, declared: str
    ) -> None:
        t = a.totals
        th = policy.thresholds(scope)
        self.badge.set_verdict(a.verdict.verdict)
        self.fields["who"].setText(who)
        self.fields["declared"].setText(declared)
        self.fields["drives"].setText(locale().toString(t.drives))
        self.fields["capacity"].setText(format_size(t.capacity_bytes))
        if t.drives and a.pending >= t.drives:  # no scan finished: zeros would read as firm
            self.fields["used"].setText(self.tr("not known yet (no scan finished)"))
            self.fields["ai"].setText(self.tr("not known yet"))
        else:
            self.fields["used"].setText(format_size(t.used_bytes))
            self.fields["ai"].setText(
                self.tr("{estimate}  (95 % interval)").format(estimate=estimate_text(t.ai_bytes))
            )
        self.fields["thresholds"].setText(
            self.tr("capacity ≤ {capacity}, undeclared ≤ {undeclared}, AI data ≤ {ai}").format(
                capacity=format_size(th.total_capacity),
                undeclared=format_size(th.undeclared_volume),
                ai=format_size(th.ai_data_licence),
            )
        )
        items = "".join(f"<li>{html.escape(display_name(r))}</li>" for r in reason_texts(a.verdict))
        self.reasons.setText(f"<ul style='margin-left:-20px'>{items}</ul>")
        warned = "".join(f"<li>⚠ {html.escape(display_name(w))}</li>" for w in a.warnings)
        self.warnings.setText(f"<ul style='margin-left:-20px'>{warned}</ul>" if warned else "")
        self.warnings.setVisible(bool(warned))


class TravelerPanel(Retranslating, QWidget):
    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._name: str | None = None
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.traveler_box = TotalsBox()
        self.group_box = TotalsBox()
        # The interval rule once, for every reason above it (not repeated per bullet).
        self.footer = QLabel()
        self.footer.setWordWrap(True)
        self.footer.setEnabled(False)  # drawn as secondary text
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.traveler_box)
        layout.addWidget(self.group_box)
        layout.addWidget(self.footer)
        layout.addStretch(1)
        state.assessments_changed.connect(self.refresh)
        state.travelers_changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Traveler totals"))
        self.empty.setText(self.tr("Select a traveler to see their totals and verdict."))
        self.footer.setAccessibleName(self.tr("Threshold rule"))
        self.refresh()

    def show_traveler(self, name: str | None) -> None:
        self._name = name
        self.refresh()

    def refresh(self) -> None:
        t = self._state.traveler(self._name) if self._name else None
        self.empty.setVisible(t is None)
        self.traveler_box.setVisible(t is not None)
        self.group_box.setVisible(t is not None and bool(t.group))
        rules = {
            "upper": self.tr(
                "figures from sampling are compared at the upper end of their 95 % interval"
            ),
            "estimate": self.tr("figures from sampling are compared at their estimate"),
        }
        compare = self._state.policy.compare
        rule = rules.get(compare, BASIS_WORDS.get(compare, compare))
        self.footer.setText(self.tr("Thresholds: {rule}.").format(rule=rule))
        if t is None:
            return
        policy = self._state.policy
        declared = self.tr("nothing") if t.declared_bytes is None else format_size(t.declared_bytes)
        if t.declaration:
            declared = f"{declared} — “{display_name(t.declaration)}”"
        who = ""
        if t.document:
            who = self.tr("document {document}").format(
                document=html.escape(display_name(t.document))
            )
        self.traveler_box.setTitle(display_name(t.name))  # "Traveler: Traveler A" reads twice
        self.traveler_box.setAccessibleName(self.tr("Traveler"))
        self.traveler_box.setProperty("i18n_data", True)  # its title is the traveler's name
        self.traveler_box.show_assessment(
            self._state.assess_traveler(t.name), policy, "traveler", who, declared
        )
        if t.group:
            members = [m for m in self._state.travelers() if m.group == t.group]
            a = self._state.assess_group(t.group)
            g_declared = (
                self.tr("nothing")
                if a.totals.declared_bytes is None
                else format_size(a.totals.declared_bytes)
            )
            self.group_box.setTitle(self.tr("Group: {group}").format(group=display_name(t.group)))
            self.group_box.setAccessibleName(self.tr("Group"))
            self.group_box.show_assessment(
                a,
                policy,
                "group",
                self.tr("members: {names}").format(
                    names=html.escape(", ".join(display_name(m.name) for m in members))
                ),
                g_declared,
            )
