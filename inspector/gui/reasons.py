"""The verdict's reasons in the desk's language.

The core words its findings in English (the CLI, the audit log and the JSON keep them so);
each finding also carries its rule, figure, threshold and basis, and from those the desk words
it again in Malay or Chinese: less detail than the English sentence, never more certainty (a
finding only the interval's upper end supports still "cannot be ruled out"). Reasons that are
not findings (evidence such as an encrypted partition) stay as the core wrote them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from inspector.core.case.verdicts import Finding, Verdict
from inspector.core.units import format_share, format_size
from inspector.gui.i18n import current_language
from inspector.gui.widgets.policy_view import ROWS

translate = QCoreApplication.translate
RULES = dict(ROWS)  # rule -> its name, as the policy viewer shows it (context PolicyDialog)
SIZES = frozenset({"total_capacity", "undeclared_volume", "ai_data_licence"})
EXACT = frozenset({"total_capacity", "undeclared_volume"})  # counted, not estimated
SO_FAR = "so far: "  # settle()'s prefix for what is already found while a verdict is pending


def finding_text(f: Finding) -> str:
    name = translate("PolicyDialog", RULES.get(f.rule, f.rule))
    if f.rule in SIZES:
        figure, threshold = format_size(f.figure), format_size(f.threshold)
    else:
        figure, threshold = format_share(f.figure), format_share(f.threshold)
    if f.rule in EXACT:
        text = translate("Reasons", "{rule}: {figure}, over the {threshold} threshold")
    elif not f.firm:
        text = translate("Reasons", "{rule}: over {threshold} cannot be ruled out (up to {figure})")
    elif f.basis == "upper":
        text = translate("Reasons", "{rule}: over the {threshold} threshold (up to {figure})")
    else:
        text = translate("Reasons", "{rule}: over the {threshold} threshold (estimate {figure})")
    return text.format(rule=name, figure=figure, threshold=threshold)


def reason_texts(verdict: Verdict) -> list[str]:
    """The reasons as the desk shows them: the core's own in English."""
    if current_language() == "en":
        return list(verdict.reasons)
    findings = {f.message: f for f in verdict.findings}
    within = {
        "all figures of this traveler are within the policy thresholds": translate(
            "Reasons", "all figures of this traveler are within the policy thresholds"
        ),
        "all figures of the group are within the policy thresholds": translate(
            "Reasons", "all figures of the group are within the policy thresholds"
        ),
    }
    out = []
    for reason in verdict.reasons:
        prefix, core = "", reason
        if reason.startswith(SO_FAR):
            prefix, core = translate("Reasons", "so far: "), reason[len(SO_FAR) :]
        found = findings.get(core)
        out.append(prefix + (finding_text(found) if found else within.get(core, core)))
    return out
