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
from inspector.core.case.times import local_time
from inspector.core.case.verdicts import BASIS_WORDS, Estimate, Verdict
from inspector.core.media.evidence import NOMINAL_READ_BPS, format_duration, full_hash_seconds
from inspector.core.reports.chart import category_bytes, draw_chart
from inspector.core.reports.fonts import ReportPDF, setup_fonts
from inspector.core.reports.lang import Words
from inspector.core.reports.model import CaseReport, drive_capacity, report_json
from inspector.core.reports.reasons import reason_texts
from inspector.core.units import format_size

WIDTH = 180.0  # A4 minus 15 mm margins
MAX_CELL = 120  # characters in a table cell
ID_WIDTH = 9.0  # the "#" column: a 4-digit drive id on one line at 7.5 pt
REFER_RGB, CLEAR_RGB, PENDING_RGB = (176, 36, 24), (30, 120, 60), (120, 120, 120)
OUTCOME_RGB = {"refer": REFER_RGB, "clear": CLEAR_RGB, "pending": PENDING_RGB}


class _Doc(ReportPDF):
    def __init__(self, report: CaseReport, lang: str) -> None:
        super().__init__(format="A4")
        self.report = report
        self.w_ = Words(lang)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)
        # Every name, declaration and label the report holds decides which scripts' fonts load.
        self.faces = setup_fonts(self, f"{report_json(report)} {lang}")
        self.alias_nb_pages()

    def header(self) -> None:
        if not self.report.summary.case.training:
            return
        # Drawn first on every page, so the content lies over it.
        self.set_font(self.faces.family, "B", 90)
        self.set_text_color(222, 222, 222)
        with self.rotation(45, 105, 150):
            self.text(28, 180, self.w_("TRAINING"))
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.faces.family, "", 7)
        self.set_text_color(110, 110, 110)
        c = self.report.summary.case
        w = self.w_
        kind = w("TRAINING case") if c.training else w("Case")
        self.cell(
            0,
            5,
            f"{kind} {c.id} · {w('generated')} {w.when(self.report.generated_at)}"
            + (f" · {w('PROVISIONAL')}" if self.report.provisional else "")
            + f" · {w('page')} {self.page_no()}/{{nb}}",
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
    pdf.cell(w, h, pdf.w_(verdict.upper()), align="C", fill=True)
    pdf.set_text_color(0, 0, 0)


def _header(pdf: _Doc, report_hash: str) -> None:
    r = pdf.report
    c = r.summary.case
    t = pdf.faces.text
    w = pdf.w_
    pdf.set_font(pdf.faces.family, "B", 17)
    title = w("Inspection report") + (f" — {w('TRAINING')}" if c.training else "")
    pdf.cell(140, 9, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _badge(pdf, r.summary.verdict, pdf.l_margin + WIDTH - 30, pdf.t_margin)
    pdf.set_xy(pdf.l_margin, pdf.t_margin + 11)
    rows = [
        (
            w("Case"),
            f"{c.id} ({w(f'{r.store} store')})" + ("" if c.is_open else f" · {w('closed')}"),
        ),
        (w("Officer"), t(c.officer)),
        (w("Desk"), t(c.desk or "—")),
        (
            w("Opened"),
            w.when(c.opened_at)
            + (f" · {w('closed')} {w.when(c.closed_at)}" if c.closed_at else ""),
        ),
        (w("Policy"), f"{t(c.policy_name)} · BLAKE3 {c.policy_hash[:16]}…"),
        (w("Report hash"), f"{report_hash} (BLAKE3)"),
    ]
    for key, value in rows:
        pdf.set_font(pdf.faces.family, "B", 8.5)
        pdf.cell(33, 5, key)  # "Cincangan laporan" (ms) on one line
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
            t(w("PROVISIONAL — the inspection is not complete:") + " " + "; ".join(items) + "."),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_text_color(0, 0, 0)


def _declared(report: CaseReport, index: int, w: Words) -> str:
    return _declared_text(report.summary.travelers[index].traveler, w)


def _declared_text(traveler: Traveler, w: Words) -> str:
    d = traveler.declaration
    if d is None:
        return w("nothing declared")
    volume = format_size(d.declared_bytes) if d.declared_bytes is not None else w("no volume")
    licence = f" · {w('licence')} {d.licence}" if d.licence else ""
    text = f"“{d.text}” · " if d.text else ""
    return f"{text}{volume}{licence}"


def _travelers(pdf: _Doc) -> None:
    r = pdf.report
    w = pdf.w_
    _heading(pdf, w("Travelers and declarations"))
    body = []
    for i, s in enumerate(r.summary.travelers):
        tr, tot = s.traveler, s.totals
        body.append(
            [
                tr.name,
                tr.document or "—",
                tr.group or w(tr.group_name),  # "(no group)" is a word, a name is not
                _declared(r, i, w),
                tot.drives,
                format_size(tot.capacity_bytes),
                format_size(tot.used_bytes),
                _range(tot.ai_bytes),
                w(s.verdict.verdict.upper()),
            ]
        )
    _table(
        pdf,
        [
            w("Name"),
            w("Document"),
            w("Group"),
            w("Declared"),
            w("Drives"),
            w("Capacity"),
            w("Used"),
            w("AI data (95 % CI)"),
            w("Verdict"),
        ],
        body,
        [24, 18, 17, 29, 12, 15, 15, 32, 18],  # "PENDING" on one line
    )
    long = [
        s.traveler
        for s in r.summary.travelers
        if s.traveler.declaration and len(_declared_text(s.traveler, w)) > MAX_CELL
    ]
    for tr in long:
        pdf.set_font(pdf.faces.family, "B", 8)
        pdf.multi_cell(
            WIDTH,
            4,
            pdf.faces.text(w("Declaration of {name}, in full:").format(name=tr.name)),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_font(pdf.faces.family, "", 8)
        pdf.multi_cell(
            WIDTH,
            4,
            pdf.faces.text(_declared_text(tr, w)),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )


def _reasons(pdf: _Doc) -> None:
    r = pdf.report
    w = pdf.w_
    basis = r.summary.case.policy().compare
    _heading(pdf, w("Verdicts and reasons"))
    pdf.multi_cell(
        WIDTH,
        4,
        w("Thresholds: {rule} (policy setting “compare”).").format(rule=w(BASIS_WORDS[basis]))
        + " "
        + w("PENDING: not yet decidable (no drive yet, or drives still scanning)."),
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
    for scope, items in ((w("Travelers"), travelers), (w("Groups"), groups)):
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
            pdf.faces.text(f"{who}: {pdf.w_(v.verdict.upper())}"),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(pdf.faces.family, "", 8)
        for reason in reason_texts(v, pdf.w_, english=pdf.w_.lang == "en"):
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(
                WIDTH - 4,
                4,
                pdf.faces.text(f"• {reason}"),
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )


def _drive_cells(d: DriveRecord, w: Words) -> list[Any]:
    """Drive, bay, capacity, data, files, state: the cells both drive tables share."""
    capacity = drive_capacity(d)
    res = d.result
    who = " ".join(x for x in (d.identity.model, d.identity.serial) if x) or d.identity.target
    return [
        who,
        d.bay or "—",
        format_size(capacity) if capacity else "?",
        format_size(res.survey.bytes) if res else "—",
        # "+ ?": an area no filesystem walk could read holds files nobody counted
        (f"{res.survey.files:,}" + (" + ?" if res.unsurveyed else "")) if res else "—",
        w(d.state),
    ]


def _drives(pdf: _Doc) -> None:
    r = pdf.report
    w = pdf.w_
    _heading(pdf, w("Drives"))
    body = []
    for name, d in r.drives:
        if name is None:
            continue  # in their own section below
        capacity = drive_capacity(d)
        hashing = format_duration(full_hash_seconds(capacity)) if capacity else "?"
        body.append([d.id, name, *_drive_cells(d, w), hashing])
    head = ["Traveler", "Drive", "Bay", "Capacity", "Data", "Files", "State", "Full hash ≈"]
    _table(
        pdf,
        ["#", *map(w, head)],
        body,
        [ID_WIDTH, 24, 44, 10, 17, 17, 17, 20, 22],
    )
    pdf.set_font(pdf.faces.family, "", 7.5)
    pdf.multi_cell(
        WIDTH,
        4,
        w(
            "Full hash ≈: time to read and hash the whole drive at {speed} MB/s (sequential "
            "read of a large hard disk) — why the desk samples instead. State “scanning” "
            "after the desk closed means the scan was interrupted."
        ).format(speed=f"{NOMINAL_READ_BPS / 1e6:.0f}"),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    _unassigned(pdf)


def _chart(pdf: _Doc) -> None:
    w = pdf.w_
    _heading(pdf, w("Content by category (all drives, bytes, 95 % intervals)"))
    data = category_bytes([d for _, d in pdf.report.drives])
    if not data:
        pdf.multi_cell(
            WIDTH,
            4,
            w("No content identification in this case (survey only): categories unknown."),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        return
    draw_chart(pdf, pdf.faces, data, WIDTH, w)


def _method(pdf: _Doc) -> None:
    r = pdf.report
    w = pdf.w_
    _heading(pdf, w("Method"))
    body = []
    for _, d in r.drives:
        m = r.method_of(d.id)
        c = d.result.content if d.result else None
        budget = m.get("budget_s")
        body.append(
            [
                d.id,
                w(c.method) if c else "—",
                f"{c.samples:,}" if c else "—",
                format_size(c.sampled_bytes) if c else "—",
                "—" if c is None or c.seed is None else c.seed,
                "—" if budget is None else f"{budget:g} s",
                _period(d.started_at, d.finished_at, w),
            ]
        )
    _table(
        pdf,
        ["#", *map(w, ("Content", "Samples", "Sampled", "Seed", "Budget", "Scan"))],
        body,
        [ID_WIDTH, 20, 18, 20, 22, 17, 74],
    )


def _period(started: str, finished: str | None, w: Words) -> str:
    """Local times: "2026-11-29 12:35:21 UTC+08:00 → 12:36:22", the date and zone once."""
    start = w.when(started)
    if finished is None:
        return f"{start} → {w('not finished')}"
    same_day = local_time(finished)[:10] == local_time(started)[:10]
    return f"{start} → {w.clock(finished) if same_day else w.when(finished)}"


def _unassigned(pdf: _Doc) -> None:
    """Drives on the desk that nobody carries: listed, and keeping the case PENDING."""
    drives = pdf.report.summary.unassigned
    if not drives:
        return
    w = pdf.w_
    _heading(pdf, w("Unassigned drives (not counted for any traveler; the case stays pending)"))
    body = [[d.id, *_drive_cells(d, w)] for d in drives]
    _table(
        pdf,
        ["#", *map(w, ("Drive", "Bay", "Capacity", "Data", "Files", "State"))],
        body,
        [ID_WIDTH, 66, 16, 22, 22, 22, 23],
    )


def _audit(pdf: _Doc) -> None:
    r = pdf.report
    w = pdf.w_
    _heading(pdf, w("Audit log"))
    head = r.chain_head
    lines = [
        w("Entries for this case: {count}.").format(count=len(r.entries)),
        w("Chain intact.")
        if r.chain_intact
        else w("Chain NOT intact: {problem}.").format(problem=r.chain_problem),
    ]
    if head is not None:
        lines.append(
            w("Chain head at report time: entry {seq}, BLAKE3 {hash}").format(
                seq=head.seq, hash=head.hash
            )
        )
    for line in lines:
        pdf.multi_cell(
            WIDTH, 4, pdf.faces.text(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )


def write_pdf(report: CaseReport, report_hash: str, path: str | Path, lang: str = "en") -> None:
    """The report in the officer's language `lang` (names and declarations as typed)."""
    pdf = _Doc(report, lang)
    pdf.set_lang(lang.replace("_", "-"))
    pdf.set_title(pdf.w_("Inspection report, case {id}").format(id=report.summary.case.id))
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
