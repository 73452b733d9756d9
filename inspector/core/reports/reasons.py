"""The verdict's reasons in the reader's language, for the desk and the PDF report alike.

The core words its findings in English (the CLI, the audit log and the JSON keep them so);
each finding also carries its rule, figure, threshold and basis, and from those a reason is
worded again in another language: less detail than the English sentence, never more
certainty (a finding only the interval's upper end supports still "cannot be ruled out").
Reasons that are not findings (evidence such as an encrypted partition) stay as written.
"""

from __future__ import annotations

from collections.abc import Callable

from inspector.core.case.verdicts import Finding, Verdict
from inspector.core.units import format_share, format_size

Translate = Callable[[str], str]

RULES = {  # each rule's name, as the policy viewer shows it
    "total_capacity": "Drive capacity carried",
    "undeclared_volume": "Data beyond the declaration",
    "ai_data_licence": "AI data needing a licence check",
    "encrypted_share": "Encrypted share of the data",
    "disguised_files": "Disguised files (share of files)",
}
SIZES = frozenset({"total_capacity", "undeclared_volume", "ai_data_licence"})
EXACT = frozenset({"total_capacity", "undeclared_volume"})  # counted, not estimated
SO_FAR = "so far: "  # settle()'s prefix for what is already found while a verdict is pending
WITHIN = (  # whole sentences of the core, translated as they are
    "all figures of this traveler are within the policy thresholds",
    "all figures of the group are within the policy thresholds",
    "no drive recorded yet",
)
TEMPLATES = {
    "exact": "{rule}: {figure}, over the {threshold} threshold",
    "maybe": "{rule}: over {threshold} cannot be ruled out (up to {figure})",
    "upper": "{rule}: over the {threshold} threshold (up to {figure})",
    "estimate": "{rule}: over the {threshold} threshold (estimate {figure})",
}


def finding_text(f: Finding, words: Translate, rule_name: Translate) -> str:
    if f.rule in SIZES:
        figure, threshold = format_size(f.figure), format_size(f.threshold)
    else:
        figure, threshold = format_share(f.figure), format_share(f.threshold)
    if f.rule in EXACT:
        kind = "exact"
    elif not f.firm:
        kind = "maybe"
    else:
        kind = "upper" if f.basis == "upper" else "estimate"
    name = rule_name(RULES.get(f.rule, f.rule))
    return words(TEMPLATES[kind]).format(rule=name, figure=figure, threshold=threshold)


def reason_texts(
    verdict: Verdict, words: Translate, rule_name: Translate | None = None, english: bool = False
) -> list[str]:
    """The reasons as the reader reads them; `english`: the core's own sentences."""
    if english:
        return list(verdict.reasons)
    findings = {f.message: f for f in verdict.findings}
    out = []
    for reason in verdict.reasons:
        prefix, core = "", reason
        if reason.startswith(SO_FAR):
            prefix, core = words(SO_FAR), reason[len(SO_FAR) :]
        found = findings.get(core)
        if found is not None:
            out.append(prefix + finding_text(found, words, rule_name or words))
        else:
            out.append(prefix + (words(core) if core in WITHIN else core))
    return out
