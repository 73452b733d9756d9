"""The case report as PDF (fpdf2): header, travelers and declarations, drives, category chart,
verdicts with reasons and intervals, method, and the audit chain head.

Every string from a case or the evidence goes through `Fonts.text` (escaped, drawable).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf.enums import XPos, YPos

from inspector.core.case.records import Traveler
from inspector.core.case.verdicts import Estimate, Verdict
from inspector.core.media.evidence import NOMINAL_READ_BPS, format_duration, full_hash_seconds
from inspector.core.reports.chart import category_bytes, draw_chart
from inspector.core.reports.fonts import ReportPDF, setup_fonts
from inspector.core.reports.model import CaseReport, drive_capacity
from inspector.core.units import format_size

WIDTH = 180.0  # A4 minus 15 mm margins
MAX_CELL = 120  # characters in a table cell
REFER_RGB, CLEAR_RGB = (176, 36, 24), (30, 120, 60)


class _Doc(ReportPDF):
    def __init__(self, report: CaseReport) -> None:
        super().__init__(format="A4")
        self.report = report
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)
        self.faces = setup_fonts(self)
        self.alias_nb_pages()

    def header(self) -> None:
        if not self.report.summary.case.training:
            return
        # Drawn first on every page, so the content lies over it.
        self.set_font(self.faces.family, "B", 90)
        self.set_text_color(222, 222, 222)
        with self.rotation(45, 105, 150):
            self.text(28, 180, "TRAINING")
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.faces.family, "", 7)
        self.set_text_color(110, 110, 110)
        c = self.report.summary.case
        kind = "TRAINING case" if c.training else "Case"
        self.cell(
            0,
            5,
            f"{kind} {c.id} · generated {self.report.generated_at} · page {self.page_no()}/{{nb}}",
            align="C",
        )
        self.set_text_color(0, 0, 0)


def _range(e: Estimate) -> str:
    return f"{format_size(e.value)} ({format_size(e.lo)}–{format_size(e.hi)})"


def _heading(pdf: _Doc, title: str) -> None:
    pdf.ln(3)
    pdf.set_font(pdf.faces.family, "B", 11)
    pdf.cell(0, 7, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(180, 180, 180)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + WIDTH, pdf.get_y())
    pdf.ln(1.5)
    pdf.set_font(pdf.faces.family, "", 8)


def _table(
    pdf: _Doc, head: Sequence[str], body: Sequence[Sequence[Any]], widths: Sequence[float]
) -> None:
    t = pdf.faces.text
    pdf.set_font(pdf.faces.family, "", 7.5)
    pdf.set_fill_color(246, 246, 246)  # the tables' row stripes take the current fill colour
    with pdf.table(
        col_widths=tuple(widths),
        width=WIDTH,
        line_height=4,
        padding=(0.8, 1),
        headings_style=_heading_style(pdf),
        text_align="LEFT",
        borders_layout="HORIZONTAL_LINES",
        cell_fill_mode="ROWS",
    ) as table:
        row = table.row()
        for h in head:
            row.cell(h)
        for values in body:
            row = table.row()
            for v in values:
                row.cell("" if v is None else _clip(t(v)))


def _clip(text: str) -> str:
    """A table row must fit on one page: long cells are cut (the full text follows the table
    or is in the JSON report)."""
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _heading_style(pdf: _Doc) -> Any:
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(235, 235, 235))


def _badge(pdf: _Doc, verdict: str, x: float, y: float, w: float = 30, h: float = 9) -> None:
    pdf.set_fill_color(*(REFER_RGB if verdict == "refer" else CLEAR_RGB))
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(pdf.faces.family, "B", 12)
    pdf.set_xy(x, y)
    pdf.cell(w, h, verdict.upper(), align="C", fill=True)
    pdf.set_text_color(0, 0, 0)


def _header(pdf: _Doc, report_hash: str) -> None:
    r = pdf.report
    c = r.summary.case
    t = pdf.faces.text
    pdf.set_font(pdf.faces.family, "B", 17)
    title = "Inspection report" + (" — TRAINING" if c.training else "")
    pdf.cell(140, 9, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _badge(pdf, r.summary.verdict, pdf.l_margin + WIDTH - 30, pdf.t_margin)
    pdf.set_xy(pdf.l_margin, pdf.t_margin + 11)
    rows = [
        ("Case", f"{c.id} ({r.store} store)" + ("" if c.is_open else " · closed")),
        ("Officer", t(c.officer)),
        ("Desk", t(c.desk or "—")),
        ("Opened", c.opened_at + (f" · closed {c.closed_at}" if c.closed_at else "")),
        ("Policy", f"{t(c.policy_name)} · BLAKE3 {c.policy_hash[:16]}…"),
        ("Report hash", f"{report_hash} (BLAKE3)"),
    ]
    for key, value in rows:
        pdf.set_font(pdf.faces.family, "B", 8.5)
        pdf.cell(28, 5, key)
        pdf.set_font(pdf.faces.family, "", 8.5)
        pdf.cell(0, 5, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _declared(report: CaseReport, index: int) -> str:
    return _declared_text(report.summary.travelers[index].traveler)


def _declared_text(traveler: Traveler) -> str:
    d = traveler.declaration
    if d is None:
        return "nothing declared"
    volume = format_size(d.declared_bytes) if d.declared_bytes is not None else "no volume"
    licence = f" · licence {d.licence}" if d.licence else ""
    text = f"“{d.text}” · " if d.text else ""
    return f"{text}{volume}{licence}"


def _travelers(pdf: _Doc) -> None:
    r = pdf.report
    _heading(pdf, "Travelers and declarations")
    body = []
    for i, s in enumerate(r.summary.travelers):
        tr, tot = s.traveler, s.totals
        body.append(
            [
                tr.name,
                tr.document or "—",
                tr.group_name,
                _declared(r, i),
                tot.drives,
                format_size(tot.capacity_bytes),
                format_size(tot.used_bytes),
                _range(tot.ai_bytes),
                s.verdict.verdict.upper(),
            ]
        )
    _table(
        pdf,
        [
            "Name",
            "Document",
            "Group",
            "Declared",
            "Drives",
            "Capacity",
            "Used",
            "AI data (95 % CI)",
            "Verdict",
        ],
        body,
        [24, 18, 17, 33, 12, 15, 15, 32, 14],
    )
    long = [
        s.traveler
        for s in r.summary.travelers
        if s.traveler.declaration and len(_declared_text(s.traveler)) > MAX_CELL
    ]
    for tr in long:
        pdf.set_font(pdf.faces.family, "B", 8)
        pdf.multi_cell(
            WIDTH,
            4,
            pdf.faces.text(f"Declaration of {tr.name}, in full:"),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_font(pdf.faces.family, "", 8)
        pdf.multi_cell(
            WIDTH,
            4,
            pdf.faces.text(_declared_text(tr)),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )


def _reasons(pdf: _Doc) -> None:
    r = pdf.report
    basis = r.summary.case.policy().compare
    words = "the upper end of the 95 % interval" if basis == "upper" else "the point estimate"
    _heading(pdf, "Verdicts and reasons")
    pdf.multi_cell(
        WIDTH,
        4,
        f"Thresholds that concern sampled figures are compared with {words} "
        "(policy setting “compare”).",
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    items: list[tuple[str, Verdict]] = [
        (f"Traveler {s.traveler.name}", s.verdict) for s in r.summary.travelers
    ]
    items += [(f"Group {g.name} ({', '.join(g.travelers)})", g.verdict) for g in r.summary.groups]
    for who, v in items:
        pdf.ln(1)
        pdf.set_font(pdf.faces.family, "B", 8.5)
        pdf.set_text_color(*(REFER_RGB if v.verdict == "refer" else CLEAR_RGB))
        pdf.multi_cell(
            WIDTH,
            4.5,
            pdf.faces.text(f"{who}: {v.verdict.upper()}"),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(pdf.faces.family, "", 8)
        for reason in v.reasons:
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(
                WIDTH - 4,
                4,
                pdf.faces.text(f"• {reason}"),
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )


def _drives(pdf: _Doc) -> None:
    r = pdf.report
    _heading(pdf, "Drives")
    body = []
    for s, d in r.drives:
        capacity = drive_capacity(d)
        res = d.result
        who = " ".join(x for x in (d.identity.model, d.identity.serial) if x) or d.identity.target
        body.append(
            [
                d.id,
                s.traveler.name,
                who,
                d.bay or "—",
                format_size(capacity) if capacity else "?",
                format_size(res.survey.bytes) if res else "—",
                f"{res.survey.files:,}" if res else "—",
                d.state,
                format_duration(full_hash_seconds(capacity)) if capacity else "?",
            ]
        )
    _table(
        pdf,
        ["#", "Traveler", "Drive", "Bay", "Capacity", "Data", "Files", "State", "Full hash ≈"],
        body,
        [7, 24, 46, 10, 17, 17, 17, 20, 22],
    )
    pdf.set_font(pdf.faces.family, "", 7.5)
    pdf.multi_cell(
        WIDTH,
        4,
        "Full hash ≈: time to read and hash the whole drive at "
        f"{NOMINAL_READ_BPS / 1e6:.0f} MB/s (sequential read of a large hard disk) — "
        "why the desk samples instead. State “scanning” after the desk closed means "
        "the scan was interrupted.",
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _chart(pdf: _Doc) -> None:
    _heading(pdf, "Content by category (all drives, bytes, 95 % intervals)")
    data = category_bytes([d for _, d in pdf.report.drives])
    if not data:
        pdf.multi_cell(
            WIDTH,
            4,
            "No content identification in this case (survey only): categories unknown.",
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        return
    draw_chart(pdf, pdf.faces, data, WIDTH)


def _method(pdf: _Doc) -> None:
    r = pdf.report
    _heading(pdf, "Method")
    body = []
    for _, d in r.drives:
        m = r.method_of(d.id)
        c = d.result.content if d.result else None
        budget = m.get("budget_s")
        body.append(
            [
                d.id,
                c.method if c else "—",
                f"{c.samples:,}" if c else "—",
                format_size(c.sampled_bytes) if c else "—",
                "—" if c is None or c.seed is None else c.seed,
                "—" if budget is None else f"{budget:g} s",
                _period(d.started_at, d.finished_at),
            ]
        )
    _table(
        pdf,
        ["#", "Content", "Samples", "Sampled", "Seed", "Budget", "Scan"],
        body,
        [7, 20, 18, 20, 22, 17, 76],
    )


def _period(started: str, finished: str | None) -> str:
    """2026-11-29T04:35:21+00:00 → 04:36:22: the date once, the finish as a time."""
    if finished is None:
        return f"{started} → not finished"
    same_day = finished[:10] == started[:10]
    return f"{started} → {finished[11:19] if same_day else finished}"


def _audit(pdf: _Doc) -> None:
    r = pdf.report
    _heading(pdf, "Audit log")
    head = r.chain_head
    lines = [
        f"Entries for this case: {len(r.entries)}.",
        "Chain " + ("intact" if r.chain_intact else f"NOT intact: {r.chain_problem}") + ".",
    ]
    if head is not None:
        lines.append(f"Chain head at report time: entry {head.seq}, BLAKE3 {head.hash}")
    for line in lines:
        pdf.multi_cell(
            WIDTH, 4, pdf.faces.text(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )


def write_pdf(report: CaseReport, report_hash: str, path: str | Path) -> None:
    pdf = _Doc(report)
    pdf.set_title(f"Inspection report, case {report.summary.case.id}")
    pdf.set_creator("Inspector")
    pdf.add_page()
    _header(pdf, report_hash)
    _travelers(pdf)
    _reasons(pdf)
    _drives(pdf)
    _chart(pdf)
    _method(pdf)
    _audit(pdf)
    pdf.output(str(path))
