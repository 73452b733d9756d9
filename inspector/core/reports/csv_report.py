"""The case as one CSV table (rows for groups, travelers and drives), safe in a spreadsheet.

Formula injection: a text cell starting with = + - @ tab or CR would be run as a formula by
Excel/LibreOffice ("=cmd|' /C calc'!A0"); such cells get a leading apostrophe. Numbers are
written as numbers. Text is also escaped (names.display_name) so control characters and bidi
overrides cannot disguise a cell.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from inspector.core.case.records import DriveRecord, Traveler
from inspector.core.case.verdicts import Estimate, Totals, Verdict, drive_figures
from inspector.core.reports.model import CaseReport, drive_capacity
from inspector.core.survey.names import display_name

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | None

COLUMNS = (
    "row", "case_id", "group", "traveler", "document", "drive_id", "drive", "bay", "state",
    "drives", "capacity_bytes", "used_bytes", "files", "ai_bytes", "ai_bytes_lo", "ai_bytes_hi",
    "encrypted_bytes", "encrypted_bytes_lo", "encrypted_bytes_hi", "declared_bytes",
    "declaration", "licence", "verdict", "reasons", "result_blake3",
)  # fmt: skip


def neutralise(value: Cell) -> Cell:
    """Text that a spreadsheet would evaluate gets a leading apostrophe; numbers pass."""
    if not isinstance(value, str):
        return value
    text = display_name(value)  # tab and CR become visible escapes here, still flagged below
    return "'" + text if value.startswith(_TRIGGERS) or text.startswith(_TRIGGERS) else text


def _est(e: Estimate) -> list[Cell]:
    return [round(e.value), round(e.lo), round(e.hi)]


def _totals(t: Totals) -> list[Cell]:
    return [
        t.drives,
        t.capacity_bytes,
        t.used_bytes,
        t.files,
        *_est(t.ai_bytes),
        *_est(t.encrypted_bytes),
        t.declared_bytes,
    ]


def _verdict(v: Verdict) -> list[Cell]:
    return [v.verdict, " | ".join(v.reasons)]


def _drive_row(case_id: int, tr: Traveler | None, d: DriveRecord) -> list[Cell]:
    """A drive under its traveler, or with empty traveler cells when nobody carries it."""
    who = d.identity.serial or d.identity.model or d.identity.target
    figures: list[Cell] = [1, drive_capacity(d), *([None] * 9)]
    if d.result is not None:
        f = drive_figures(d.result, drive_capacity(d), f"bay {d.bay}" if d.bay else None)
        figures = [
            1,
            f.capacity_bytes,
            f.used_bytes,
            f.files,
            *_est(f.ai_bytes),
            *_est(f.encrypted_bytes),
            None,
        ]
    return [
        "drive",
        case_id,
        tr.group_name if tr else None,
        tr.name if tr else None,
        tr.document if tr else None,
        d.id,
        who,
        d.bay,
        d.state,
        *figures,
        None,
        None,
        None,
        None,
        d.result_hash,
    ]


def rows(r: CaseReport) -> list[list[Cell]]:
    case_id = r.summary.case.id
    s = r.summary
    # The case's own outcome first: PENDING with what is still open (unassigned drives too).
    out: list[list[Cell]] = [
        ["case", case_id, *([None] * 20), s.verdict, " | ".join(s.open_items), None]
    ]
    for g in r.summary.groups:
        out.append(
            [
                "group",
                case_id,
                g.name,
                None,
                None,
                None,
                None,
                None,
                None,
                *_totals(g.totals),
                None,
                g.totals.licence,
                *_verdict(g.verdict),
                None,
            ]
        )
    for t in r.summary.travelers:
        tr = t.traveler
        decl = tr.declaration
        out.append(
            [
                "traveler",
                case_id,
                tr.group_name,
                tr.name,
                tr.document,
                None,
                None,
                None,
                None,
                *_totals(t.totals),
                decl.text if decl else None,
                decl.licence if decl else None,
                *_verdict(t.verdict),
                None,
            ]
        )
        out.extend(_drive_row(case_id, tr, d) for d in t.drives)
    out.extend(_drive_row(case_id, None, d) for d in r.summary.unassigned)
    return out


def csv_text(r: CaseReport) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for row in rows(r):
        w.writerow([neutralise(c) for c in row])
    return buf.getvalue()


def write_csv(r: CaseReport, path: str | Path) -> None:
    # UTF-8 with BOM: spreadsheets then read names in any script correctly
    Path(path).write_text(csv_text(r), encoding="utf-8-sig", newline="")
