"""Reports: JSON of everything with a verifiable hash, CSV safe against formula injection,
PDF and receipt that render (and escape hostile names)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import blake3
import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector.core.case.records import DriveIdentity
from inspector.core.case.store import DeclarationInput, open_store
from inspector.core.reports import (
    csv_text,
    gather,
    neutralise,
    report_bytes,
    report_json,
    write_csv,
    write_pdf,
    write_receipt,
)
from inspector.core.reports.fonts import Fonts
from inspector.core.reports.receipt import qr_payload
from tests.unit.casekit import TB, sampled_scan

HOSTILE_DECLARATION = "=cmd|' /C calc'!A0"


@pytest.fixture
def report(store):
    case = store.open_case("Ana", "Desk 1")
    store.add_traveler(case.id, "@Li", "E1", "+G", DeclarationInput(HOSTILE_DECLARATION, TB))
    store.add_traveler(case.id, "Chen", "-5", "+G")
    d = store.begin_drive(
        case.id,
        "@Li",
        DriveIdentity("serial:S1", "/dev/sdb"),
        bay="2",
        method={"budget_s": 30, "seed": 7},
    )
    store.finish_drive(
        d.id,
        sampled_scan(
            76 * TB, {"ai-dataset": (0.8, 0.78, 0.82), "image": (0.2, 0.18, 0.22)}, capacity=80 * TB
        ),
    )
    return gather(store, case.id)


@pytest.mark.parametrize(
    "cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", HOSTILE_DECLARATION]
)
def test_neutralise_formula_triggers(cell):
    assert neutralise(cell) == "'" + cell.replace("\t", "\\x09").replace("\r", "\\x0d")


@given(st.text())
def test_no_text_cell_can_start_a_formula(text):
    out = neutralise(text)
    assert isinstance(out, str) and not out.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_numbers_are_left_alone():
    assert neutralise(-5) == -5 and neutralise(1.5) == 1.5 and neutralise(None) is None


def test_csv_cells_are_neutralised(report, tmp_path):
    path = tmp_path / "r.csv"
    write_csv(report, path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert {r["row"] for r in rows} == {"case", "group", "traveler", "drive"}
    li = next(r for r in rows if r["row"] == "traveler" and "Li" in r["traveler"])
    assert li["declaration"] == "'" + HOSTILE_DECLARATION
    assert li["traveler"] == "'@Li" and li["group"] == "'+G"
    chen = next(r for r in rows if r["traveler"] == "Chen")
    assert chen["document"] == "'-5"
    for r in rows:
        for value in r.values():
            assert not (value or "").startswith(("=", "+", "-", "@", "\t", "\r"))
    drive = next(r for r in rows if r["row"] == "drive")
    assert int(drive["capacity_bytes"]) == 80 * TB and drive["state"] == "complete"


def test_json_report_holds_everything_and_its_hash_is_the_file_hash(report, tmp_path):
    doc = report_json(report)
    data, digest = report_bytes(doc)
    (tmp_path / "r.json").write_bytes(data)
    assert blake3.blake3((tmp_path / "r.json").read_bytes()).hexdigest() == digest
    back = json.loads(data)
    assert back["schema"] == "inspector.report/1" and back["verdict"] == "refer"
    assert back["case"]["policy"]["text"] == report.summary.case.policy_text
    [drive] = back["drives"]
    assert drive["scan"]["schema"] == "inspector.scan/1"
    assert drive["method"] == {"budget_s": 30, "seed": 7}
    assert drive["full_hash_estimate_s"] == round(80 * TB / 265e6)
    assert back["audit"]["intact"] and back["audit"]["chain_head"]["seq"] >= len(
        back["audit"]["entries"]
    )
    li = back["travelers"][0]
    assert li["totals"]["ai_bytes"]["ci"][1] > li["totals"]["ai_bytes"]["estimate"]


def test_fonts_escape_what_they_cannot_draw():
    fonts = Fonts("dejavu", "dejavumono", frozenset(range(32, 127)))
    assert fonts.text("Li Wei 李") == "Li Wei \\u674e"
    assert fonts.text("Li\u202eWei") == "Li\\u202eWei"
    core = Fonts("helvetica", "courier", None)
    assert core.text("Zoë 李") == "Zoë \\u674e"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_and_receipt_render_with_hostile_names(tmp_path, data_dir):
    with open_store(training=True) as store:
        case = store.open_case("Trainer")
        store.add_traveler(case.id, "Li Wei 李伟", "E1")
        store.declare(case.id, "Li Wei 李伟", DeclarationInput(HOSTILE_DECLARATION, TB))
        d = store.begin_drive(case.id, "Li Wei 李伟", DriveIdentity("serial:S1", "/dev/sdb"))
        store.finish_drive(d.id, sampled_scan(TB, {"ai-dataset": (0.5, 0.4, 0.6)}))
        report = gather(store, case.id)
    _, digest = report_bytes(report_json(report))
    write_pdf(report, digest, tmp_path / "r.pdf")
    write_receipt(report, "Li Wei 李伟", digest, tmp_path / "receipt.pdf")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "TRAINING" in text and digest in text
    assert "Li Wei 李伟" in text and "ai-dataset" in text  # as typed, never \\u escapes
    assert report.summary.verdict.upper() in text
    receipt = subprocess.run(
        ["pdftotext", str(tmp_path / "receipt.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert digest in receipt and qr_payload(report, digest).split(";")[0] in receipt
    with pytest.raises(Exception, match="no traveler"):
        write_receipt(report, "Nobody", digest, tmp_path / "x.pdf")


def test_csv_text_of_an_empty_case(store):
    case = store.open_case("Ana")
    text = csv_text(gather(store, case.id))
    assert text.splitlines()[0].startswith("row,case_id,group,traveler")
    lines = text.splitlines()
    assert len(lines) == 2 and lines[1].startswith("case,")  # the case row: pending, nothing yet
    assert "pending" in lines[1] and "no traveler recorded" in lines[1]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_without_a_unicode_font_still_renders(report, tmp_path, monkeypatch):
    from inspector.core.reports import fonts

    monkeypatch.setattr(fonts, "font_dirs", lambda: ())
    monkeypatch.delenv("INSPECTOR_FONT_DIR", raising=False)
    write_pdf(report, "ab" * 32, tmp_path / "r.pdf")
    write_receipt(report, "@Li", "ab" * 32, tmp_path / "rec.pdf")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Inspection report" in text and "Full hash ~" in text and "@Li" in text


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils")
def test_longest_fields_fit_a_one_page_receipt_and_a_report(store, tmp_path):
    case = store.open_case("O" * 200, "D" * 200)
    store.add_traveler(
        case.id,
        "X" * 200,
        "D" * 200,
        "G" * 200,
        DeclarationInput(("long words " * 400)[:3990], 10**15, "L" * 200),
    )
    report = gather(store, case.id)
    write_pdf(report, "ab" * 32, tmp_path / "r.pdf")  # rows taller than a page would raise
    write_receipt(report, "X" * 200, "ab" * 32, tmp_path / "rec.pdf")
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "rec.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info


def test_symbols_noto_lacks_are_drawn_with_only_dejavu_mono_beside_it(tmp_path, monkeypatch):
    """The field kit carries Noto Sans and DejaVu Sans Mono, not DejaVu Sans: "≈", "→" and
    "✓" (in every sampled figure) still print, not as escapes."""
    from inspector.core.reports import fonts

    noto = Path("/usr/share/fonts/truetype/noto")
    mono = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
    if not (noto / fonts.NOTO[0]).is_file() or not mono.is_file():
        pytest.skip("needs fonts-noto-core and fonts-dejavu-core")
    kit = tmp_path / "fonts"
    kit.mkdir()
    for src in (noto / fonts.NOTO[0], noto / fonts.NOTO[1], mono):
        (kit / src.name).write_bytes(src.read_bytes())
    monkeypatch.setattr(fonts, "font_dirs", lambda: (kit,))
    monkeypatch.delenv("INSPECTOR_FONT_DIR", raising=False)
    chosen = fonts.setup_fonts(fonts.ReportPDF(), "≈ 2.0 TB → ✓")
    assert chosen.text("≈ 2.0 TB → ✓") == "≈ 2.0 TB → ✓"
