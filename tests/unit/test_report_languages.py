"""Reports in the officer's language, receipts in the traveler's, names in any script as typed."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from inspector.core.case.records import DriveIdentity
from inspector.core.case.store import DeclarationInput, open_store, store_path
from inspector.core.errors import UsageError
from inspector.core.reports import gather, report_bytes, report_json, write_pdf, write_receipt
from inspector.core.reports import lang as lang_module
from inspector.core.reports.fonts import scripts_in
from inspector.core.reports.lang import Words
from tests.unit.casekit import TB, sampled_scan

ZHANG = "张伟 (Zhang Wei)"
TAMIL = "கணேசன் முருகன்"
JAWI = "محمد بن عبدالله"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")
needs_noto = pytest.mark.skipif(
    not Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").is_file(),
    reason="fonts-noto-cjk",
)


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def case_report(data_dir):  # type: ignore[no-untyped-def]
    with open_store() as store:
        case = store.open_case("Aminah binti Yusof", "KLIA T1 desk 4")
        store.add_traveler(case.id, ZHANG, "E12345678", "Flight MH371", language="zh_CN")
        store.declare(case.id, ZHANG, DeclarationInput("个人照片", TB))
        store.add_traveler(case.id, TAMIL, "N7654321", language="ms")
        store.add_traveler(case.id, JAWI)
        for name, serial in ((ZHANG, "S1"), (TAMIL, "S2"), (JAWI, "S3")):
            d = store.begin_drive(case.id, name, DriveIdentity(f"serial:{serial}", "/dev/sdb"))
            store.finish_drive(d.id, sampled_scan(TB, {"ai-dataset": (0.5, 0.4, 0.6)}))
        report = gather(store, case.id)
    return report


@pytest.fixture
def misses(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Every word a report asked for that its language's catalogue lacks."""
    found: set[str] = set()
    original = Words.__call__

    def recording(self: Words, text: str) -> str:
        out = original(self, text)
        found.update(self.missing)
        return out

    monkeypatch.setattr(Words, "__call__", recording)
    return found


@needs_poppler
@needs_noto
@pytest.mark.parametrize(
    ("lang", "title", "verdict"),
    [("en", "Inspection report", "REFER"), ("ms", "Laporan pemeriksaan", "RUJUK"),
     ("zh_CN", "查验报告", "移交")],
)  # fmt: skip
def test_report_in_the_officers_language_with_every_name_as_typed(
    case_report, misses, tmp_path, lang, title, verdict
):
    _, digest = report_bytes(report_json(case_report))
    write_pdf(case_report, digest, tmp_path / "r.pdf", lang=lang)
    text = _pdf_text(tmp_path / "r.pdf")
    assert title in text and verdict in text and digest in text
    assert "张伟" in text and "Zhang Wei" in text
    assert "\\u" not in text  # no name escaped any more: Noto covers CJK, Tamil and Arabic
    assert misses == set(), f"missing from reports_{lang}.json"


@needs_poppler
@needs_noto
def test_receipt_is_in_the_travelers_recorded_language(case_report, misses, tmp_path):
    _, digest = report_bytes(report_json(case_report))
    write_receipt(case_report, ZHANG, digest, tmp_path / "zh.pdf")  # recorded: zh_CN
    zh = _pdf_text(tmp_path / "zh.pdf")
    assert "查验回执" in zh and "张伟" in zh and "旅行证件" in zh and digest in zh
    assert "年" in zh and "UTC" in zh  # 2026年12月2日 20:58:42 UTC+08:00
    write_receipt(case_report, TAMIL, digest, tmp_path / "ms.pdf")  # recorded: ms
    assert "Resit pemeriksaan" in _pdf_text(tmp_path / "ms.pdf")
    write_receipt(case_report, JAWI, digest, tmp_path / "en.pdf")  # default: English
    assert "Inspection receipt" in _pdf_text(tmp_path / "en.pdf")
    write_receipt(case_report, ZHANG, digest, tmp_path / "asked.pdf", lang="ms")  # --lang
    assert "Resit pemeriksaan" in _pdf_text(tmp_path / "asked.pdf")
    assert misses == set()


def test_catalogues_keep_placeholders_and_cover_each_other():
    import json
    import re

    tables = {
        lang: json.loads(
            (Path(lang_module.__file__).parents[3] / "resources" / "translations")
            .joinpath(f"reports_{lang}.json")
            .read_text(encoding="utf-8")
        )["messages"]
        for lang in ("ms", "zh_CN")
    }
    assert tables["ms"].keys() == tables["zh_CN"].keys()
    for table in tables.values():
        for source, text in table.items():
            assert text.strip(), source
            assert sorted(re.findall(r"\{\w+\}", source)) == sorted(re.findall(r"\{\w+\}", text))


def test_dates_in_each_language_keep_the_zone_offset():
    iso = "2026-12-02T12:58:42+00:00"
    assert Words("en").when(iso).endswith("UTC+00:00") or "UTC" in Words("en").when(iso)
    assert Words("ms").day(2026, 12, 2) == "2 Dis 2026"
    assert Words("zh_CN").day(2026, 12, 2) == "2026年12月2日"
    assert Words("en").when("not a time") == "not a time"
    with pytest.raises(UsageError, match="use one of"):
        Words("fr")


def test_fonts_of_other_scripts_load_only_when_the_text_needs_them():
    assert scripts_in("Aminah binti Yusof, Zoë") == set()
    assert scripts_in(ZHANG) == {"cjk"}
    assert scripts_in(f"{TAMIL} {JAWI}") == {"tamil", "arabic"}


def test_a_traveler_with_an_unknown_language_is_one_clear_line(store):
    case = store.open_case("Ana")
    with pytest.raises(UsageError, match="use one of en, ms, zh_CN"):
        store.add_traveler(case.id, "Li", language="xx")
    assert store.travelers(case.id) == []


def test_v4_database_migrates_with_every_traveler_in_english(data_dir):
    """A case recorded before travelers had a language stays readable: receipts in English."""
    with open_store() as store:
        case = store.open_case("Old")
        store.add_traveler(case.id, "Li")
    db = sqlite3.connect(store_path())
    db.execute("ALTER TABLE travelers DROP COLUMN language")
    db.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")  # v5 added it
    db.commit()
    db.close()
    with open_store() as store:
        assert store.migrated_from == 4
        [li] = store.travelers(case.id)
        assert li.language == "en"
        store.add_traveler(case.id, ZHANG, language="zh_CN")
        assert [t.language for t in store.travelers(case.id)] == ["en", "zh_CN"]


@needs_poppler
@needs_noto
def test_a_line_after_a_chinese_one_is_drawn_in_its_own_font(tmp_path):
    """fpdf2 left the text after a line of fallback-font text without a font: viewers drew
    the QR payload of a Chinese receipt in the CJK font, past the page's edge."""
    from fpdf.enums import XPos, YPos

    from inspector.core.reports.fonts import ReportPDF, setup_fonts

    pdf = ReportPDF()
    fonts = setup_fonts(pdf, "二维码内容")
    pdf.add_page()
    pdf.set_font(fonts.family, "", 8)
    for line in ("二维码内容：", "inspector:case=1;store=live;report-blake3=" + "a1" * 32):
        pdf.multi_cell(125, 4.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(tmp_path / "lines.pdf"))
    shown = subprocess.run(
        ["pdftotext", str(tmp_path / "lines.pdf"), "-"], capture_output=True, text=True
    )
    assert "No font" not in shown.stderr and "report-blake3=a1" in shown.stdout


@needs_noto
def test_tamil_and_jawi_names_are_shaped_latin_and_chinese_need_not_be():
    """Without shaping a Tamil vowel sign lands after its consonant and Arabic letters stand
    apart, left to right: the name on the receipt would be another word."""
    from inspector.core.reports.fonts import ReportPDF, setup_fonts

    for text, shaped in ((TAMIL, True), (JAWI, True), (ZHANG, False), ("Zoë", False)):
        pdf = ReportPDF()
        setup_fonts(pdf, text)
        assert bool(pdf.text_shaping) is shaped, text
        pdf.close_fonts()
