"""The category chart of a report, drawn with fpdf primitives (no plotting library): one bar
per content category, the bytes estimated across all drives, with its 95 % interval as a whisker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from fpdf import FPDF

from inspector.core.case.records import DriveRecord
from inspector.core.case.verdicts import Estimate, sum_estimates
from inspector.core.reports.fonts import Fonts
from inspector.core.units import format_size

# Fill colours per category (RGB), muted so the print stays readable in grey too.
COLOURS: dict[str, tuple[int, int, int]] = {
    "ai-dataset": (192, 57, 43),
    "ai-model": (230, 126, 34),
    "encrypted": (108, 52, 131),
    "archive": (127, 140, 141),
    "disk-image": (93, 109, 126),
    "image": (41, 128, 185),
    "video": (52, 152, 219),
    "audio": (26, 188, 156),
    "document": (39, 174, 96),
    "text": (22, 160, 133),
    "executable": (149, 165, 166),
    "database": (44, 62, 80),
}
DEFAULT_COLOUR = (170, 170, 170)


@dataclass(frozen=True, slots=True)
class CategoryBytes:
    category: str
    bytes: Estimate


def category_bytes(drives: Sequence[DriveRecord]) -> list[CategoryBytes]:
    """Bytes per category over every drive with an identified content, largest first."""
    parts: dict[str, list[Estimate]] = {}
    for d in drives:
        r = d.result
        if r is None or r.content.method == "none":
            continue
        total = r.survey.bytes
        for c in r.content.categories:
            e = Estimate(c.bytes_share * total, c.ci[0] * total, c.ci[1] * total)
            parts.setdefault(c.category, []).append(e)
    out = [CategoryBytes(k, sum_estimates(v)) for k, v in parts.items()]
    return sorted(out, key=lambda c: -c.bytes.value)


def draw_chart(
    pdf: FPDF,
    fonts: Fonts,
    data: Sequence[CategoryBytes],
    width: float,
    words: Callable[[str], str] = str,
) -> None:
    """Horizontal bars at the current position; moves the cursor below the chart."""
    x0, y = pdf.l_margin, pdf.get_y()
    label_w, value_w, row_h = 28.0, 46.0, 6.0
    bar_w = width - label_w - value_w
    top = max((c.bytes.hi for c in data), default=0.0) or 1.0
    pdf.set_font(fonts.family, "", 8)
    for c in data:
        pdf.set_xy(x0, y)
        pdf.cell(label_w, row_h, fonts.text(words(c.category)))
        bx = x0 + label_w
        pdf.set_draw_color(200, 200, 200)
        pdf.rect(bx, y + 1, bar_w, row_h - 2)  # the scale's frame
        pdf.set_fill_color(*COLOURS.get(c.category, DEFAULT_COLOUR))
        length = bar_w * c.bytes.value / top
        if length > 0:
            pdf.rect(bx, y + 1, length, row_h - 2, style="F")
        lo, hi = bx + bar_w * c.bytes.lo / top, bx + bar_w * c.bytes.hi / top
        mid = y + row_h / 2
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.3)
        pdf.line(lo, mid, hi, mid)  # 95 % interval
        pdf.line(lo, mid - 1.2, lo, mid + 1.2)
        pdf.line(hi, mid - 1.2, hi, mid + 1.2)
        pdf.set_line_width(0.2)
        pdf.set_xy(bx + bar_w + 2, y)
        e = c.bytes
        pdf.cell(
            value_w - 2, row_h, f"{format_size(e.value)} ({format_size(e.lo)}–{format_size(e.hi)})"
        )
        y += row_h
    pdf.set_xy(x0, y + 2)
