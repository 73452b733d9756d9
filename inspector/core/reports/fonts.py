"""Fonts for PDF reports: Noto Sans with the Noto fonts of the scripts a document uses (CJK,
Tamil, Arabic) as fallbacks, from the bundle's copy or the system's (fonts-noto-core,
fonts-noto-cjk); DejaVu when there is no Noto; else the PDF core font. Names print as typed;
characters no loaded font can draw are written as \\uXXXX escapes rather than as blank boxes,
so a name is never silently altered.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpdf import FPDF

from inspector.core.paths import font_dirs
from inspector.core.survey.names import display_name

# Noto Sans (fonts-noto-core) draws Latin, Greek and Cyrillic; Noto Sans CJK (fonts-noto-cjk, a
# collection of CFF-outline OpenType fonts that fpdf2 embeds as they are, subset) Chinese,
# Japanese and Korean; Noto Sans Tamil and Noto Sans Arabic (Jawi) the other scripts of the desk.
# DejaVu stays the font of last resort (and of the field kits built before Noto).
REGULAR, BOLD, MONO = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"
NOTO = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
# (family, regular, bold, collection index, the code points that call for it)
FALLBACKS = (
    ("notocjk", "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", 2, "cjk"),  # 2 = SC
    ("notosanstamil", "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", 0, "tamil"),
    ("notosansarabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", 0, "arabic"),
)
SHAPED = {"tamil", "arabic"}  # scripts that need text shaping (CJK and Latin do not)
SCRIPTS = {
    "cjk": ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF)),
    "tamil": ((0x0B80, 0x0BFF),),
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
}


def scripts_in(text: str) -> set[str]:
    """Which of the fallback scripts `text` uses (so a 20 MB CJK font is read only when a
    report or receipt holds Chinese, Japanese or Korean)."""
    found = set()
    points = {ord(ch) for ch in text if ord(ch) >= 0x0600}
    for name, ranges in SCRIPTS.items():
        if any(lo <= p <= hi for p in points for lo, hi in ranges):
            found.add(name)
    return found


@dataclass(frozen=True, slots=True)
class Fonts:
    family: str
    mono: str
    covered: frozenset[int] | None  # code points the font draws; None = Latin-1 core font

    def text(self, value: object) -> str:
        """Escape hostile characters, then anything the font cannot draw."""
        shown = display_name(str(value))
        if self.covered is None:
            return "".join(ch if ord(ch) < 256 else f"\\u{ord(ch):04x}" for ch in shown)
        return "".join(
            ch if ord(ch) in self.covered or ch in "\n" else f"\\u{ord(ch):04x}" for ch in shown
        )


# Without a Unicode font, the PDF core fonts draw Latin-1 only: typographic marks fall back to
# ASCII, anything else becomes an escape (never an exception halfway through a report).
_ASCII = str.maketrans(
    {
        "—": "-",
        "–": "-",
        "≈": "~",
        "•": "*",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "→": "->",
        "…": "...",
    }
)


class ReportPDF(FPDF):
    """FPDF that never fails on a character its current font cannot encode."""

    def close_fonts(self) -> None:
        """fontTools keeps each font file open until the object is collected (a
        ResourceWarning then); a document done with is closed at once."""
        for font in self.fonts.values():
            ttfont = getattr(font, "ttfont", None)
            if ttfont is not None:
                ttfont.close()

    def output(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().output(*args, **kwargs)
        finally:
            self.close_fonts()

    def _render_styled_text_line(self, *args: Any, **kwargs: Any) -> Any:
        # fpdf2 2.8 bug: after a line drawn wholly in a fallback font (a Chinese label) the
        # next line's text is written with no font selected ("No font in show"; viewers draw
        # it in the CJK font, too wide for the width fpdf2 measured). Selecting the font again
        # at each line costs a few bytes per line.
        self.current_font_is_set_on_page = False
        return super()._render_styled_text_line(*args, **kwargs)

    def normalize_text(self, text: str) -> str:
        if not self.is_ttf_font:
            text = "".join(
                ch if ord(ch) < 256 else f"\\u{ord(ch):04x}" for ch in text.translate(_ASCII)
            )
        return super().normalize_text(text)


def _find(name: str) -> Path | None:
    extra = os.environ.get("INSPECTOR_FONT_DIR")
    for d in (extra, *font_dirs()):
        if d and (Path(d) / name).is_file():
            return Path(d) / name
    return None


def _shape(pdf: FPDF) -> None:
    """Tamil vowel signs go before or around their consonant and Arabic letters join and run
    right to left: without HarfBuzz's shaping a Tamil or Jawi name prints as the wrong word.
    A build without uharfbuzz prints them unshaped rather than not at all."""
    try:
        pdf.set_text_shaping(True)
    except Exception:  # fpdf2 raises a bare FPDFException when uharfbuzz is missing
        return


def _cmap(pdf: FPDF, family: str) -> set[int]:
    return set(getattr(pdf.fonts[family], "cmap", {}))


def setup_fonts(pdf: FPDF, text: str = "") -> Fonts:
    """Fonts for a document whose words are `text` (its names, its language's labels): the
    main Unicode font and, as fpdf2 fallbacks, the fonts of the other scripts it uses."""
    regular, bold = _find(NOTO[0]), _find(NOTO[1])
    family = "notosans"
    if regular is None:
        regular, bold, family = _find(REGULAR), _find(BOLD), "dejavu"
    if regular is None:
        return Fonts("helvetica", "courier", None)
    pdf.add_font(family, "", str(regular))
    pdf.add_font(family, "B", str(bold or regular))
    covered = _cmap(pdf, family)
    fallbacks = []
    # symbols Noto Sans lacks (≈, →, ✓, box lines): DejaVu Sans, else its Mono face (the
    # field kit carries only the Mono one; it draws those too)
    dejavu = _find(REGULAR) or _find(MONO)
    if family != "dejavu" and dejavu is not None:
        pdf.add_font("dejavu", "", str(dejavu))
        pdf.add_font("dejavu", "B", str(_find(BOLD) or dejavu))
        covered |= _cmap(pdf, "dejavu")
        fallbacks.append("dejavu")
    wanted = scripts_in(text)
    for name, reg, bld, index, script in FALLBACKS:
        reg_path, bold_path = _find(reg), _find(bld)
        if script not in wanted or reg_path is None:
            continue
        pdf.add_font(name, "", str(reg_path), collection_font_number=index)
        pdf.add_font(name, "B", str(bold_path or reg_path), collection_font_number=index)
        covered |= _cmap(pdf, name)
        fallbacks.append(name)
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks, exact_match=False)
    if wanted & SHAPED:
        _shape(pdf)
    mono_family = "courier"
    mono = _find(MONO)
    if mono is not None:
        pdf.add_font("dejavumono", "", str(mono))
        mono_family = "dejavumono"
    return Fonts(family, mono_family, frozenset(covered))
