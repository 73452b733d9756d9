"""SVG icons from resources/icons/, tinted to the palette's text colour (light and dark)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from inspector.core.paths import resources_dir

SIZES = (16, 24, 32, 48)


@cache
def _svg(name: str) -> bytes:
    return (resources_dir() / "icons" / f"{name}.svg").read_bytes()


def icon(name: str) -> QIcon:
    """`name`.svg rendered at several sizes (crisp at any device pixel ratio); the SVGs use
    `currentColor`, replaced by the palette's text colour so they read on dark themes."""
    color = QGuiApplication.palette().color(QPalette.ColorRole.ButtonText).name()
    data = _svg(name).replace(b"currentColor", color.encode())
    renderer = QSvgRenderer(QByteArray(data))
    result = QIcon()
    for size in SIZES:
        pixmap = QPixmap(QSize(size, size))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result
