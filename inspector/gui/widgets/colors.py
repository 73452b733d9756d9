"""Semantic colours that read on both the light and the dark system palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def refer_color(palette: QPalette) -> QColor:
    return QColor("#ef6b5b") if is_dark(palette) else QColor("#b3261e")


def clear_color(palette: QPalette) -> QColor:
    return QColor("#5cc98b") if is_dark(palette) else QColor("#1b7a43")


def pending_color(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.PlaceholderText)


def training_color(palette: QPalette) -> QColor:
    return QColor("#f0a020") if is_dark(palette) else QColor("#a35c00")


def fill_color(fraction: float, palette: QPalette) -> QColor:
    """Accent for fill: nearly full drives (the shape of a shipment) stand out."""
    if fraction >= 0.9:
        return refer_color(palette)
    return palette.color(QPalette.ColorRole.Highlight)


# One colour per category of the fixed vocabulary (ARCHITECTURE.md), AI categories strongest.
CATEGORY_COLORS = {
    "ai-dataset": "#d1495b",
    "ai-model": "#8e3b8e",
    "archive": "#edae49",
    "image": "#00798c",
    "video": "#30638e",
    "audio": "#4f9d69",
    "document": "#6d6875",
    "text": "#8d99ae",
    "executable": "#b56576",
    "database": "#7f5539",
    "disk-image": "#5e548e",
    "encrypted": "#222222",
    "empty": "#bbbbbb",
    "unknown": "#999999",
}


def category_color(category: str, palette: QPalette) -> QColor:
    color = QColor(CATEGORY_COLORS.get(category, "#999999"))
    if category == "encrypted" and is_dark(palette):
        return QColor("#dddddd")
    return color
