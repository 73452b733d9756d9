"""Words Qt itself draws on the desk (standard dialog buttons, tab-bar arrows) that Qt ships
no Malay catalogue for (PySide6 carries qtbase_zh_CN.qm, no qtbase_ms.qm). Listed here so
lupdate puts them, under Qt's own context, into our catalogues; Qt looks them up through our
translator. Never called: the marks are for lupdate only."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

STANDARD_BUTTONS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
)
TAB_BAR = (  # the arrows of a tab bar too narrow for its tabs (screen readers read them)
    QT_TRANSLATE_NOOP("QTabBar", "Scroll Left"),
    QT_TRANSLATE_NOOP("QTabBar", "Scroll Right"),
)
