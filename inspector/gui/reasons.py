"""The verdict's reasons in the desk's language (the wording: inspector.core.reports.reasons,
shared with the PDF report; the words: the desk's Qt catalogues)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from inspector.core.case.verdicts import Verdict
from inspector.core.reports.reasons import reason_texts as reworded
from inspector.gui.i18n import current_language

translate = QCoreApplication.translate

# For lupdate: the core's templates and sentences, under the context the desk looks them up in
# (the rule names are the policy viewer's, context PolicyDialog).
WORDS = (
    QT_TRANSLATE_NOOP("Reasons", "{rule}: {figure}, over the {threshold} threshold"),
    QT_TRANSLATE_NOOP("Reasons", "{rule}: over {threshold} cannot be ruled out (up to {figure})"),
    QT_TRANSLATE_NOOP("Reasons", "{rule}: over the {threshold} threshold (up to {figure})"),
    QT_TRANSLATE_NOOP("Reasons", "{rule}: over the {threshold} threshold (estimate {figure})"),
    QT_TRANSLATE_NOOP("Reasons", "all figures of this traveler are within the policy thresholds"),
    QT_TRANSLATE_NOOP("Reasons", "all figures of the group are within the policy thresholds"),
    QT_TRANSLATE_NOOP("Reasons", "so far: "),
    QT_TRANSLATE_NOOP("Reasons", "no drive recorded yet"),
)


def reason_texts(verdict: Verdict) -> list[str]:
    """The reasons as the desk shows them: the core's own sentences in English."""
    return reworded(
        verdict,
        lambda text: translate("Reasons", text),
        lambda text: translate("PolicyDialog", text),
        english=current_language() == "en",
    )
