"""The desk's language: Qt translators for our catalogues (resources/translations/*.qm) and
Qt's own (standard buttons), chosen from the system locale or View → Language, switched live.

Installing a translator makes Qt send QEvent.LanguageChange to every widget; each widget of the
desk re-sets its texts in `retranslate()` and the table models re-emit their headers and cells,
so nothing needs a restart.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QEvent,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from inspector.core.case.times import local_parts
from inspector.core.paths import resource

# Code -> the language's own name (a menu entry must be readable by who needs it).
LANGUAGES = {
    "en": "English",
    "ms": "Bahasa Melayu",
    "zh_CN": "简体中文",
}
DEFAULT = "en"
SETTING = "desk/language"  # "" = follow the system locale

# Day, month by name, four-digit year: never 02/12 (2 December or 12 February?) at a desk where
# officers and travelers come from both conventions. Month names come from the locale.
DATE_PATTERNS = {"en": "d MMM yyyy", "ms": "d MMM yyyy", "zh_CN": "yyyy年M月d日"}

_installed: list[QTranslator] = []
_current = DEFAULT


def catalogue_dir() -> str:
    return str(resource("translations"))


def system_language() -> str:
    """The supported language closest to the system locale (else English)."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("-", "_")
        if code in LANGUAGES:
            return code
        base = code.split("_")[0]
        if base == "zh" and ("Hans" in code or code.endswith(("CN", "SG", "MY"))):
            return "zh_CN"
        if base in LANGUAGES:
            return base
    return DEFAULT


def saved_choice() -> str:
    """The officer's choice from View → Language ("" = the system's)."""
    value = QSettings("inspector", "inspector").value(SETTING, "")
    return value if isinstance(value, str) and value in LANGUAGES else ""


def save_choice(code: str) -> None:
    QSettings("inspector", "inspector").setValue(SETTING, code)


def current_language() -> str:
    return _current


def locale() -> QLocale:
    """The locale numbers and dates are shown in: the desk's language in Malaysia (ms_MY,
    zh_CN as written in Malaysia still groups digits the same way), English as en_MY."""
    return QLocale({"en": "en_MY", "ms": "ms_MY", "zh_CN": "zh_CN"}.get(_current, "en_MY"))


def when(iso: str | None) -> str:
    """A recorded UTC time as the officer reads it: the desk's zone with its offset, the date
    in the language's own words and order ("2 Dis 2026 20:58:42 UTC+08:00" in Malay,
    "2026年12月2日 20:58:42 UTC+08:00" in Chinese)."""
    if not iso:
        return "—"
    parts = local_parts(iso)
    if parts is None:
        return iso
    local, zone = parts
    loc = locale()
    pattern = DATE_PATTERNS.get(_current, DATE_PATTERNS[DEFAULT])
    day = loc.toString(QDate(local.year, local.month, local.day), pattern)
    return f"{day} {local:%H:%M:%S} {zone}"


def set_language(code: str, qm_dir: str | None = None) -> bool:
    """Load `code`'s catalogue (`qm_dir` for tests); False when it is not there (the desk
    stays in English then, never half-switched). English needs no catalogue."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        return False
    new: list[QTranslator] = []
    if code != "en":
        ours = QTranslator(app)
        if not ours.load(f"inspector_{code}", qm_dir or catalogue_dir()):
            return False
        new.append(ours)
        qt = QTranslator(app)  # "Cancel", "Save" and the file dialogs, from Qt itself
        if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            new.append(qt)
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed[:] = new
    for t in new:
        QCoreApplication.installTranslator(t)
    _current = code
    QLocale.setDefault(locale())
    return True


def start_language() -> str:
    """At start-up: the saved choice, else the system's; the language in force."""
    code = saved_choice() or system_language()
    if not set_language(code):
        set_language(DEFAULT)
    return _current


class Retranslating:
    """Mixin for a widget of the desk: on a change of language Qt sends it LanguageChange and
    it re-sets its texts in `retranslate()` (the widget calls it once itself at the end of
    its construction)."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


# The verdict words, as the badge, the tables and the score show them (the values stay
# "clear" / "refer" / "pending" in the case, JSON and tests).
VERDICT_WORDS = {
    "clear": QT_TRANSLATE_NOOP("Verdict", "CLEAR"),
    "refer": QT_TRANSLATE_NOOP("Verdict", "REFER"),
    "pending": QT_TRANSLATE_NOOP("Verdict", "PENDING"),
}


def verdict_word(verdict: str | None) -> str:
    """CLEAR / REFER / PENDING in the desk's language (None reads as PENDING: never CLEAR)."""
    return QCoreApplication.translate("Verdict", VERDICT_WORDS.get(verdict or "pending", "PENDING"))


# The content categories (ARCHITECTURE.md's fixed vocabulary) as charts label them: English
# shows the code itself; other languages name it.
CATEGORY_WORDS = {
    code: code
    for code in (
        QT_TRANSLATE_NOOP("Category", "ai-dataset"),
        QT_TRANSLATE_NOOP("Category", "ai-model"),
        QT_TRANSLATE_NOOP("Category", "archive"),
        QT_TRANSLATE_NOOP("Category", "image"),
        QT_TRANSLATE_NOOP("Category", "video"),
        QT_TRANSLATE_NOOP("Category", "audio"),
        QT_TRANSLATE_NOOP("Category", "document"),
        QT_TRANSLATE_NOOP("Category", "text"),
        QT_TRANSLATE_NOOP("Category", "executable"),
        QT_TRANSLATE_NOOP("Category", "database"),
        QT_TRANSLATE_NOOP("Category", "disk-image"),
        QT_TRANSLATE_NOOP("Category", "encrypted"),
        QT_TRANSLATE_NOOP("Category", "empty"),
        QT_TRANSLATE_NOOP("Category", "unknown"),
    )
}


def category_word(code: str) -> str:
    return QCoreApplication.translate("Category", code) if code in CATEGORY_WORDS else code
