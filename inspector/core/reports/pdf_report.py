"""The case report as PDF (fpdf2): header, travelers and declarations, drives, category chart,
verdicts with reasons and intervals, method, and the audit chain head.

Every string from a case or the evidence goes through `Fonts.text` (escaped, drawable).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf.enums import XPos, YPos

from inspector.core.case.records import DriveRecord, Traveler
from inspector.core.case.times import local_clock, local_time
from inspector.core.case.verdicts import BASIS_WORDS, Estimate, Verdict
from inspector.core.media.evidence import NOMINAL_READ_BPS, format_duration, full_hash_seconds
from inspector.core.reports.chart import category_bytes, draw_chart
from inspector.core.reports.fonts import ReportPDF, setup_fonts
from inspector.core.reports.model import CaseReport, drive_capacity
from inspector.core.units import format_size

WIDTH = 180.0  # A4 minus 15 mm margins
MAX_CELL = 120  # characters in a table cell
ID_WIDTH = 9.0  # the "#" column: a 4-digit drive id on one line at 7.5 pt
REFER_RGB, CLEAR_RGB, PENDING_RGB = (176, 36, 24), (30, 120, 60), (120, 120, 120)
OUTCOME_RGB = {"refer": REFER_RGB, "clear": CLEAR_RGB, "pending": PENDING_RGB}


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
            f"{kind} {c.id} · generated {local_time(self.report.generated_at)}"
            + (" · PROVISIONAL" if self.report.provisional else "")
            + f" · page {self.page_no()}/{{nb}}",
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
    pdf.set_fill_color(*OUTCOME_RGB.get(verdict, PENDING_RGB))
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
        (
            "Opened",
            local_time(c.opened_at)
            + (f" · closed {local_time(c.closed_at)}" if c.closed_at else ""),
        ),
        ("Policy", f"{t(c.policy_name)} · BLAKE3 {c.policy_hash[:16]}…"),
        ("Report hash", f"{report_hash} (BLAKE3)"),
    ]
    for key, value in rows:
        pdf.set_font(pdf.faces.family, "B", 8.5)
        pdf.cell(28, 5, key)
        pdf.set_font(pdf.faces.family, "", 8.5)
        pdf.cell(0, 5, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    items = r.summary.open_items
    if items:  # a report of a case still in progress must say so where it is read first
        pdf.ln(1)
        pdf.set_font(pdf.faces.family, "B", 9)
        pdf.set_text_color(*REFER_RGB)
        pdf.multi_cell(
            WIDTH,
            4.5,
            t("PROVISIONAL — the inspection is not complete: " + "; ".join(items) + "."),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_text_color(0, 0, 0)


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
        [24, 18, 17, 29, 12, 15, 15, 32, 18],  # "PENDING" on one line
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
    _heading(pdf, "Verdicts and reasons")
    pdf.multi_cell(
        WIDTH,
        4,
        f"Thresholds: {BASIS_WORDS[basis]} (policy setting “compare”). PENDING: not yet "
        "decidable (no drive yet, or drives still scanning).",
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    # Each subject under its scope's sub-heading, by its name alone: a traveler named
    # "Traveler A" must not read "Traveler Traveler A".
    travelers: list[tuple[str, Verdict]] = [
        (s.traveler.name, s.verdict) for s in r.summary.travelers
    ]
    groups = [(f"{g.name} ({', '.join(g.travelers)})", g.verdict) for g in r.summary.groups]
    for scope, items in (("Travelers", travelers), ("Groups", groups)):
        if not items:
            continue
        pdf.ln(1)
        pdf.set_font(pdf.faces.family, "B", 9)
        pdf.cell(0, 5, scope, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        _verdict_items(pdf, items)


def _verdict_items(pdf: _Doc, items: Sequence[tuple[str, Verdict]]) -> None:
    for who, v in items:
        pdf.ln(1)
        pdf.set_font(pdf.faces.family, "B", 8.5)
        pdf.set_text_color(*OUTCOME_RGB.get(v.verdict, PENDING_RGB))
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


def _drive_cells(d: DriveRecord) -> list[Any]:
    """Drive, bay, capacity, data, files, state: the cells both drive tables share."""
    capacity = drive_capacity(d)
    res = d.result
    who = " ".join(x for x in (d.identity.model, d.identity.serial) if x) or d.identity.target
    return [
        who,
        d.bay or "—",
        format_size(capacity) if capacity else "?",
        format_size(res.survey.bytes) if res else "—",
        f"{res.survey.files:,}" if res else "—",
        d.state,
    ]


def _drives(pdf: _Doc) -> None:
    r = pdf.report
    _heading(pdf, "Drives")
    body = []
    for name, d in r.drives:
        if name is None:
            continue  # in their own section below
        capacity = drive_capacity(d)
        hashing = format_duration(full_hash_seconds(capacity)) if capacity else "?"
        body.append([d.id, name, *_drive_cells(d), hashing])
    _table(
        pdf,
        ["#", "Traveler", "Drive", "Bay", "Capacity", "Data", "Files", "State", "Full hash ≈"],
        body,
        [ID_WIDTH, 24, 44, 10, 17, 17, 17, 20, 22],
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
    _unassigned(pdf)


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
        [ID_WIDTH, 20, 18, 20, 22, 17, 74],
    )


def _period(started: str, finished: str | None) -> str:
    """Local times: "2026-11-29 12:35:21 UTC+08:00 → 12:36:22", the date and zone once."""
    start = local_time(started)
    if finished is None:
        return f"{start} → not finished"
    end = local_time(finished)
    same_day = end[:10] == start[:10]
    return f"{start} → {local_clock(finished) if same_day else end}"


def _unassigned(pdf: _Doc) -> None:
    """Drives on the desk that nobody carries: listed, and keeping the case PENDING."""
    drives = pdf.report.summary.unassigned
    if not drives:
        return
    _heading(pdf, "Unassigned drives (not counted for any traveler; the case stays pending)")
    body = [[d.id, *_drive_cells(d)] for d in drives]
    _table(
        pdf,
        ["#", "Drive", "Bay", "Capacity", "Data", "Files", "State"],
        body,
        [ID_WIDTH, 66, 16, 22, 22, 22, 23],
    )


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
