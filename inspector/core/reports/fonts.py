"""Fonts for PDF reports: a Unicode TrueType font when one is there (DejaVu: the bundle's copy,
or fonts-dejavu-core's), else the PDF core font. Characters no loaded font can draw are written as
\\uXXXX escapes rather than as blank boxes, so a name is never silently altered.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from inspector.core.paths import font_dirs
from inspector.core.survey.names import display_name

REGULAR, BOLD, MONO = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"


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


def setup_fonts(pdf: FPDF) -> Fonts:
    regular, bold, mono = _find(REGULAR), _find(BOLD), _find(MONO)
    if regular is None:
        return Fonts("helvetica", "courier", None)
    pdf.add_font("dejavu", "", str(regular))
    pdf.add_font("dejavu", "B", str(bold or regular))
    mono_family = "courier"
    if mono is not None:
        pdf.add_font("dejavumono", "", str(mono))
        mono_family = "dejavumono"
    font = pdf.fonts["dejavu"]
    covered = frozenset(getattr(font, "cmap", {}))
    return Fonts("dejavu", mono_family, covered)
