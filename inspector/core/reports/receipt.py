"""The traveler's receipt: one page saying what was inspected, by whom, when, with a QR code
of the case id and the report hash (so the traveler can later prove which report was issued).
"""

from __future__ import annotations

import io
from pathlib import Path

import qrcode
from fpdf.enums import XPos, YPos

from inspector.core.errors import UsageError
from inspector.core.reports.fonts import ReportPDF, setup_fonts
from inspector.core.reports.lang import Words
from inspector.core.reports.model import CaseReport
from inspector.core.survey.names import display_name
from inspector.core.units import format_size

WIDTH = 180.0


# Only a settled CLEAR says "no further action"; PENDING says the inspection goes on.
OUTCOME_TEXT = {
    "clear": "no further action",
    "refer": "referred for further examination",
    "pending": "inspection not complete: outcome pending (this receipt is not a clearance)",
}
MAX_FIELD = 160  # characters per field: the receipt stays one page


def _clip(text: str) -> str:
    return text if len(text) <= MAX_FIELD else text[: MAX_FIELD - 1] + "…"


def qr_payload(report: CaseReport, report_hash: str) -> str:
    c = report.summary.case
    store = "training" if c.training else "live"
    return f"inspector:case={c.id};store={store};report-blake3={report_hash}"


def qr_png(payload: str) -> bytes:
    img = qrcode.make(payload, box_size=8, border=2)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def write_receipt(
    report: CaseReport,
    traveler: str,
    report_hash: str,
    path: str | Path,
    lang: str | None = None,
) -> None:
    """The traveler's receipt, in `lang`, else in the traveler's recorded language."""
    found = [t for t in report.summary.travelers if t.traveler.name == traveler]
    if not found:
        raise UsageError(f"no traveler {display_name(traveler)!r} in case {report.summary.case.id}")
    s = found[0]
    c = report.summary.case
    w = Words(lang or s.traveler.language)
    pdf = ReportPDF(format="A4")
    pdf.set_lang(w.lang.replace("_", "-"))
    pdf.set_margins(15, 15, 15)
    words = " ".join(map(w, (*OUTCOME_TEXT.values(), "Inspection receipt", "Traveler")))
    fonts = setup_fonts(pdf, f"{words} {s.traveler} {c.officer} {c.desk}")
    t = fonts.text
    pdf.add_page()
    if c.training:
        pdf.set_font(fonts.family, "B", 90)
        pdf.set_text_color(222, 222, 222)
        with pdf.rotation(45, 105, 150):
            pdf.text(28, 180, w("TRAINING"))
        pdf.set_text_color(0, 0, 0)
    pdf.set_xy(15, 15)
    pdf.set_font(fonts.family, "B", 17)
    pdf.cell(
        0,
        10,
        w("Inspection receipt") + (f" — {w('TRAINING')}" if c.training else ""),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_font(fonts.family, "", 9)
    pdf.multi_cell(
        WIDTH,
        5,
        w(
            "Your storage media were inspected read-only: nothing was written to them. "
            "Keep this receipt; the QR code identifies the inspection report."
        ),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)
    decl = s.traveler.declaration
    declared = w("nothing declared")
    if decl is not None:
        volume = format_size(decl.declared_bytes) if decl.declared_bytes is not None else ""
        declared = ", ".join(x for x in (decl.text, volume) if x)
    rows = [
        ("Traveler", t(s.traveler.name)),
        ("Travel document", t(s.traveler.document or "—")),
        ("Declared", t(declared)),
        ("Case", f"{c.id}"),
        ("Officer", t(c.officer)),
        ("Desk", t(c.desk or "—")),
        ("Date", w.when(c.opened_at)),
        (
            "Drives inspected",
            w("{count} ({capacity} capacity, {used} of data)").format(
                count=len(s.drives),
                capacity=format_size(s.totals.capacity_bytes),
                used=format_size(s.totals.used_bytes),
            ),
        ),
        ("Outcome", w(OUTCOME_TEXT[s.verdict.verdict])),
    ]
    for key, value in rows:
        pdf.set_font(fonts.family, "B", 10)
        pdf.cell(42, 6, w(key))
        pdf.set_font(fonts.family, "", 10)
        pdf.multi_cell(WIDTH - 42, 6, _clip(value), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    y = pdf.get_y()
    pdf.image(io.BytesIO(qr_png(qr_payload(report, report_hash))), x=15, y=y, w=50, h=50)
    pdf.set_xy(70, y + 4)
    pdf.set_font(fonts.family, "", 8)
    pdf.multi_cell(
        WIDTH - 55,
        4.5,
        w("Report hash (BLAKE3 of the JSON report):")
        + f"\n{report_hash}\n\n"
        + w("The QR code reads:")
        + f"\n{qr_payload(report, report_hash)}",
        align="L",
    )
    pdf.set_xy(15, y + 60)
    pdf.set_font(fonts.family, "", 9)
    pdf.cell(85, 6, w("Officer's signature:") + " ______________________")
    pdf.cell(85, 6, w("Traveler's signature:") + " ______________________")
    pdf.output(str(path))
