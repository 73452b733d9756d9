"""The chart of a `benchmarks/run` result: each goal as a bar of measured-against-goal.

A score is goal/measured when lower is better and measured/goal when higher is, so 1 is the
goal exactly and every bar reads the same way: right of the line meets it. Log scale, since
scores run from a few tenths to tens. Drawn with Pillow (already there for the reports).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

WIDTH, ROW_H, TOP, LEFT, RIGHT = 1100, 34, 70, 330, 40
LOW, HIGH = 0.1, 20.0  # score axis (log)
FONTS = ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for name in FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _x(score: float) -> float:
    s = min(max(score, LOW), HIGH)
    return LEFT + (WIDTH - LEFT - RIGHT) * math.log(s / LOW) / math.log(HIGH / LOW)


def draw(result: dict[str, Any], path: Path) -> Path:
    bars = [(label, score) for row in result["rows"] for label, score in row["scores"].items()]
    pending = [f"{row['measure']}: {row['figure']}" for row in result["rows"] if not row["scores"]]
    height = TOP + ROW_H * (len(bars) + 1) + 24 * (len(pending) + 2)
    img = Image.new("RGB", (WIDTH, height), "white")
    d = ImageDraw.Draw(img)
    title, small = _font(18), _font(13)
    kind = "quick run" if result["quick"] else "full run"
    d.text(
        (16, 12),
        f"Inspector against its goals — {kind}, {result['date']}, "
        f"{result['machine']['cores']} cores",
        fill="black",
        font=title,
    )
    d.text(
        (16, 38),
        "measured / goal (log scale): right of the line meets the goal",
        fill="#555",
        font=small,
    )
    for tick in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20):
        x = _x(tick)
        d.line([(x, TOP - 6), (x, TOP + ROW_H * len(bars))], fill="#ddd")
        d.text((x - 8, TOP + ROW_H * len(bars) + 4), f"{tick:g}", fill="#555", font=small)
    goal = _x(1.0)
    for i, (label, score) in enumerate(bars):
        y = TOP + i * ROW_H
        colour = "#2e8b57" if score >= 1 else "#c0392b"
        d.rectangle([LEFT, y + 6, _x(score), y + ROW_H - 6], fill=colour)
        d.text((16, y + 9), label, fill="black", font=small)
        d.text((min(_x(score) + 6, WIDTH - 60), y + 9), f"{score:.2f}", fill="black", font=small)
    d.line([(goal, TOP - 10), (goal, TOP + ROW_H * len(bars))], fill="black", width=2)
    y = TOP + ROW_H * (len(bars) + 1)
    if pending:
        d.text((16, y), "Not charted (no goal, or no figure yet):", fill="#555", font=small)
    for j, text in enumerate(pending, start=1):
        d.text((28, y + 22 * j), text[:150], fill="#555", font=small)
    img.save(path)
    return path
